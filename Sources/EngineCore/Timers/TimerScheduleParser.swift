import Expressions

/// Reads `timeDate`, `timeDuration` and `timeCycle` text for `TimerSchedule.parse`.
enum TimerScheduleParser {
    static func parse(_ rawText: String, source: TimerSchedule.Source) -> Result<TimerSchedule, TimerScheduleError> {
        let text = trimmed(rawText)
        func failure(_ message: String) -> Result<TimerSchedule, TimerScheduleError> {
            .failure(TimerScheduleError(message: message, text: rawText))
        }
        if text.isEmpty { return failure("empty timer text") }
        switch source {
        case .date:
            guard let instant = DateTime.parse(text) else {
                return failure("timeDate is not an ISO 8601 date-time such as 2026-11-30T10:15:30Z")
            }
            return .success(.date(instant))
        case .duration:
            guard let duration = ISODuration.parse(text) else {
                return failure("timeDuration is not an ISO 8601 duration such as PT10M or P1DT2H")
            }
            return .success(.duration(duration))
        case .cycle:
            if text.hasPrefix("R") { return repeatingInterval(text, rawText: rawText) }
            if text.hasPrefix("P") || text.hasPrefix("-P") {
                return failure(
                    "timeCycle needs a repetition count before the period: R/\(text) repeats forever, R3/\(text) "
                        + "three times (Camunda 7 reads anything not starting with R as cron)")
            }
            return CronExpression.parse(text).map { .cron($0) }.mapError {
                TimerScheduleError(message: $0.message, text: rawText)
            }
        }
    }

    private static func repeatingInterval(_ text: String, rawText: String)
        -> Result<TimerSchedule, TimerScheduleError>
    {
        func failure(_ message: String) -> Result<TimerSchedule, TimerScheduleError> {
            .failure(TimerScheduleError(message: message, text: rawText))
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3 else {
            return failure("a repeating interval is R[n]/period, R[n]/start/period, R[n]/period/end or R[n]/start/end")
        }
        var repetitions: Int?
        if parts[0] != "R" {
            let digits = parts[0].dropFirst()
            guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(digits) else {
                return failure("the repetition count after R must be a whole number (or nothing, for unbounded)")
            }
            repetitions = count
        }
        let start: DateTime?
        let period: ISODuration
        let end: DateTime?
        if parts.count == 2 {
            guard let value = ISODuration.parse(parts[1]) else {
                return failure("'\(parts[1])' is not an ISO 8601 duration (the period of the repeating interval)")
            }
            (start, period, end) = (nil, value, nil)
        } else if parts[1].hasPrefix("P") || parts[1].hasPrefix("-P") {
            guard let value = ISODuration.parse(parts[1]) else {
                return failure("'\(parts[1])' is not an ISO 8601 duration (the period of the repeating interval)")
            }
            guard let endDate = DateTime.parse(parts[2]) else {
                return failure("'\(parts[2])' is not an ISO 8601 date-time (the end of the repeating interval)")
            }
            (start, period, end) = (nil, value, endDate)
        } else {
            guard let startDate = DateTime.parse(parts[1]) else {
                return failure("'\(parts[1])' is not an ISO 8601 date-time (the start of the repeating interval)")
            }
            if let value = ISODuration.parse(parts[2]) {
                (start, period, end) = (startDate, value, nil)
            } else if let endDate = DateTime.parse(parts[2]) {
                guard endDate > startDate else {
                    return failure("the end of the repeating interval is not after its start")
                }
                let length = ISODuration(milliseconds: endDate.epochMilliseconds - startDate.epochMilliseconds)
                (start, period, end) = (startDate, length, endDate)
            } else {
                return failure("'\(parts[2])' is neither an ISO 8601 duration nor a date-time")
            }
        }
        guard period.months >= 0, period.days >= 0, period.milliseconds >= 0, !period.isZero else {
            return failure("the period of a repeating interval must be longer than zero")
        }
        return .success(.cycle(repetitions: repetitions, start: start, period: period, end: end))
    }

    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}
