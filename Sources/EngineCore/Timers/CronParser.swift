import Expressions

/// Reads cron text into a `CronExpression` (see its documentation and `docs/timers.md` for the accepted forms).
enum CronParser {
    /// A field's name, bounds and value names.
    struct FieldSpec {
        let name: String
        let minimum: Int
        let maximum: Int
        let names: [String: Int]
    }

    static let monthNames = [
        "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11,
        "DEC": 12,
    ]
    static let quartzWeekdayNames = ["SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7]
    static let springWeekdayNames = ["MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6, "SUN": 7]

    static let second = FieldSpec(name: "second", minimum: 0, maximum: 59, names: [:])
    static let minute = FieldSpec(name: "minute", minimum: 0, maximum: 59, names: [:])
    static let hour = FieldSpec(name: "hour", minimum: 0, maximum: 23, names: [:])
    static let dayOfMonth = FieldSpec(name: "day-of-month", minimum: 1, maximum: 31, names: [:])
    static let month = FieldSpec(name: "month", minimum: 1, maximum: 12, names: monthNames)
    static let quartzDayOfWeek = FieldSpec(name: "day-of-week", minimum: 1, maximum: 7, names: quartzWeekdayNames)
    static let springDayOfWeek = FieldSpec(name: "day-of-week", minimum: 0, maximum: 7, names: springWeekdayNames)
    static let year = FieldSpec(name: "year", minimum: 1970, maximum: 2099, names: [:])

    static let macros = [
        "@yearly": "0 0 0 1 1 *", "@annually": "0 0 0 1 1 *", "@monthly": "0 0 0 1 * *", "@weekly": "0 0 0 * * 0",
        "@daily": "0 0 0 * * *", "@midnight": "0 0 0 * * *", "@hourly": "0 0 * * * *",
    ]

    /// A field-level problem; turned into a `TimerScheduleError` naming the field and token.
    struct FieldError: Error {
        let reason: String
    }

    static func parse(_ text: String) -> Result<CronExpression, TimerScheduleError> {
        func failure(_ message: String) -> Result<CronExpression, TimerScheduleError> {
            .failure(TimerScheduleError(message: message, text: text))
        }
        var fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if fields.count == 1, fields[0].hasPrefix("@") {
            guard let expansion = macros[fields[0].lowercased()] else {
                return failure(
                    "unknown cron macro '\(fields[0])' (known: @yearly, @annually, @monthly, @weekly, @daily, "
                        + "@midnight, @hourly)")
            }
            fields = expansion.split(separator: " ").map(String.init)
        }
        switch fields.count {
        case 0:
            return failure("empty cron expression")
        case 5:
            return failure(
                "5 cron fields look like Unix cron, which has no seconds field; put the seconds first, e.g. '0 "
                    + fields.joined(separator: " ") + "'")
        case 6, 7:
            break
        default:
            return failure(
                "a cron expression has 6 fields (second minute hour day-of-month month day-of-week) or 7 with a year; "
                    + "found \(fields.count)")
        }
        let isQuartz = fields.count == 7 || fields.contains { $0.contains("?") }
        do {
            return .success(try build(fields, source: text, dialect: isQuartz ? .quartz : .spring))
        } catch let error as TimerScheduleError {
            return .failure(error)
        } catch {
            return failure("invalid cron expression")
        }
    }

    private static func build(_ fields: [String], source: String, dialect: CronExpression.Dialect) throws
        -> CronExpression
    {
        func field<T>(_ spec: FieldSpec, _ token: String, _ read: () throws -> T) throws -> T {
            do {
                return try read()
            } catch let error as FieldError {
                throw TimerScheduleError(message: "cron \(spec.name) field '\(token)': \(error.reason)", text: source)
            }
        }
        let quartz = dialect == .quartz
        let weekdaySpec = quartz ? quartzDayOfWeek : springDayOfWeek
        let seconds = try field(second, fields[0]) { try bits(fields[0], second, quartz: quartz) }
        let minutes = try field(minute, fields[1]) { try bits(fields[1], minute, quartz: quartz) }
        let hours = try field(hour, fields[2]) { try bits(fields[2], hour, quartz: quartz) }
        let days = try field(dayOfMonth, fields[3]) { try dayOfMonthRule(fields[3], quartz: quartz) }
        let months = try field(month, fields[4]) { try bits(fields[4], month, quartz: quartz) }
        let weekdays = try field(weekdaySpec, fields[5]) { try dayOfWeekRule(fields[5], weekdaySpec, quartz: quartz) }
        var years: [Int]?
        if fields.count == 7, fields[6] != "*" {
            let yearBits = try field(year, fields[6]) { try values(fields[6], year, quartz: true) }
            years = yearBits.sorted()
        }
        if quartz {
            switch (days, weekdays) {
            case (.unspecified, .unspecified):
                throw TimerScheduleError(
                    message: "Quartz cron: '?' may stand in only one of day-of-month and day-of-week", text: source)
            case (.unspecified, _), (_, .unspecified):
                break
            default:
                throw TimerScheduleError(
                    message: "Quartz cron: put '?' in day-of-month or day-of-week (Camunda 7 cannot match both), "
                        + "e.g. '0 15 10 ? * MON-FRI'", text: source)
            }
        }
        return CronExpression(
            source: source, dialect: dialect, seconds: seconds, minutes: minutes, hours: hours, dayOfMonth: days,
            months: months, dayOfWeek: weekdays, years: years)
    }

    // MARK: - Plain fields

    /// A field of values, ranges, steps and lists as a bitset.
    static func bits(_ token: String, _ spec: FieldSpec, quartz: Bool) throws -> UInt64 {
        var result: UInt64 = 0
        for value in try values(token, spec, quartz: quartz) { result |= 1 << UInt64(value) }
        return result
    }

    /// A field of values, ranges, steps and lists as the set of values.
    static func values(_ token: String, _ spec: FieldSpec, quartz: Bool) throws -> Set<Int> {
        if token.contains("?") { throw FieldError(reason: "'?' is only allowed in day-of-month and day-of-week") }
        var result = Set<Int>()
        for item in token.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw FieldError(reason: "empty list item") }
            result.formUnion(try itemValues(String(item), spec, quartz: quartz))
        }
        return result
    }

    private static func itemValues(_ item: String, _ spec: FieldSpec, quartz: Bool) throws -> [Int] {
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw FieldError(reason: "more than one '/' in '\(item)'") }
        let base = String(parts[0])
        var step = 1
        if parts.count == 2 {
            guard let value = Int(parts[1]), value >= 1 else {
                throw FieldError(reason: "the step after '/' must be a whole number of at least 1, not '\(parts[1])'")
            }
            guard value <= spec.maximum - spec.minimum + 1 else {
                throw FieldError(reason: "step \(value) is larger than the range \(spec.minimum)-\(spec.maximum)")
            }
            step = value
        }
        var low: Int
        var high: Int
        if base == "*" {
            (low, high) = (spec.minimum, spec.maximum)
        } else if let dash = base.firstIndex(of: "-") {
            low = try value(String(base[..<dash]), spec)
            high = try value(String(base[base.index(after: dash)...]), spec)
        } else {
            guard !base.isEmpty else { throw FieldError(reason: "missing value before '/'") }
            low = try value(base, spec)
            high = parts.count == 2 ? spec.maximum : low
        }
        if low > high {
            guard quartz else {
                throw FieldError(reason: "range \(low)-\(high) runs backwards (Spring cron does not wrap ranges)")
            }
            high += spec.maximum - spec.minimum + 1
        }
        let span = spec.maximum - spec.minimum + 1
        return stride(from: low, through: high, by: step).map { $0 > spec.maximum ? $0 - span : $0 }
    }

    /// One number or name, within the field's bounds.
    static func value(_ text: String, _ spec: FieldSpec) throws -> Int {
        if let named = spec.names[text.uppercased()] { return named }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
            let firstName = spec.names.min { $0.value < $1.value }?.key ?? ""
            let hint = spec.names.isEmpty ? "" : " or a name such as \(firstName)"
            throw FieldError(reason: "'\(text)' is not a number\(hint)")
        }
        guard (spec.minimum...spec.maximum).contains(number) else {
            throw FieldError(reason: "\(number) is outside \(spec.minimum)-\(spec.maximum)")
        }
        return number
    }

    // MARK: - Day fields

    static func dayOfMonthRule(_ token: String, quartz: Bool) throws -> CronDayOfMonthRule {
        if token == "?" { return .unspecified }
        let upper = token.uppercased()
        guard upper.contains("L") || upper.contains("W") else {
            return .days(try bits(token, dayOfMonth, quartz: quartz))
        }
        guard !upper.contains(",") else {
            throw FieldError(reason: "'L' and 'W' cannot be combined with other days in a list")
        }
        if upper == "L" { return .lastDay(offset: 0) }
        if upper == "LW" { return .lastWeekday }
        if upper.hasPrefix("L-") {
            guard let offset = Int(upper.dropFirst(2)), (0...30).contains(offset) else {
                throw FieldError(reason: "'L-n' needs n from 0 to 30")
            }
            return .lastDay(offset: offset)
        }
        if upper.hasSuffix("W") {
            let day = try value(String(upper.dropLast()), dayOfMonth)
            return .nearestWeekday(day)
        }
        throw FieldError(reason: "'L' must stand alone or as 'L-n' or 'LW'; 'W' must follow a day number as in '15W'")
    }

    static func dayOfWeekRule(_ token: String, _ spec: FieldSpec, quartz: Bool) throws -> CronDayOfWeekRule {
        if token == "?" { return .unspecified }
        let upper = token.uppercased()
        if upper.contains("#") || upper.contains("L") {
            guard !upper.contains(",") else {
                throw FieldError(reason: "'L' and '#' cannot be combined with other weekdays in a list")
            }
        }
        if upper == "L" {
            guard quartz else { throw FieldError(reason: "'L' needs a weekday in front, e.g. '5L'") }
            return .weekdays(1 << 6)
        }
        if let hash = upper.firstIndex(of: "#") {
            let weekday = try weekdayIndex(String(upper[..<hash]), spec, quartz: quartz)
            guard let ordinal = Int(upper[upper.index(after: hash)...]), (1...5).contains(ordinal) else {
                throw FieldError(reason: "the number after '#' must be 1 to 5")
            }
            return .nth(weekday: weekday, ordinal: ordinal)
        }
        if upper.hasSuffix("L") {
            return .last(weekday: try weekdayIndex(String(upper.dropLast()), spec, quartz: quartz))
        }
        var mask: UInt8 = 0
        for number in try values(token, spec, quartz: quartz) {
            mask |= 1 << UInt8(weekdayIndex(number, quartz: quartz))
        }
        return .weekdays(mask)
    }

    /// A weekday number or name as 0 = Sunday … 6 = Saturday.
    private static func weekdayIndex(_ text: String, _ spec: FieldSpec, quartz: Bool) throws -> Int {
        weekdayIndex(try value(text, spec), quartz: quartz)
    }

    private static func weekdayIndex(_ number: Int, quartz: Bool) -> Int {
        quartz ? number - 1 : number % 7
    }
}
