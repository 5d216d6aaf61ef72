extension PostgresError {
    /// A decoding error naming the column, the expected type and the text found.
    static func decoding(column: String, type: String, text: String) -> PostgresError {
        let shown = text.count > 80 ? String(text.prefix(80)) + "…" : text
        return PostgresError(
            kind: .decoding, message: "column '\(column)': expected \(type), found \"\(shown)\"", statement: nil)
    }
}

extension String: PostgresDecodable {
    /// Any text (also timestamps, UUIDs, JSON and enums, as PostgreSQL prints them).
    public static func decode(text: String, column: String) throws(PostgresError) -> String { text }
}

extension Int: PostgresDecodable {
    /// `int2`, `int4`, `int8` (or any text holding a whole number in range).
    public static func decode(text: String, column: String) throws(PostgresError) -> Int {
        guard let value = Int(text) else { throw .decoding(column: column, type: "Int", text: text) }
        return value
    }
}

extension Int64: PostgresDecodable {
    /// `int2`, `int4`, `int8`.
    public static func decode(text: String, column: String) throws(PostgresError) -> Int64 {
        guard let value = Int64(text) else { throw .decoding(column: column, type: "Int64", text: text) }
        return value
    }
}

extension Int32: PostgresDecodable {
    /// `int2`, `int4` (an `int8` out of range fails).
    public static func decode(text: String, column: String) throws(PostgresError) -> Int32 {
        guard let value = Int32(text) else { throw .decoding(column: column, type: "Int32", text: text) }
        return value
    }
}

extension Double: PostgresDecodable {
    /// `float4`, `float8`, `numeric` (rounded), including `NaN` and `±Infinity`.
    public static func decode(text: String, column: String) throws(PostgresError) -> Double {
        guard let value = Double(text) else { throw .decoding(column: column, type: "Double", text: text) }
        return value
    }
}

extension Bool: PostgresDecodable {
    /// `bool` (`t` / `f`).
    public static func decode(text: String, column: String) throws(PostgresError) -> Bool {
        switch text {
        case "t", "true": return true
        case "f", "false": return false
        default: throw .decoding(column: column, type: "Bool", text: text)
        }
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    /// `bytea` in the hex output format (`\x0a1b…`, the server default).
    public static func decode(text: String, column: String) throws(PostgresError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else {
            throw .decoding(column: column, type: "[UInt8] (bytea hex)", text: text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = hexDigit(utf8[index]), let low = hexDigit(utf8[index + 1]) else {
                throw .decoding(column: column, type: "[UInt8] (bytea hex)", text: text)
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
