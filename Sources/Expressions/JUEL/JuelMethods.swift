/// The whitelisted methods on values and the Camunda Spin JSON methods.
enum JuelMethods {
    /// Calls a whitelisted method; the arity was checked when parsing.
    static func call(_ method: JuelNode.Method, on receiver: Value, with arguments: [Value]) throws(EvaluationError)
        -> Value
    {
        let argument = arguments.first ?? .null
        switch (method, receiver) {
        case (_, .null):
            throw EvaluationError(kind: .typeMismatch, message: "Cannot call '\(method.rawValue)' on null")
        case (.equals, _):
            return .bool(receiver == argument)
        case (.equalsIgnoreCase, .string(let text)):
            guard case .string(let other) = argument else { return .bool(false) }
            return .bool(text.lowercased() == other.lowercased())
        case (.contains, .string(let text)):
            return .bool(text.contains(try string(argument, method)))
        case (.contains, .list(let items)):
            return .bool(items.contains(argument))
        case (.startsWith, .string(let text)):
            return .bool(text.hasPrefix(try string(argument, method)))
        case (.endsWith, .string(let text)):
            return .bool(text.hasSuffix(try string(argument, method)))
        case (.isEmpty, .string(let text)):
            return .bool(text.isEmpty)
        case (.isEmpty, .list(let items)):
            return .bool(items.isEmpty)
        case (.isEmpty, .map(let entries)):
            return .bool(entries.isEmpty)
        case (.length, .string(let text)):
            return .integer(text.utf16.count)
        case (.size, .list(let items)):
            return .integer(items.count)
        case (.size, .map(let entries)):
            return .integer(entries.count)
        case (.toUpperCase, .string(let text)):
            return .string(text.uppercased())
        case (.toLowerCase, .string(let text)):
            return .string(text.lowercased())
        case (.trim, .string(let text)):
            let scalars = text.unicodeScalars
            guard let first = scalars.firstIndex(where: { $0.value > 0x20 }),
                let last = scalars.lastIndex(where: { $0.value > 0x20 })
            else { return .string("") }
            return .string(String(scalars[first...last]))
        default:
            throw EvaluationError(
                kind: .typeMismatch, message: "Method '\(method.rawValue)' is not available on \(receiver.typeName)")
        }
    }

    private static func string(_ value: Value, _ method: JuelNode.Method) throws(EvaluationError) -> String {
        guard case .string(let text) = value else {
            throw EvaluationError(
                kind: .invalidArgument,
                message: "'\(method.rawValue)' expects a String argument, not \(value.typeName)")
        }
        return text
    }

    /// `S(x)` / `JSON(x)`: a map or list as it is, a string read as JSON.
    static func spin(_ value: Value) throws(EvaluationError) -> Value {
        switch value {
        case .map, .list: return value
        case .string(let text):
            guard let parsed = Value(jsonText: text) else {
                throw EvaluationError(kind: .invalidArgument, message: "S(…): the string is not valid JSON")
            }
            return parsed
        default:
            throw EvaluationError(
                kind: .invalidArgument, message: "S(…) expects JSON text, a map or a list, not \(value.typeName)")
        }
    }

    /// Calls a Spin method on a JSON value.
    static func callSpin(_ method: JuelNode.SpinMethod, on receiver: Value, with arguments: [Value])
        throws(EvaluationError) -> Value
    {
        switch (method, receiver) {
        case (.prop, .map(let entries)):
            guard case .string(let name) = arguments.first ?? .null else {
                throw EvaluationError(kind: .invalidArgument, message: "prop(…) expects a String property name")
            }
            guard let value = entries[name] else {
                throw EvaluationError(kind: .other, message: "Spin: the JSON object has no property '\(name)'")
            }
            return value
        case (.elements, .list):
            return receiver
        case (.value, _):
            return receiver
        case (.stringValue, .string), (.stringValue, .null), (.numberValue, .integer), (.numberValue, .decimal),
            (.numberValue, .null), (.boolValue, .bool), (.boolValue, .null):
            return receiver
        default:
            throw EvaluationError(
                kind: .typeMismatch,
                message: "Spin: \(method.rawValue)() is not available on a JSON \(receiver.typeName)")
        }
    }
}
