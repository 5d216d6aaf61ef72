/// Compact, stable JSON text for values, and reading values back from JSON text, without Foundation.
extension Value {
    /// Compact JSON with sorted object keys, e.g. `{"a":[1,2.5,"x"],"b":null}`. Date-times and durations render as
    /// ISO 8601 strings; non-finite decimals render as `null`.
    public var jsonText: String {
        var output = ""
        Value.appendJSON(self, to: &output)
        return output
    }

    /// Reads JSON text (RFC 8259); nil when the text is not valid JSON. Integral numbers without fraction or exponent
    /// that fit in `Int` become `.integer`, other numbers `.decimal`.
    public init?(jsonText: String) {
        var reader = JSONReader(text: jsonText)
        guard let value = reader.readDocument() else { return nil }
        self = value
    }

    /// Appends the compact JSON text of `value` (as `jsonText`) to `output`.
    public static func appendJSON(_ value: Value, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let integer): output += String(integer)
        case .decimal(let number): output += number.isFinite ? String(number) : "null"
        case .string(let text): appendJSONString(text, to: &output)
        case .dateTime(let dateTime): appendJSONString(dateTime.iso8601, to: &output)
        case .duration(let duration): appendJSONString(duration.iso8601, to: &output)
        case .list(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                appendJSON(item, to: &output)
            }
            output += "]"
        case .map(let entries):
            output += "{"
            for (index, key) in entries.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                appendJSONString(key, to: &output)
                output += ":"
                appendJSON(entries[key] ?? .null, to: &output)
            }
            output += "}"
        }
    }

    static func appendJSONString(_ text: String, to output: inout String) {
        output += "\""
        // Most strings (ids, names, types) need no escaping: copied whole. UTF-8 bytes of non-ASCII characters are
        // all 0x80 or above, so a byte scan finds exactly the characters the loop below escapes.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
