import EngineRuntime
import Expressions
import Synchronization

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let millis = Mutex<Int64>(1_767_225_600_000)  // 2026-01-01T00:00:00Z

    var engineClock: EngineClock { EngineClock { DateTime(epochMilliseconds: self.millis.withLock { $0 }, offsetSeconds: 0) } }

    func advance(minutes: Int64) { millis.withLock { $0 += minutes * 60_000 } }
}
