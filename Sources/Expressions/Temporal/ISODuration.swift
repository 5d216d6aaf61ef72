/// An ISO 8601 duration such as `P1Y2M`, `P3DT4H`, `PT0.5S` or `-PT10M`.
///
/// The calendar part (years, months, days) is kept apart from the exact time part, because adding `P1M` to a
/// date-time depends on the month it lands in. Days are calendar days; as `DateTime` carries a fixed UTC offset
/// (no zone rules), a day always adds exactly 24 hours.
///
/// Not `Comparable`: `P1M` against `P30D` has no answer. `isShorter(than:)` orders the pairs that do have one.
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

    /// The zero duration, `PT0S`.
    public static let zero = ISODuration()

    /// Parses ISO 8601 `PnYnMnDTnHnMnS` (fractions on the smallest unit, `PnW`, a leading `-`). Nil when invalid.
    ///
    /// Details: the designators must come in the order Y, M, W, D, T, H, M, S, each at most once; weeks may be
    /// combined with the others (as java.time does) and count as 7 days. A fraction (`.` or `,`, 1–9 digits) is
    /// allowed only on the last component and not on years or months; a fraction of a week or day goes into the time
    /// part (`P0.5D` = 12 hours); sub-millisecond digits are truncated. A leading `+` is accepted. Rejected: `P`, `PT`,
    /// `P1DT`, signs inside (`P-1D`), lower-case designators, values that overflow.
    public static func parse(_ text: String) -> ISODuration? {
        var scanner = ISODurationScanner(text)
        return scanner.scanDuration()
    }

    /// ISO 8601 text, e.g. `P1DT2H` or `PT0.5S`; `PT0S` for zero.
    ///
    /// Normalized: months are split into years and months, days are written as days (never weeks), the time part
    /// into hours, minutes and seconds with at most three fraction digits (trailing zeros dropped). Hours are not
    /// folded into days, because days are calendar days. A negative duration gets one leading `-`; a duration whose
    /// parts have different signs (only from arithmetic) writes a `-` before each negative part, as java.time does.
    public var iso8601: String {
        if months == 0, days == 0, milliseconds == 0 { return "PT0S" }
        let allNonPositive = months <= 0 && days <= 0 && milliseconds <= 0
        let prefix = allNonPositive ? "-P" : "P"
        var text = prefix
        func part(_ negative: Bool, _ magnitude: UInt64, _ designator: String) {
            guard magnitude != 0 else { return }
            text += (negative && !allNonPositive ? "-" : "") + String(magnitude) + designator
        }
        let monthMagnitude = UInt64(months.magnitude)
        part(months < 0, monthMagnitude / 12, "Y")
        part(months < 0, monthMagnitude % 12, "M")
        part(days < 0, UInt64(days.magnitude), "D")
        if milliseconds != 0 {
            text += "T"
            let magnitude = milliseconds.magnitude
            let negative = milliseconds < 0
            part(negative, magnitude / 3_600_000, "H")
            part(negative, magnitude / 60_000 % 60, "M")
            let seconds = magnitude / 1000 % 60
            let fraction = magnitude % 1000
            if seconds != 0 || fraction != 0 {
                text += (negative && !allNonPositive ? "-" : "") + String(seconds)
                if fraction != 0 {
                    var digits = DateTime.pad(Int(fraction), 3)
                    while digits.hasSuffix("0") { digits.removeLast() }
                    text += "." + digits
                }
                text += "S"
            }
        }
        return text
    }

    /// Whether every part is zero.
    public var isZero: Bool { months == 0 && days == 0 && milliseconds == 0 }

    /// The length in milliseconds when it is fixed (no months; days count 24 hours); nil when there are months or the
    /// total overflows.
    public var exactMilliseconds: Int64? {
        guard months == 0 else { return nil }
        let (dayPart, overflow) = Int64(days).multipliedReportingOverflow(by: CivilCalendar.millisecondsPerDay)
        guard !overflow else { return nil }
        let (total, sumOverflow) = dayPart.addingReportingOverflow(milliseconds)
        return sumOverflow ? nil : total
    }

    /// Orders two durations where that is meaningful: both without months (compared as total milliseconds, a day
    /// being 24 hours), or both months only (compared as months). Nil otherwise (`P1M` against `P30D`).
    public func isShorter(than other: ISODuration) -> Bool? {
        if let own = exactMilliseconds, let theirs = other.exactMilliseconds { return own < theirs }
        if days == 0, milliseconds == 0, other.days == 0, other.milliseconds == 0 { return months < other.months }
        return nil
    }

    /// The same duration with every part's sign flipped (saturating for the most negative values).
    public var negated: ISODuration {
        ISODuration(
            months: months == .min ? .max : -months, days: days == .min ? .max : -days,
            milliseconds: milliseconds == .min ? .max : -milliseconds)
    }

    /// The part-by-part sum (saturating instead of overflowing).
    public static func + (lhs: ISODuration, rhs: ISODuration) -> ISODuration {
        ISODuration(
            months: saturatingSum(lhs.months, rhs.months), days: saturatingSum(lhs.days, rhs.days),
            milliseconds: saturatingSum(lhs.milliseconds, rhs.milliseconds))
    }

    /// The part-by-part difference (saturating instead of overflowing).
    public static func - (lhs: ISODuration, rhs: ISODuration) -> ISODuration {
        lhs + rhs.negated
    }

    /// The date-time this duration after `start` (calendar months and days first, then the exact time).
    ///
    /// Months are added in `start`'s offset with end-of-month clamping (`2026-01-31` + `P1M` = `2026-02-28`), then
    /// days as calendar days, then the milliseconds. The result keeps `start`'s offset.
    public func added(to start: DateTime) -> DateTime {
        start.adding(months: months).adding(days: days).adding(milliseconds: milliseconds)
    }

    /// The date-time this duration before `start` (the negated duration added, parts in the same order).
    public func subtracted(from start: DateTime) -> DateTime {
        negated.added(to: start)
    }

    private static func saturatingSum<T: FixedWidthInteger & SignedInteger>(_ lhs: T, _ rhs: T) -> T {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        guard overflow else { return sum }
        return rhs > 0 ? .max : .min
    }
}
