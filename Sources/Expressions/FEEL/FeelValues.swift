/// FEEL value semantics: equality and ordering (null when the types do not match), durations, and rendering.
enum FeelValues {
    /// FEEL `=`: null equals only null; numbers compare numerically; date-times by instant; lists and contexts
    /// element by element; values of different types give null.
    static func equal(_ lhs: Value, _ rhs: Value) -> Bool? {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.bool(let left), .bool(let right)): return left == right
        case (.string(let left), .string(let right)): return left == right
        case (.integer(let left), .integer(let right)): return left == right
        case (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal):
            guard let left = Number(lhs), let right = Number(rhs) else { return nil }
            return Number.compare(left, right) == 0
        case (.dateTime(let left), .dateTime(let right)): return left.epochMilliseconds == right.epochMilliseconds
        case (.duration(let left), .duration(let right)):
            return left.months == right.months && totalMilliseconds(left) == totalMilliseconds(right)
        case (.list(let left), .list(let right)):
            guard left.count == right.count else { return false }
            for (item, other) in zip(left, right) {
                guard let same = equal(item, other) else { return nil }
                if !same { return false }
            }
            return true
        case (.map(let left), .map(let right)):
            guard left.count == right.count else { return false }
            for (key, item) in left {
                guard let other = right[key] else { return false }
                guard let same = equal(item, other) else { return nil }
                if !same { return false }
            }
            return true
        default: return nil
        }
    }

    /// FEEL ordering: negative, zero or positive; nil when the values cannot be ordered (null, different types,
    /// a years-months duration against a days-time one).
    static func compare(_ lhs: Value, _ rhs: Value) -> Int? {
        switch (lhs, rhs) {
        case (.integer(let left), .integer(let right)): return left < right ? -1 : (left == right ? 0 : 1)
        case (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal):
            guard let left = Number(lhs), let right = Number(rhs) else { return nil }
            return Number.compare(left, right)
        case (.string(let left), .string(let right)): return left < right ? -1 : (left == right ? 0 : 1)
        case (.dateTime(let left), .dateTime(let right)):
            return order(left.epochMilliseconds, right.epochMilliseconds)
        case (.duration(let left), .duration(let right)):
            if left.months == 0, right.months == 0 {
                return order(totalMilliseconds(left), totalMilliseconds(right))
            }
            if totalMilliseconds(left) == 0, totalMilliseconds(right) == 0 {
                return order(Int64(left.months), Int64(right.months))
            }
            return nil
        default: return nil
        }
    }

    private static func order(_ left: Int64, _ right: Int64) -> Int {
        left < right ? -1 : (left == right ? 0 : 1)
    }

    /// The days-time part of a duration in milliseconds (a day counts 24 hours).
    static func totalMilliseconds(_ duration: ISODuration) -> Int64 {
        let (days, overflow) = Int64(duration.days).multipliedReportingOverflow(by: CivilCalendar.millisecondsPerDay)
        let (total, sumOverflow) = days.addingReportingOverflow(duration.milliseconds)
        return overflow || sumOverflow ? (duration.days < 0 ? Int64.min : Int64.max) : total
    }

    /// A days-time duration of the given milliseconds, split into whole days and the rest.
    static func duration(milliseconds: Int64) -> ISODuration {
        let days = milliseconds / CivilCalendar.millisecondsPerDay
        return ISODuration(
            months: 0, days: Int(days), milliseconds: milliseconds - days * CivilCalendar.millisecondsPerDay)
    }

    /// The duration with every part negated.
    static func negated(_ duration: ISODuration) -> ISODuration {
        ISODuration(months: 0 &- duration.months, days: 0 &- duration.days, milliseconds: 0 &- duration.milliseconds)
    }

    /// FEEL `string(x)`: strings as they are, other values in FEEL literal syntax; null stays null (nil).
    static func string(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let integer): String(integer)
        case .decimal(let decimal): String(decimal)
        case .string(let text): text
        case .dateTime(let dateTime): dateTime.iso8601
        case .duration(let duration): duration.iso8601
        case .list(let items): "[" + items.map(literal).joined(separator: ", ") + "]"
        case .map(let entries):
            "{" + entries.keys.sorted().map { "\($0):" + literal(entries[$0] ?? .null) }.joined(separator: ", ") + "}"
        }
    }

    private static func literal(_ value: Value) -> String {
        if case .string = value { return value.jsonText }
        return string(value)
    }
}
