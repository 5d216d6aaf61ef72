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

    /// An instant for a `timestamptz` parameter, sent in binary (the server parses no date text). An instant before
    /// PostgreSQL's first (4713 BC) or past what 64-bit microseconds hold (about 292,000 AD) goes as ISO 8601 text,
    /// for the server's own reading or error (a data exception, class `22`).
    static func instant(_ date: DateTime) -> PostgresValue {
        let milliseconds = date.epochMilliseconds
        guard (-210_866_803_200_000...(Int64.max / 1_000)).contains(milliseconds) else { return .text(date.iso8601) }
        return .timestamptz(microsecondsSinceEpoch: milliseconds * 1_000)
    }
}
