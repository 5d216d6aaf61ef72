import Expressions

/// Comparing values as JSON sees them, for scenario expectations.
enum JSONValues {
    /// Whether two values are equal as JSON sees them (1 and 1.0 are the same number; a date-time or duration
    /// equals its ISO 8601 text).
    static func equal(_ lhs: Value, _ rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a), .decimal(let b)), (.decimal(let b), .integer(let a)): return Double(a) == b
        case (.list(let a), .list(let b)): return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.map(let a), .map(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
        case (.dateTime(let a), .string(let b)), (.string(let b), .dateTime(let a)): return a.iso8601 == b
        case (.duration(let a), .string(let b)), (.string(let b), .duration(let a)): return a.iso8601 == b
        default: return lhs == rhs
        }
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String { Value.string(text).jsonText }
}
