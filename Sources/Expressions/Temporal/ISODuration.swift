/// An ISO 8601 duration such as `P1Y2M`, `P3DT4H`, `PT0.5S` or `-PT10M`.
///
/// The calendar part (years, months, days) is kept apart from the exact time part, because adding `P1M` to a
/// date-time depends on the month it lands in. STUB: parsing, formatting and arithmetic are being written (issue 3,
/// timers helper).
public struct ISODuration: Sendable, Hashable {
    /// Whole months (years × 12 + months); negative for a negative duration.
    public var months: Int
    /// Whole days; negative for a negative duration.
    public var days: Int
    /// The time part in milliseconds (hours, minutes, seconds, fractions); negative for a negative duration.
    public var milliseconds: Int64

    /// Creates a duration.
    public init(months: Int = 0, days: Int = 0, milliseconds: Int64 = 0) {
        self.months = months
        self.days = days
        self.milliseconds = milliseconds
    }

    /// Parses ISO 8601 `PnYnMnDTnHnMnS` (fractions on the smallest unit, `PnW`, a leading `-`). Nil when invalid.
    public static func parse(_ text: String) -> ISODuration? { nil }

    /// ISO 8601 text, e.g. `P1DT2H` or `PT0.5S`; `PT0S` for zero.
    public var iso8601: String { "" }

    /// The date-time this duration after `start` (calendar months and days first, then the exact time).
    public func added(to start: DateTime) -> DateTime { start }
}
