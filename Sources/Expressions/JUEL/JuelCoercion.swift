/// The Unified EL coercion rules, restricted to what Baton's values can be.
enum JuelCoercion {
    /// A value as a boolean: booleans as they are, `null` and `""` as false, the strings `true`/`false` (any case);
    /// anything else is a type error (EL would read any other string as false, which hides typos).
    static func boolean(_ value: Value) throws(EvaluationError) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .null: return false
        case .string(let text):
            if text.isEmpty || text.lowercased() == "false" { return false }
            if text.lowercased() == "true" { return true }
            throw EvaluationError(kind: .typeMismatch, message: "Cannot coerce String '\(text)' to Boolean")
        default:
            throw EvaluationError(kind: .typeMismatch, message: "Cannot coerce \(value.typeName) to Boolean")
        }
    }

    /// A value as a number for arithmetic: `null` and `""` are 0, numeric strings are read, anything else is a type
    /// error.
    static func number(_ value: Value) throws(EvaluationError) -> Number {
        switch value {
        case .integer(let integer): return .integer(integer)
        case .decimal(let decimal): return .decimal(decimal)
        case .null: return .integer(0)
        case .string(let text):
            if text.isEmpty { return .integer(0) }
            if let number = Number(text: text) { return number }
            throw EvaluationError(kind: .typeMismatch, message: "Cannot coerce String '\(text)' to a number")
        default:
            throw EvaluationError(kind: .typeMismatch, message: "Cannot coerce \(value.typeName) to a number")
        }
    }

    /// A value as text, as EL renders it in templates: `null` is empty, lists are `[a, b]`, maps `{k=v}`.
    static func string(_ value: Value) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let integer): String(integer)
        case .decimal(let decimal): String(decimal)
        case .string(let text): text
        case .dateTime(let dateTime): dateTime.iso8601
        case .duration(let duration): duration.iso8601
        case .list(let items): "[" + items.map { item in item.isNull ? "null" : string(item) }.joined(separator: ", ")
            + "]"
        case .map(let entries):
            "{" + entries.keys.sorted().map { key in
                let item = entries[key] ?? .null
                return key + "=" + (item.isNull ? "null" : string(item))
            }.joined(separator: ", ") + "}"
        }
    }

    /// EL `==`: null equals only null; numbers compare numerically (strings coerced to numbers); booleans coerce
    /// strings; strings coerce the other side to text; everything else compares structurally.
    static func equal(_ lhs: Value, _ rhs: Value) throws(EvaluationError) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.integer(let left), .integer(let right)): return left == right
        case (.string(let left), .string(let right)): return left == right
        case (.bool(let left), .bool(let right)): return left == right
        case (.integer, _), (.decimal, _), (_, .integer), (_, .decimal):
            return Number.compare(try number(lhs), try number(rhs)) == 0
        case (.bool(let flag), .string(let text)), (.string(let text), .bool(let flag)):
            return flag == (text.lowercased() == "true")
        case (.dateTime(let left), .dateTime(let right)): return left.epochMilliseconds == right.epochMilliseconds
        case (.string(let text), let other), (let other, .string(let text)): return text == string(other)
        default: return lhs == rhs
        }
    }

    /// EL `<`-family ordering: nil when either side is null (the comparison is then false); numbers numerically,
    /// strings lexically, date-times by instant.
    static func compare(_ lhs: Value, _ rhs: Value) throws(EvaluationError) -> Int? {
        switch (lhs, rhs) {
        case (.null, _), (_, .null): return nil
        case (.integer(let left), .integer(let right)): return left < right ? -1 : (left == right ? 0 : 1)
        case (.string(let left), .string(let right)): return left < right ? -1 : (left == right ? 0 : 1)
        case (.integer, .string), (.decimal, .string), (.string, .integer), (.string, .decimal),
            (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal):
            return Number.compare(try number(lhs), try number(rhs))
        case (.dateTime(let left), .dateTime(let right)):
            return left.epochMilliseconds < right.epochMilliseconds
                ? -1 : (left.epochMilliseconds == right.epochMilliseconds ? 0 : 1)
        default:
            throw EvaluationError(
                kind: .typeMismatch, message: "Cannot compare \(lhs.typeName) with \(rhs.typeName)")
        }
    }

    /// EL `empty`: true for null, `""`, and empty lists and maps.
    static func isEmpty(_ value: Value) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.isEmpty
        case .list(let items): items.isEmpty
        case .map(let entries): entries.isEmpty
        default: false
        }
    }
}
