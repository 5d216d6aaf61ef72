import Expressions

/// A cron expression: Camunda/Quartz (`sec min hour day-of-month month day-of-week [year]`, with `?`, `L`, `W`,
/// `#`) or Spring/Zeebe six fields, evaluated in UTC.
///
/// STUB: being written (issue 3, timers helper).
public struct CronExpression: Sendable, Hashable {
    /// The text as written.
    public var source: String

    /// Parses a cron expression.
    public static func parse(_ text: String) -> Result<CronExpression, TimerScheduleError> {
        .failure(TimerScheduleError(message: "cron parsing is not written yet", text: text))
    }

    /// The first matching instant strictly after `instant`; nil when none within a bounded search.
    public func next(after instant: DateTime) -> DateTime? { nil }
}
