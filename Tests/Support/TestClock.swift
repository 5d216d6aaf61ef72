import EngineRuntime
import Expressions
import Synchronization

/// A clock the test moves by hand.
public final class TestClock: Sendable {
    /// Creates a clock at 2026-01-01T00:00:00Z.
    public init() {}

    private let millis = Mutex<Int64>(1_767_225_600_000)  // 2026-01-01T00:00:00Z

    /// The engine clock reading this test clock.
    public var engineClock: EngineClock { EngineClock { DateTime(epochMilliseconds: self.millis.withLock { $0 }, offsetSeconds: 0) } }

    /// Moves the clock forward.
    public func advance(minutes: Int64) { millis.withLock { $0 += minutes * 60_000 } }
}
