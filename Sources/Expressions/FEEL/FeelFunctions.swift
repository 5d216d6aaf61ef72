/// The implementations of the FEEL built-in functions. Wrong argument types give null, as FEEL specifies.
enum FeelFunctions {
    /// Calls a built-in; the argument count was checked when parsing.
    static func call(_ builtin: FeelBuiltin, _ arguments: [Value], now: DateTime) -> Value {
        let first = arguments.first ?? .null
        let second = arguments.count > 1 ? arguments[1] : .null
        switch builtin {
        case .not:
            if case .bool(let flag) = first { return .bool(!flag) }
            return .null
        case .count:
            if case .list(let items) = first { return .integer(items.count) }
            return .null
        case .sum, .min, .max, .mean, .product, .all, .any:
            return aggregate(builtin, items(arguments))
        case .listContains:
            guard case .list(let items) = first else { return .null }
            return .bool(items.contains { FeelValues.equal($0, second) == true })
        case .contains, .startsWith, .endsWith, .substringBefore, .substringAfter:
            guard case .string(let text) = first, case .string(let part) = second else { return .null }
            return strings(builtin, text, part)
        case .upperCase:
            if case .string(let text) = first { return .string(text.uppercased()) }
            return .null
        case .lowerCase:
            if case .string(let text) = first { return .string(text.lowercased()) }
            return .null
        case .stringLength:
            if case .string(let text) = first { return .integer(text.count) }
            return .null
        case .substring:
            return substring(arguments)
        case .stringJoin:
            guard case .list(let items) = first else { return .null }
            var separator = ""
            if arguments.count > 1 {
                guard case .string(let text) = second else { return .null }
                separator = text
            }
            var parts: [String] = []
            for item in items {
                switch item {
                case .null: continue
                case .string(let text): parts.append(text)
                default: return .null
                }
            }
            return .string(parts.joined(separator: separator))
        case .string:
            return first.isNull ? .null : .string(FeelValues.string(first))
        case .number:
            guard case .string(let text) = first, let number = Number(text: text) else {
                return Number(first) == nil ? .null : first
            }
            return number.value
        case .abs, .floor, .ceiling, .decimal, .modulo, .sqrt, .odd, .even:
            return FeelNumericFunctions.call(builtin, arguments)
        case .append:
            guard case .list(let items) = first else { return .null }
            return .list(items + arguments.dropFirst())
        case .concatenate:
            var result: [Value] = []
            for argument in arguments {
                guard case .list(let items) = argument else { return .null }
                result += items
            }
            return .list(result)
        case .distinctValues, .flatten, .indexOf, .reverse, .sort, .sublist, .insertBefore, .remove:
            return FeelListFunctions.call(builtin, arguments)
        case .now:
            return .dateTime(now)
        case .today:
            return .dateTime(FeelDates.startOfDay(now))
        case .dateAndTime, .date, .duration, .yearsAndMonthsDuration:
            return FeelTemporalFunctions.call(builtin, arguments)
        case .getValue:
            guard case .map(let entries) = first, case .string(let key) = second else { return .null }
            return entries[key] ?? .null
        case .getEntries:
            guard case .map(let entries) = first else { return .null }
            return .list(entries.keys.sorted().map { .map(["key": .string($0), "value": entries[$0] ?? .null]) })
        case .contextPut:
            guard case .map(var entries) = first, case .string(let key) = second else { return .null }
            entries[key] = arguments[2]
            return .map(entries)
        case .contextMerge:
            guard case .list(let items) = first else { return .null }
            var merged: [String: Value] = [:]
            for item in items {
                guard case .map(let entries) = item else { return .null }
                merged.merge(entries) { _, new in new }
            }
            return .map(merged)
        }
    }

    /// A date-time property for paths such as `d.year`; null for unknown names.
    static func property(of dateTime: DateTime, _ key: String) -> Value {
        let components = dateTime.localComponents
        switch key {
        case "year": return .integer(components.year)
        case "month": return .integer(components.month)
        case "day": return .integer(components.day)
        case "weekday": return .integer(components.weekday)
        case "hour": return .integer(components.hour)
        case "minute": return .integer(components.minute)
        case "second": return .integer(components.second)
        default: return .null
        }
    }

    private static func items(_ arguments: [Value]) -> [Value] {
        if arguments.count == 1, case .list(let items) = arguments[0] { return items }
        return arguments
    }

    private static func aggregate(_ builtin: FeelBuiltin, _ items: [Value]) -> Value {
        switch builtin {
        case .all, .any:
            var undecided = false
            for item in items {
                guard case .bool(let flag) = item else {
                    undecided = true
                    continue
                }
                if builtin == .all, !flag { return .bool(false) }
                if builtin == .any, flag { return .bool(true) }
            }
            return undecided ? .null : .bool(builtin == .all)
        case .min, .max:
            guard var best = items.first else { return .null }
            for item in items.dropFirst() {
                guard let order = FeelValues.compare(item, best) else { return .null }
                if builtin == .min ? order < 0 : order > 0 { best = item }
            }
            return FeelValues.compare(best, best) == nil ? .null : best
        default:
            var numbers: [Number] = []
            for item in items {
                guard let number = Number(item) else { return .null }
                numbers.append(number)
            }
            if builtin == .product {
                guard !numbers.isEmpty else { return .null }
                return numbers.dropFirst().reduce(numbers[0], Number.multiply).value
            }
            guard !numbers.isEmpty else { return builtin == .sum ? .integer(0) : .null }
            let total = numbers.dropFirst().reduce(numbers[0], Number.add)
            return builtin == .sum ? total.value : FeelArithmetic.apply(.divide, total.value, .integer(numbers.count))
        }
    }

    private static func strings(_ builtin: FeelBuiltin, _ text: String, _ part: String) -> Value {
        switch builtin {
        case .contains: return .bool(part.isEmpty || text.contains(part))
        case .startsWith: return .bool(text.hasPrefix(part))
        case .endsWith: return .bool(text.hasSuffix(part))
        case .substringBefore:
            guard !part.isEmpty, let range = text.firstRange(of: part) else { return .string("") }
            return .string(String(text[..<range.lowerBound]))
        default:
            guard !part.isEmpty, let range = text.firstRange(of: part) else { return .string("") }
            return .string(String(text[range.upperBound...]))
        }
    }

    private static func substring(_ arguments: [Value]) -> Value {
        guard case .string(let text) = arguments[0], let start = integer(arguments[1]) else { return .null }
        let characters = Array(text)
        let from = start > 0 ? start - 1 : characters.count + start
        guard from >= 0, from <= characters.count else { return .null }
        var end = characters.count
        if arguments.count > 2 {
            guard let length = integer(arguments[2]), length >= 0 else { return .null }
            end = length >= characters.count - from ? characters.count : from + length
        }
        return .string(String(characters[from..<max(from, end)]))
    }

    /// An integral number as `Int`, nil otherwise.
    static func integer(_ value: Value) -> Int? {
        switch value {
        case .integer(let integer): return integer
        case .decimal(let decimal):
            guard decimal == decimal.rounded(), abs(decimal) < 1e15 else { return nil }
            return Int(decimal)
        default: return nil
        }
    }
}
