/// FEEL list built-ins: `distinct values`, `flatten`, `index of`, `reverse`, `sort`, `sublist`, `insert before`,
/// `remove`. Positions are 1-based; negative positions count from the end.
enum FeelListFunctions {
    /// Calls a list built-in; null when the first argument is not a list or a position is out of range.
    static func call(_ builtin: FeelBuiltin, _ arguments: [Value]) -> Value {
        guard case .list(let items) = arguments[0] else { return .null }
        switch builtin {
        case .distinctValues:
            var result: [Value] = []
            for item in items where !result.contains(where: { FeelValues.equal($0, item) == true }) {
                result.append(item)
            }
            return .list(result)
        case .flatten:
            return .list(flatten(items))
        case .indexOf:
            return .list(items.indices.filter { FeelValues.equal(items[$0], arguments[1]) == true }
                .map { .integer($0 + 1) })
        case .reverse:
            return .list(items.reversed())
        case .sort:
            var failed = false
            let sorted = items.sorted { lhs, rhs in
                guard let order = FeelValues.compare(lhs, rhs) else {
                    failed = true
                    return false
                }
                return order < 0
            }
            return failed ? .null : .list(sorted)
        case .sublist:
            guard let start = position(arguments[1], count: items.count) else { return .null }
            var end = items.count
            if arguments.count > 2 {
                guard let length = FeelFunctions.integer(arguments[2]), length >= 0 else { return .null }
                end = length >= items.count - start ? items.count : start + length
            }
            return .list(Array(items[start..<end]))
        case .insertBefore:
            guard let index = position(arguments[1], count: items.count) else { return .null }
            var result = items
            result.insert(arguments[2], at: index)
            return .list(result)
        case .remove:
            guard let index = position(arguments[1], count: items.count) else { return .null }
            var result = items
            result.remove(at: index)
            return .list(result)
        default:
            return .null
        }
    }

    private static func position(_ value: Value, count: Int) -> Int? {
        guard let given = FeelFunctions.integer(value) else { return nil }
        if given > 0, given <= count { return given - 1 }
        if given < 0, given >= -count { return count + given }
        return nil
    }

    private static func flatten(_ items: [Value]) -> [Value] {
        var result: [Value] = []
        for item in items {
            if case .list(let inner) = item {
                result += flatten(inner)
            } else {
                result.append(item)
            }
        }
        return result
    }
}
