/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01 (Howard Hinnant's algorithms), used by FEEL's
/// date functions and date-time properties.
enum CivilCalendar {
    static let millisecondsPerDay: Int64 = 86_400_000

    /// Days since 1970-01-01 of a calendar date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The calendar date of a day count since 1970-01-01.
    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The local wall-clock milliseconds of a date-time (its instant shifted by its offset).
    static func localMilliseconds(_ dateTime: DateTime) -> Int64 {
        dateTime.epochMilliseconds + Int64(dateTime.offsetSeconds ?? 0) * 1000
    }

    /// Local day number and milliseconds into that day.
    static func localDay(_ dateTime: DateTime) -> (day: Int, milliseconds: Int64) {
        let local = localMilliseconds(dateTime)
        var day = local / millisecondsPerDay
        var rest = local % millisecondsPerDay
        if rest < 0 {
            day -= 1
            rest += millisecondsPerDay
        }
        return (Int(day), rest)
    }

    /// Midnight (local to the value's offset) of the day the date-time falls on.
    static func startOfDay(_ dateTime: DateTime) -> DateTime {
        let (day, _) = localDay(dateTime)
        let offset = Int64(dateTime.offsetSeconds ?? 0) * 1000
        return DateTime(
            epochMilliseconds: Int64(day) * millisecondsPerDay - offset, offsetSeconds: dateTime.offsetSeconds)
    }
}
