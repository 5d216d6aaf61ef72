/// An instant in time with millisecond precision, and the UTC offset it was written with.
///
/// Equality and hashing compare both the instant and the offset (`10:00Z` and `11:00+01:00` are the same instant but
/// not equal values); ordering compares the instant only. Arithmetic saturates at `DateTime.minimum` and
/// `DateTime.maximum` (years −999 999 and 999 999) instead of trapping.
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

    /// Creates a date-time from civil fields read in `offsetSeconds` (UTC when nil); nil when a field is out of
    /// range (month 1–12, day within the month, hour 0–23, minute and second 0–59, millisecond 0–999, year
    /// −999 999…999 999, offset within ±18 hours).
    public init?(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0,
        offsetSeconds: Int? = nil
    ) {
        guard (-Self.yearLimit...Self.yearLimit).contains(year), (1...12).contains(month),
            (1...CivilCalendar.daysInMonth(year: Int64(year), month: month)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
            (0...999).contains(millisecond), (-Self.maximumOffsetSeconds...Self.maximumOffsetSeconds)
                .contains(offsetSeconds ?? 0)
        else { return nil }
        let dayNumber = CivilCalendar.days(year: Int64(year), month: month, day: day)
        let timeOfDay = Int64(((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
        let local = dayNumber * CivilCalendar.millisecondsPerDay + timeOfDay
        self.init(epochMilliseconds: local - Int64(offsetSeconds ?? 0) * 1000, offsetSeconds: offsetSeconds)
    }

    /// The largest year a date-time may have (and, negated, the smallest).
    public static let yearLimit = 999_999
    /// The largest UTC offset accepted, in seconds (18 hours, as in ISO 8601 and java.time).
    public static let maximumOffsetSeconds = 18 * 3600
    /// The earliest supported instant: -999999-01-01T00:00:00Z.
    public static let minimum = DateTime(
        epochMilliseconds: CivilCalendar.days(year: Int64(-yearLimit), month: 1, day: 1) * CivilCalendar
            .millisecondsPerDay)
    /// The latest supported instant: 999999-12-31T23:59:59.999Z.
    public static let maximum = DateTime(
        epochMilliseconds: (CivilCalendar.days(year: Int64(yearLimit), month: 12, day: 31) + 1) * CivilCalendar
            .millisecondsPerDay - 1)

    /// The instant as milliseconds since the epoch in the stored offset's wall-clock time (UTC when nil).
    var localMilliseconds: Int64 { epochMilliseconds + Int64(offsetSeconds ?? 0) * 1000 }

    /// The civil fields in UTC.
    public var utcComponents: DateTimeComponents { Self.components(ofLocalMilliseconds: epochMilliseconds) }

    /// The civil fields in the stored offset (UTC when the value has no offset).
    public var localComponents: DateTimeComponents { Self.components(ofLocalMilliseconds: localMilliseconds) }

    /// The same instant expressed in another offset (nil: no offset, shown as UTC).
    public func withOffset(_ offsetSeconds: Int?) -> DateTime {
        DateTime(epochMilliseconds: epochMilliseconds, offsetSeconds: offsetSeconds)
    }

    /// This instant moved by an exact number of milliseconds (the offset is kept); saturates at the supported range.
    public func adding(milliseconds: Int64) -> DateTime {
        let (sum, overflow) = epochMilliseconds.addingReportingOverflow(milliseconds)
        let clamped = overflow ? (milliseconds > 0 ? Self.maximum : Self.minimum).epochMilliseconds : sum
        return DateTime(epochMilliseconds: Self.clamp(clamped), offsetSeconds: offsetSeconds)
    }

    /// This instant moved by whole calendar days; with a fixed UTC offset a day is always 24 hours.
    public func adding(days: Int) -> DateTime {
        let (product, overflow) = Int64(days).multipliedReportingOverflow(by: CivilCalendar.millisecondsPerDay)
        if overflow { return (days > 0 ? Self.maximum : Self.minimum).withOffset(offsetSeconds) }
        return adding(milliseconds: product)
    }

    /// This instant moved by calendar months in the stored offset, keeping the wall-clock time; a day past the end of
    /// the target month is clamped to its last day (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year).
    public func adding(months: Int) -> DateTime {
        guard months != 0 else { return self }
        let local = localComponents
        let monthIndex = Int64(local.year) * 12 + Int64(local.month - 1)
        let (target, overflow) = monthIndex.addingReportingOverflow(Int64(clamping: months))
        let limit = Int64(Self.yearLimit) * 12
        if overflow || target > limit + 11 || target < -limit {
            return (months > 0 ? Self.maximum : Self.minimum).withOffset(offsetSeconds)
        }
        let year = CivilCalendar.floorDivide(target, 12)
        let month = Int(CivilCalendar.floorModulo(target, 12)) + 1
        let day = min(local.day, CivilCalendar.daysInMonth(year: year, month: month))
        let dayNumber = CivilCalendar.days(year: year, month: month, day: day)
        let timeOfDay = CivilCalendar.floorModulo(localMilliseconds, CivilCalendar.millisecondsPerDay)
        let newLocal = dayNumber * CivilCalendar.millisecondsPerDay + timeOfDay
        let epoch = Self.clamp(newLocal - Int64(offsetSeconds ?? 0) * 1000)
        return DateTime(epochMilliseconds: epoch, offsetSeconds: offsetSeconds)
    }

    /// Parses ISO 8601 `2026-11-30T10:15:30Z`, `…T10:15:30.250+01:00`, `…T10:15:30` (read as UTC) or a date
    /// `2026-11-30` (midnight UTC). Nil when the text is not one of these.
    ///
    /// Also accepted: `t`/`z` in lower case, minutes without seconds (`T10:15`), a comma before the fraction, up to 9
    /// fraction digits (kept to the millisecond, the rest truncated), offsets `+01`, `+0100`, `+01:00` (at most
    /// ±18:00). Rejected: a zone name suffix (`[Europe/Berlin]`), hour 24, leap second 60, surrounding spaces.
    public static func parse(_ text: String) -> DateTime? {
        var scanner = DateTimeScanner(text)
        return scanner.scanDateTime()
    }

    /// ISO 8601 text, e.g. `2026-11-30T10:15:30.250Z` (milliseconds only when non-zero; the stored offset is kept).
    ///
    /// Offset 0 is written `Z`; a value without an offset is written without a designator (`2026-11-30T10:15:30`),
    /// so it parses back to the same value. Years outside 0000–9999 get a sign and at least four digits.
    public var iso8601: String {
        let fields = localComponents
        var text = Self.yearText(fields.year)
        text += "-" + Self.pad(fields.month, 2) + "-" + Self.pad(fields.day, 2)
        text += "T" + Self.pad(fields.hour, 2) + ":" + Self.pad(fields.minute, 2) + ":" + Self.pad(fields.second, 2)
        if fields.millisecond != 0 { text += "." + Self.pad(fields.millisecond, 3) }
        if let offsetSeconds { text += Self.offsetText(offsetSeconds) }
        return text
    }

    /// Orders by instant.
    public static func < (lhs: DateTime, rhs: DateTime) -> Bool { lhs.epochMilliseconds < rhs.epochMilliseconds }

    static func clamp(_ epoch: Int64) -> Int64 {
        min(max(epoch, minimum.epochMilliseconds), maximum.epochMilliseconds)
    }

    static func components(ofLocalMilliseconds local: Int64) -> DateTimeComponents {
        let dayNumber = CivilCalendar.floorDivide(local, CivilCalendar.millisecondsPerDay)
        let timeOfDay = Int(local - dayNumber * CivilCalendar.millisecondsPerDay)
        let date = CivilCalendar.date(fromDays: dayNumber)
        return DateTimeComponents(
            year: Int(date.year), month: date.month, day: date.day, hour: timeOfDay / 3_600_000,
            minute: timeOfDay / 60_000 % 60, second: timeOfDay / 1000 % 60, millisecond: timeOfDay % 1000,
            weekday: CivilCalendar.weekday(fromDays: dayNumber))
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func yearText(_ year: Int) -> String {
        if (0...9999).contains(year) { return pad(year, 4) }
        return (year < 0 ? "-" : "+") + pad(Int(year.magnitude), 4)
    }

    static func offsetText(_ offsetSeconds: Int) -> String {
        if offsetSeconds == 0 { return "Z" }
        let magnitude = Int(offsetSeconds.magnitude)
        var text = (offsetSeconds < 0 ? "-" : "+") + pad(magnitude / 3600, 2) + ":" + pad(magnitude / 60 % 60, 2)
        if magnitude % 60 != 0 { text += ":" + pad(magnitude % 60, 2) }
        return text
    }
}
