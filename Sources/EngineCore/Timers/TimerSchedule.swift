import Expressions

/// When a timer fires: once at a date, once after a duration, or repeatedly on a cycle (ISO 8601 repeating
/// interval or cron).
///
/// The due-time arithmetic follows Camunda 7 (`DurationHelper`, `CycleBusinessCalendar`), except that `Rn` always
/// means n firings in total; `docs/timers.md` lists every form with its first due times and where Zeebe differs.
/// All arithmetic is pure: the caller passes "now".
public enum TimerSchedule: Sendable, Hashable {
    /// `timeDate`: once, at this instant.
    case date(DateTime)
    /// `timeDuration`: once, this long after the timer starts.
    case duration(ISODuration)
    /// `timeCycle` as an ISO 8601 repeating interval `R[n]/[start/]period[/end]`; nil repetitions = unbounded.
    ///
    /// `R3/2026-01-01T00:00:00Z/2026-01-01T06:00:00Z` (start and end) is stored with both dates and the period
    /// end − start; as in Camunda 7 the end then does not limit the repetitions.
    case cycle(repetitions: Int?, start: DateTime?, period: ISODuration, end: DateTime?)
    /// `timeCycle` as a cron expression (Camunda/Quartz 6–7 fields or Spring/Zeebe 6 fields), evaluated in UTC.
    case cron(CronExpression)

    /// Which element of `timerEventDefinition` the text came from.
    public enum Source: Sendable, Hashable {
        /// `timeDate`.
        case date
        /// `timeDuration`.
        case duration
        /// `timeCycle`.
        case cycle
    }

    /// Parses timer text (already evaluated when it was an expression); surrounding white space is ignored.
    public static func parse(_ text: String, source: Source) -> Result<TimerSchedule, TimerScheduleError> {
        TimerScheduleParser.parse(text, source: source)
    }

    /// Whether the schedule can fire more than once.
    public var repeats: Bool {
        switch self {
        case .date, .duration: return false
        case .cycle(let repetitions, _, _, _): return repetitions.map { $0 > 1 } ?? true
        case .cron: return true
        }
    }

    /// The first due time for a timer started at `now`; nil when it never fires (a cycle with zero repetitions,
    /// a cron expression with no future match).
    ///
    /// A date is due at that instant even when it has passed (the timer fires at once); a duration is due at
    /// `now` + duration. A cycle without a start is due at `now` + period. A cycle with a start is due at the first
    /// of start, start + period, … strictly after `now` (earlier ones are skipped and count against the
    /// repetitions, as in Camunda 7); one with an end at the first of …, end − period, end strictly after `now`.
    /// Cron: the first match strictly after `now`.
    public func firstDue(startingAt now: DateTime) -> DateTime? {
        switch self {
        case .date(let instant):
            return instant
        case .duration(let duration):
            return duration.added(to: now)
        case .cycle(let repetitions, let start, let period, let end):
            if repetitions == 0 { return nil }
            if let start { return Self.occurrence(from: start, period: period, after: now, limit: repetitions) }
            if let end { return Self.occurrence(before: end, period: period, after: now, limit: repetitions) }
            return period.added(to: now)
        case .cron(let expression):
            return expression.next(after: now)
        }
    }

    /// The due time after the `firedCount`-th firing (1 after the first) that was due at `previousDue`;
    /// nil when the repetitions are used up or the schedule does not repeat.
    ///
    /// Computed from `previousDue`, so firings missed while the engine was stopped are caught up one by one; to skip
    /// them, as Camunda 7 does for cron, pass the current time instead.
    public func nextDue(after previousDue: DateTime, firedCount: Int) -> DateTime? {
        switch self {
        case .date, .duration:
            return nil
        case .cycle(let repetitions, let start, let period, let end):
            if let repetitions, firedCount >= repetitions { return nil }
            if let start {
                return Self.occurrence(from: start, period: period, after: previousDue, limit: repetitions)
            }
            if let end { return Self.occurrence(before: end, period: period, after: previousDue, limit: repetitions) }
            let next = period.added(to: previousDue)
            return next > previousDue ? next : nil
        case .cron(let expression):
            return expression.next(after: previousDue)
        }
    }

    /// The first of start, start + period, start + 2 × period, … (each added to the one before, as Camunda does, so
    /// `P1M` from Jan 31 gives Feb 28, then Mar 28) strictly after `instant`, among the first `limit` of them.
    static func occurrence(from start: DateTime, period: ISODuration, after instant: DateTime, limit: Int?)
        -> DateTime?
    {
        if start > instant { return start }
        if let step = period.exactMilliseconds, step > 0 {
            let index = (instant.epochMilliseconds - start.epochMilliseconds) / step + 1
            if let limit, index >= Int64(limit) { return nil }
            let (offset, overflow) = index.multipliedReportingOverflow(by: step)
            guard !overflow else { return nil }
            let result = start.adding(milliseconds: offset)
            return result > instant ? result : nil
        }
        var current = start
        var index = 0
        while current <= instant {
            index += 1
            if let limit, index >= limit { return nil }
            let next = period.added(to: current)
            guard next > current else { return nil }
            current = next
        }
        return current
    }

    /// The earliest of end, end − period, end − 2 × period, … (each subtracted from the one before) strictly after
    /// `instant`, among the last `limit` of them.
    static func occurrence(before end: DateTime, period: ISODuration, after instant: DateTime, limit: Int?)
        -> DateTime?
    {
        guard end > instant else { return nil }
        if let step = period.exactMilliseconds, step > 0 {
            var index = (end.epochMilliseconds - instant.epochMilliseconds - 1) / step
            if let limit { index = min(index, Int64(limit) - 1) }
            return end.adding(milliseconds: -index * step)
        }
        var current = end
        var index = 1
        while limit.map({ index < $0 }) ?? true {
            let previous = period.subtracted(from: current)
            guard previous > instant, previous < current else { break }
            current = previous
            index += 1
        }
        return current
    }
}

/// Timer text that is not a valid date, duration, repeating interval or cron expression.
public struct TimerScheduleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The text.
    public var text: String

    /// Creates the error.
    public init(message: String, text: String) {
        self.message = message
        self.text = text
    }

    /// `message: 'text'`.
    public var description: String { "\(message): '\(text)'" }
}
