import Expressions

/// A cron expression: Camunda/Quartz (`sec min hour day-of-month month day-of-week [year]`, with `?`, `L`, `W`,
/// `#`) or Spring/Zeebe six fields, evaluated in UTC.
///
/// Which dialect: seven fields, or a `?` anywhere, is Quartz (Camunda 7); six fields without `?` are Spring (Zeebe);
/// `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight` and `@hourly` are Spring macros. Five-field
/// Unix cron is rejected with a hint to add a seconds field. See `docs/timers.md`.
public struct CronExpression: Sendable, Hashable {
    /// The text as written.
    public var source: String
    /// Which dialect the text was read in.
    public var dialect: Dialect

    /// The two cron dialects.
    public enum Dialect: Sendable, Hashable {
        /// Quartz, as in Camunda 7: day-of-week 1 = Sunday … 7 = Saturday, `?` in exactly one day field, an
        /// optional year field.
        case quartz
        /// Spring (5.3+), as in Zeebe: day-of-week 0 or 7 = Sunday, 1 = Monday … 6 = Saturday; a day must match
        /// both day fields.
        case spring
    }

    var seconds: UInt64
    var minutes: UInt64
    var hours: UInt64
    var dayOfMonth: CronDayOfMonthRule
    var months: UInt64
    var dayOfWeek: CronDayOfWeekRule
    /// Allowed years in ascending order (Quartz year field); nil: every year.
    var years: [Int]?

    /// Parses a cron expression.
    public static func parse(_ text: String) -> Result<CronExpression, TimerScheduleError> {
        CronParser.parse(text)
    }

    /// How many years `next(after:)` searches before answering nil. The Gregorian calendar repeats every 400
    /// years, so nil means the expression never matches again (e.g. `0 0 0 30 2 ?`) or its year field has ended.
    public static let searchYears = 400

    /// The first matching instant strictly after `instant`; nil when none within a bounded search.
    ///
    /// Fields are matched in UTC at whole seconds. The search skips whole years, months, days, hours and minutes
    /// that cannot match, so it costs at most a few thousand cheap steps even for expressions that never match.
    public func next(after instant: DateTime) -> DateTime? {
        let startSecond = CivilCalendar.floorDivide(instant.epochMilliseconds, 1000) + 1
        let start = DateTime(epochMilliseconds: startSecond * 1000).utcComponents
        var year = start.year
        var month = start.month
        var day = start.day
        var hour = start.hour
        var minute = start.minute
        var second = start.second
        let lastYear = min(start.year + Self.searchYears, DateTime.yearLimit)
        while year <= lastYear {
            if let years {
                guard let allowed = years.first(where: { $0 >= year }) else { return nil }
                if allowed != year {
                    (year, month, day, hour, minute, second) = (allowed, 1, 1, 0, 0, 0)
                    continue
                }
            }
            guard let nextMonth = Self.nextBit(months, from: month) else {
                (year, month, day, hour, minute, second) = (year + 1, 1, 1, 0, 0, 0)
                continue
            }
            if nextMonth != month { (month, day, hour, minute, second) = (nextMonth, 1, 0, 0, 0) }
            guard let nextDay = Self.nextBit(dayMask(year: year, month: month), from: day) else {
                if month == 12 {
                    (year, month) = (year + 1, 1)
                } else {
                    month += 1
                }
                (day, hour, minute, second) = (1, 0, 0, 0)
                continue
            }
            if nextDay != day { (day, hour, minute, second) = (nextDay, 0, 0, 0) }
            guard let nextHour = Self.nextBit(hours, from: hour) else {
                (day, hour, minute, second) = (day + 1, 0, 0, 0)
                continue
            }
            if nextHour != hour { (hour, minute, second) = (nextHour, 0, 0) }
            guard let nextMinute = Self.nextBit(minutes, from: minute) else {
                (hour, minute, second) = (hour + 1, 0, 0)
                continue
            }
            if nextMinute != minute { (minute, second) = (nextMinute, 0) }
            guard let nextSecond = Self.nextBit(seconds, from: second) else {
                (minute, second) = (minute + 1, 0)
                continue
            }
            return DateTime(
                year: year, month: month, day: day, hour: hour, minute: minute, second: nextSecond, offsetSeconds: 0)
        }
        return nil
    }

    /// The days of `month` in `year` that match both day fields, as a bitset (bit 1 = day 1).
    func dayMask(year: Int, month: Int) -> UInt64 {
        let length = CivilCalendar.daysInMonth(year: Int64(year), month: month)
        let firstWeekday = CivilCalendar.weekday(fromDays: CivilCalendar.days(year: Int64(year), month: month, day: 1))
            % 7
        let byDay = dayOfMonth.mask(length: length, firstWeekday: firstWeekday)
        let byWeekday = dayOfWeek.mask(length: length, firstWeekday: firstWeekday)
        switch dialect {
        case .quartz:
            if case .unspecified = dayOfMonth { return byWeekday }
            return byDay
        case .spring:
            return byDay & byWeekday
        }
    }

    /// The lowest set bit at or above `from`; nil when there is none.
    static func nextBit(_ bits: UInt64, from: Int) -> Int? {
        guard from < 64 else { return nil }
        let masked = bits & (UInt64.max << UInt64(max(from, 0)))
        return masked == 0 ? nil : masked.trailingZeroBitCount
    }
}
