import EngineCore
import Expressions
import PostgresClient

/// How engine values are written into columns.
enum SQLText {
    /// A variable's Camunda type name.
    static func typeName(_ value: Value) -> String {
        switch value {
        case .null: "Null"
        case .bool: "Boolean"
        case .integer(let number): Int32(exactly: number) == nil ? "Long" : "Integer"
        case .decimal: "Double"
        case .string: "String"
        case .dateTime: "Date"
        case .duration: "String"
        case .list, .map: "Json"
        }
    }

    /// The text used for equality filters on scalar variables (nil for null, lists and maps).
    static func filterText(_ value: Value) -> String? {
        switch value {
        case .null, .list, .map: nil
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .decimal(let number): String(number)
        case .string(let text): text
        case .dateTime(let date): date.iso8601
        case .duration(let duration): duration.iso8601
        }
    }

    static func optional(_ text: String?) -> PostgresValue { text.map(PostgresValue.text) ?? .null }

    static func optional(_ number: Int?) -> PostgresValue { number.map(PostgresValue.int) ?? .null }

    static func time(_ date: DateTime?) -> PostgresValue { date.map(instant) ?? .null }

    /// An instant for a `timestamptz` parameter, sent in binary (the server parses no date text).
    static func instant(_ date: DateTime) -> PostgresValue {
        let (microseconds, overflow) = date.epochMilliseconds.multipliedReportingOverflow(by: 1_000)
        guard !overflow else { return .timestamptz(microsecondsSinceEpoch: date.epochMilliseconds < 0 ? .min : .max) }
        return .timestamptz(microsecondsSinceEpoch: microseconds)
    }
}
