import Expressions

/// The occurrences of an ISO 8601 repeating interval anchored at a start or an end.
///
/// Occurrence k is the previous one plus (or, from an end, minus) the period, as Camunda 7's `DurationHelper` adds
/// it, so a monthly cycle from Jan 31 runs Feb 28, Mar 28. Exact periods (no months) jump straight to the answer by
/// division; whole-month periods do too, using the fact that the day of month of occurrence k is the start's day
/// clamped by the shortest month visited so far; other calendar periods are stepped one by one.
enum CycleOccurrences {
    /// Most steps taken for a period of months plus days or time before giving up (nil).
    static let maximumSteps = 1_000_000

    /// The first of start, start + period, start + 2 × period, … strictly after `instant`, among the first `limit`.
    static func first(
        from unclampedStart: DateTime, period: ISODuration, after unclampedInstant: DateTime, limit: Int?
    ) -> DateTime? {
        let (start, instant) = (unclampedStart.clamped, unclampedInstant.clamped)
        if start > instant { return start }
        if let step = period.exactMilliseconds, step > 0 {
            let index = (instant.epochMilliseconds - start.epochMilliseconds) / step + 1
            if let limit, index >= Int64(limit) { return nil }
            let (offset, overflow) = index.multipliedReportingOverflow(by: step)
            guard !overflow else { return nil }
            let result = start.adding(milliseconds: offset)
            return result > instant ? result : nil
        }
        if period.days == 0, period.milliseconds == 0, period.months > 0 {
            return firstByMonths(from: start, months: period.months, after: instant, limit: limit)
        }
        var current = start
        var index = 0
        while current <= instant {
            index += 1
            if let limit, index >= limit { return nil }
            guard index < maximumSteps else { return nil }
            let next = period.added(to: current)
            guard next > current else { return nil }
            current = next
        }
        return current
    }

    /// The earliest of end, end − period, end − 2 × period, … strictly after `instant`, among the first `limit`
    /// counted back from the end.
    static func first(
        before unclampedEnd: DateTime, period: ISODuration, after unclampedInstant: DateTime, limit: Int?
    ) -> DateTime? {
        let (end, instant) = (unclampedEnd.clamped, unclampedInstant.clamped)
        guard end > instant else { return nil }
        if let step = period.exactMilliseconds, step > 0 {
            var index = (end.epochMilliseconds - instant.epochMilliseconds - 1) / step
            if let limit { index = min(index, Int64(limit) - 1) }
            return end.adding(milliseconds: -index * step)
        }
        if period.days == 0, period.milliseconds == 0, period.months > 0 {
            return firstByMonths(before: end, months: period.months, after: instant, limit: limit)
        }
        var current = end
        var index = 1
        while limit.map({ index < $0 }) ?? true, index < maximumSteps {
            let previous = period.subtracted(from: current)
            guard previous > instant, previous < current else { break }
            current = previous
            index += 1
        }
        return current
    }

    // MARK: - Whole-month periods

    /// A month counted from year 0 (`year × 12 + month − 1`), a day and a time of day, in one offset.
    private struct LocalPoint {
        let monthIndex: Int
        let day: Int
        let timeOfDay: Int

        init(_ instant: DateTime, offsetSeconds: Int?) {
            let fields = instant.withOffset(offsetSeconds).localComponents
            monthIndex = fields.year * 12 + fields.month - 1
            day = fields.day
            timeOfDay = ((fields.hour * 60 + fields.minute) * 60 + fields.second) * 1000 + fields.millisecond
        }
    }

    private static func firstByMonths(from start: DateTime, months: Int, after instant: DateTime, limit: Int?)
        -> DateTime?
    {
        let anchor = LocalPoint(start, offsetSeconds: start.offsetSeconds)
        let target = LocalPoint(instant, offsetSeconds: start.offsetSeconds)
        // The smallest k whose month is not before the instant's month (k ≥ 1, as start ≤ instant).
        let distance = max(target.monthIndex - anchor.monthIndex, 0)
        var index = max((distance + months - 1) / months, 1)
        if let candidate = occurrence(anchor, months: months, index: index, offsetSeconds: start.offsetSeconds),
            candidate <= instant
        {
            index += 1
        }
        if let limit, index >= limit { return nil }
        return occurrence(anchor, months: months, index: index, offsetSeconds: start.offsetSeconds)
    }

    private static func firstByMonths(before end: DateTime, months: Int, after instant: DateTime, limit: Int?)
        -> DateTime?
    {
        let anchor = LocalPoint(end, offsetSeconds: end.offsetSeconds)
        let target = LocalPoint(instant, offsetSeconds: end.offsetSeconds)
        // The largest k whose month is not before the instant's month (k ≥ 0, as end > instant).
        var index = max((anchor.monthIndex - target.monthIndex) / months, 0)
        let offsetSeconds = end.offsetSeconds
        if index > 0, let candidate = occurrence(anchor, months: -months, index: index, offsetSeconds: offsetSeconds),
            candidate <= instant
        {
            index -= 1
        }
        if let limit { index = min(index, limit - 1) }
        return occurrence(anchor, months: -months, index: index, offsetSeconds: end.offsetSeconds)
    }

    /// Occurrence `index` of the anchor stepped by `months` (negative: backwards): its month, its day clamped by the
    /// shortest month visited on the way, its time of day. Nil beyond the supported years.
    private static func occurrence(_ anchor: LocalPoint, months: Int, index: Int, offsetSeconds: Int?) -> DateTime? {
        let (offset, overflow) = months.multipliedReportingOverflow(by: index)
        guard !overflow else { return nil }
        let monthIndex = anchor.monthIndex + offset
        let year = Int(CivilCalendar.floorDivide(Int64(monthIndex), 12))
        guard abs(year) <= DateTime.yearLimit else { return nil }
        // Month lengths repeat every 400 years (4800 months), so 4800 steps see every length the walk will meet.
        var day = anchor.day
        var step = 1
        while step <= min(index, 4800), day > 28 {
            let visited = Int64(anchor.monthIndex + months * step)
            let length = CivilCalendar.daysInMonth(
                year: CivilCalendar.floorDivide(visited, 12), month: Int(CivilCalendar.floorModulo(visited, 12)) + 1)
            day = min(day, length)
            step += 1
        }
        let time = anchor.timeOfDay
        return DateTime(
            year: year, month: Int(CivilCalendar.floorModulo(Int64(monthIndex), 12)) + 1, day: day,
            hour: time / 3_600_000, minute: time / 60_000 % 60, second: time / 1000 % 60, millisecond: time % 1000,
            offsetSeconds: offsetSeconds)
    }
}
