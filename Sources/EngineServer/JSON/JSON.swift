/// A JSON document as the REST layer reads and writes it: objects keep their key order (Camunda clients read
/// fields by name, but people read responses), integers stay integers, and `null` is explicit.
public enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    /// An object from key-value pairs, in order.
    public static func object(_ pairs: KeyValuePairs<String, JSON>) -> JSON {
        .object(pairs.map { ($0.key, $0.value) })
    }

    /// A string, or `null` when absent.
    public static func string(_ text: String?) -> JSON { text.map { .string($0) } ?? .null }

    /// An integer, or `null` when absent.
    public static func int(_ number: Int?) -> JSON { number.map { .int(Int64($0)) } ?? .null }

    /// The value of `key` when this is an object (the first one, as Jackson does not allow repeats anyway).
    public subscript(key: String) -> JSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// Whether this is `null`.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The JSON type name for error messages ("a string", "an object", …).
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): Double(a) == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .int(let value): hasher.combine(Double(value))
        case .double(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .array(let values): hasher.combine(values)
        case .object(let pairs):
            for (key, value) in pairs {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }
}

extension JSON {
    /// The text when this is a string.
    public var stringValue: String? { if case .string(let text) = self { text } else { nil } }

    /// The boolean when this is one.
    public var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }

    /// The integer when this is an integral number.
    public var intValue: Int64? {
        switch self {
        case .int(let value): value
        case .double(let value): Int64(exactly: value)
        default: nil
        }
    }

    /// The elements when this is an array.
    public var arrayValue: [JSON]? { if case .array(let values) = self { values } else { nil } }

    /// The pairs when this is an object.
    public var objectValue: [(String, JSON)]? { if case .object(let pairs) = self { pairs } else { nil } }
}
