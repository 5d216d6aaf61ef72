/// A runtime value of a process variable or an expression result: JSON-like, plus date-times and durations.
///
/// Integers and decimals are distinct (`1` and `1.0` compare equal in arithmetic and comparison, as FEEL and JUEL
/// coerce numbers); maps keep no key order (render them with sorted keys for stable output).
public enum Value: Sendable, Hashable {
    /// `null` (JUEL) / `null` (FEEL).
    case null
    /// A boolean.
    case bool(Bool)
    /// A 64-bit integer.
    case integer(Int)
    /// A decimal number, as a binary double.
    case decimal(Double)
    /// A string.
    case string(String)
    /// A date-time (instant with an optional UTC offset).
    case dateTime(DateTime)
    /// An ISO 8601 duration (years-months and days-time parts).
    case duration(ISODuration)
    /// An ordered list.
    case list([Value])
    /// A map with string keys (a FEEL context, a JSON object).
    case map([String: Value])
}

extension Value {
    /// The name of the value's type for messages, e.g. `Integer`, `String`, `List`.
    public var typeName: String {
        switch self {
        case .null: "Null"
        case .bool: "Boolean"
        case .integer: "Integer"
        case .decimal: "Decimal"
        case .string: "String"
        case .dateTime: "DateTime"
        case .duration: "Duration"
        case .list: "List"
        case .map: "Map"
        }
    }

    /// Whether the value is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
