import Expressions
import Foundation

/// Where the engine's "now" comes from: the system clock in production, a settable one in tests.
public struct EngineClock: Sendable {
    /// Reads the time.
    public let now: @Sendable () -> DateTime

    /// A clock reading `now`. A time without a UTC offset is taken as UTC: the engine writes times as text to
    /// `timestamptz` columns, and text without an offset would be read in the database session's time zone (and
    /// the history chain would hash another instant than the one stored).
    public init(now: @escaping @Sendable () -> DateTime) {
        self.now = {
            let time = now()
            guard time.offsetSeconds == nil else { return time }
            return DateTime(epochMilliseconds: time.epochMilliseconds, offsetSeconds: 0)
        }
    }

    /// The system clock, in milliseconds, UTC.
    public static let system = EngineClock {
        DateTime(epochMilliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()), offsetSeconds: 0)
    }
}
