import Expressions
import Foundation

/// Where the engine's "now" comes from: the system clock in production, a settable one in tests.
public struct EngineClock: Sendable {
    /// Reads the time.
    public let now: @Sendable () -> DateTime

    /// A clock reading `now`.
    public init(now: @escaping @Sendable () -> DateTime) { self.now = now }

    /// The system clock, in milliseconds, UTC.
    public static let system = EngineClock {
        DateTime(epochMilliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()), offsetSeconds: 0)
    }
}
