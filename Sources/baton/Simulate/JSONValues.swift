import Expressions
import Foundation

/// Conversions between `Value` and JSON text for the command line (scenario files in, traces out).
enum JSONValues {
    /// A value from a `JSONSerialization` object.
    static func value(_ object: Any) -> Value {
        switch object {
        case is NSNull:
            return .null
        case let flag as Bool:
            return .bool(flag)
        case let number as Int:
            return .integer(number)
        case let number as Double:
            return .decimal(number)
        case let text as String:
            return .string(text)
        case let list as [Any]:
            return .list(list.map(value))
        case let map as [String: Any]:
            return .map(map.mapValues(value))
        default:
            return .string("\(object)")
        }
    }

    /// Variables from a JSON object (nil object: none); nil when it is not an object.
    static func variables(_ object: Any?) -> [String: Value]? {
        guard let object else { return [:] }
        guard let map = object as? [String: Any] else { return nil }
        return map.mapValues(value)
    }

    /// Compact JSON text with sorted keys.
    static func render(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .decimal(let number):
            guard number.isFinite else { return "null" }
            return number == number.rounded() && abs(number) < 1e15 ? String(format: "%.1f", number) : "\(number)"
        case .string(let text): return quote(text)
        case .dateTime(let date): return quote(date.iso8601)
        case .duration(let duration): return quote(duration.iso8601)
        case .list(let items): return "[" + items.map(render).joined(separator: ",") + "]"
        case .map(let entries):
            return "{" + entries.keys.sorted().map { quote($0) + ":" + render(entries[$0] ?? .null) }
                .joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                result += String(format: "\\u%04x", control.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Whether two values are equal as JSON sees them (1 and 1.0 are the same number).
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
}
