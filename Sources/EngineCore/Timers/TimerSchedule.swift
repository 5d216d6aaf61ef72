import Expressions

/// When a timer fires: once at a date, once after a duration, or repeatedly on a cycle (ISO 8601 repeating
/// interval or cron).
///
/// STUB: parsing and the due-time arithmetic are being written (issue 3, timers helper).
public enum TimerSchedule: Sendable, Hashable {
    /// `timeDate`: once, at this instant.
    case date(DateTime)
    /// `timeDuration`: once, this long after the timer starts.
    case duration(ISODuration)
    /// `timeCycle` as an ISO 8601 repeating interval `R[n]/[start/]period[/end]`; nil repetitions = unbounded.
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

    /// Parses timer text (already evaluated when it was an expression).
    public static func parse(_ text: String, source: Source) -> Result<TimerSchedule, TimerScheduleError> {
        .failure(TimerScheduleError(message: "timer parsing is not written yet", text: text))
    }

    /// The first due time for a timer started at `now`; nil when it never fires (a cycle with zero repetitions,
    /// a cron expression with no future match).
    public func firstDue(startingAt now: DateTime) -> DateTime? { nil }

    /// The due time after the `firedCount`-th firing (1 after the first) that was due at `previousDue`;
    /// nil when the repetitions are used up or the schedule does not repeat.
    public func nextDue(after previousDue: DateTime, firedCount: Int) -> DateTime? { nil }
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
