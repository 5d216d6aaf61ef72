import Expressions

extension Value {
    /// The value as text for names, topics, assignees: strings as they are, numbers and booleans written out;
    /// nil for null, lists and maps.
    var textValue: String? {
        switch self {
        case .string(let text): text
        case .integer(let number): String(number)
        case .decimal(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .dateTime(let date): date.iso8601
        case .duration(let duration): duration.iso8601
        case .null, .list, .map: nil
        }
    }

    /// A short description of the type for messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .decimal: "a decimal"
        case .string: "a string"
        case .dateTime: "a date-time"
        case .duration: "a duration"
        case .list: "a list"
        case .map: "a map"
        }
    }
}
