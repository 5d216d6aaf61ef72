/// An instant in time with millisecond precision, and the UTC offset it was written with.
///
/// STUB: the parsing and formatting are being written (issue 3, timers helper).
public struct DateTime: Sendable, Hashable, Comparable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var epochMilliseconds: Int64
    /// The offset from UTC in seconds that the value was written with (nil: written without an offset, read as UTC).
    public var offsetSeconds: Int?

    /// Creates a date-time.
    public init(epochMilliseconds: Int64, offsetSeconds: Int? = nil) {
        self.epochMilliseconds = epochMilliseconds
        self.offsetSeconds = offsetSeconds
    }

    /// Parses ISO 8601 `2026-11-30T10:15:30Z`, `…T10:15:30.250+01:00`, `…T10:15:30` (read as UTC) or a date
    /// `2026-11-30` (midnight UTC). Nil when the text is not one of these.
    public static func parse(_ text: String) -> DateTime? { nil }

    /// ISO 8601 text, e.g. `2026-11-30T10:15:30.250Z` (milliseconds only when non-zero; the stored offset is kept).
    public var iso8601: String { "" }

    /// Orders by instant.
    public static func < (lhs: DateTime, rhs: DateTime) -> Bool { lhs.epochMilliseconds < rhs.epochMilliseconds }
}
