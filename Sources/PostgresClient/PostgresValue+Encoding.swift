/// One parameter as libpq wants it: a type OID, a format (0 text, 1 binary) and the bytes (nil for NULL; text
/// ends with a NUL byte, which libpq relies on).
struct EncodedParameter {
    /// The declared type (0 lets the server infer it).
    var typeOID: UInt32
    /// 0 for text, 1 for binary.
    var format: Int32
    /// The bytes, or nil for SQL NULL.
    var bytes: [UInt8]?
}

extension PostgresValue {
    /// Encodes the value for `PQexecParams`.
    /// - Throws: `PostgresError` (SQLSTATE `22021`) when text holds a NUL byte, which PostgreSQL text cannot store.
    func encoded(position: Int, statement: String) throws(PostgresError) -> EncodedParameter {
        switch self {
        case .null:
            return EncodedParameter(typeOID: 0, format: 0, bytes: nil)
        case .text(let text):
            return EncodedParameter(typeOID: 0, format: 0, bytes: try Self.cText(text, position, statement))
        case .int(let value):
            return EncodedParameter(typeOID: 20, format: 0, bytes: Array(String(value).utf8) + [0])
        case .double(let value):
            return EncodedParameter(typeOID: 701, format: 0, bytes: Array(Self.literal(value).utf8) + [0])
        case .bool(let value):
            return EncodedParameter(typeOID: 16, format: 0, bytes: Array((value ? "t" : "f").utf8) + [0])
        case .bytes(let bytes):
            return EncodedParameter(typeOID: 17, format: 1, bytes: bytes)
        case .textArray(let elements):
            let literal = Self.arrayLiteral(elements.map { $0.map(Self.quotedArrayElement) })
            return EncodedParameter(typeOID: 1009, format: 0, bytes: try Self.cText(literal, position, statement))
        case .intArray(let elements):
            let literal = Self.arrayLiteral(elements.map { $0.map { String($0) } })
            return EncodedParameter(typeOID: 1016, format: 0, bytes: Array(literal.utf8) + [0])
        }
    }

    /// `{a,b,NULL}` from already-rendered elements (nil is NULL).
    static func arrayLiteral(_ elements: [String?]) -> String {
        "{" + elements.map { $0 ?? "NULL" }.joined(separator: ",") + "}"
    }

    /// Double-quotes an array element, escaping `"` and `\` with a backslash, so commas, braces, spaces and the
    /// word NULL stay text.
    static func quotedArrayElement(_ text: String) -> String {
        var quoted = "\""
        for character in text {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// PostgreSQL's spelling of a double (`NaN`, `Infinity`, `-Infinity`, else the shortest exact form).
    static func literal(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return String(value)
    }

    private static func cText(_ text: String, _ position: Int, _ statement: String) throws(PostgresError)
        -> [UInt8]
    {
        let bytes = Array(text.utf8)
        if bytes.contains(0) {
            throw PostgresError(
                kind: .server, sqlState: "22021",
                message: "parameter $\(position) contains a NUL byte, which PostgreSQL text cannot hold",
                statement: statement)
        }
        return bytes + [0]
    }
}
