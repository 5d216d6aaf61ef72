/// JSON coding: `null`, booleans, numbers, strings, arrays and objects map onto the matching cases. Integral numbers
/// that fit in `Int` decode as `.integer`, other numbers as `.decimal`; date-times and durations encode as their ISO
/// 8601 text and decode as strings (JSON has no date type).
extension Value: Codable {
    /// Decodes a JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? container.decode(Int.self) {
            self = .integer(integer)
        } else if let number = try? container.decode(Double.self) {
            self = .decimal(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([Value].self) {
            self = .list(items)
        } else {
            self = .map(try container.decode([String: Value].self))
        }
    }

    /// Encodes as JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .integer(let integer): try container.encode(integer)
        case .decimal(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .dateTime(let dateTime): try container.encode(dateTime.iso8601)
        case .duration(let duration): try container.encode(duration.iso8601)
        case .list(let items): try container.encode(items)
        case .map(let entries): try container.encode(entries)
        }
    }
}
