#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// One parameter as libpq wants it: a type OID, a format (0 text, 1 binary) and the bytes in a buffer of their own
/// (nil for NULL; text ends with a NUL byte, which libpq relies on). The buffer belongs to whoever encoded the value
/// (`BoundParameters` frees it).
struct EncodedParameter {
    /// The declared type (0 lets the server infer it).
    var typeOID: UInt32
    /// 0 for text, 1 for binary.
    var format: Int32
    /// The bytes, or nil for SQL NULL.
    var bytes: UnsafeMutableBufferPointer<UInt8>?
    /// How many bytes count (text: without its closing NUL).
    var length: Int
}

extension PostgresValue {
    /// Encodes the value for `PQexecParams` into a new buffer.
    /// - Throws: `PostgresError` (SQLSTATE `22021`) when text holds a NUL byte, which PostgreSQL text cannot store.
    func encoded(position: Int, statement: String) throws(PostgresError) -> EncodedParameter {
        switch self {
        case .null:
            return EncodedParameter(typeOID: 0, format: 0, bytes: nil, length: 0)
        case .text(let text):
            return try Self.cText(text, typeOID: 0, position, statement)
        case .int(let value):
            return try Self.cText(String(value), typeOID: 20, position, statement)
        case .double(let value):
            return try Self.cText(Self.literal(value), typeOID: 701, position, statement)
        case .bool(let value):
            return try Self.cText(value ? "t" : "f", typeOID: 16, position, statement)
        case .bytes(let bytes):
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
            _ = buffer.initialize(from: bytes)
            return EncodedParameter(typeOID: 17, format: 1, bytes: buffer, length: bytes.count)
        case .textArray(let elements):
            let literal = Self.arrayLiteral(elements.map { $0.map(Self.quotedArrayElement) })
            return try Self.cText(literal, typeOID: 1009, position, statement)
        case .intArray(let elements):
            let literal = Self.arrayLiteral(elements.map { $0.map { String($0) } })
            return try Self.cText(literal, typeOID: 1016, position, statement)
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

    /// The text's UTF-8 bytes and a closing NUL, copied once into a new buffer.
    private static func cText(
        _ text: String, typeOID: UInt32, _ position: Int, _ statement: String
    ) throws(PostgresError) -> EncodedParameter {
        var text = text
        let count = text.utf8.count
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count + 1)
        text.withUTF8 { bytes in
            if let source = bytes.baseAddress, let target = buffer.baseAddress { target.update(from: source, count: count) }
        }
        buffer[count] = 0
        if count > 0, let base = buffer.baseAddress, memchr(base, 0, count) != nil {
            buffer.deallocate()
            throw PostgresError(
                kind: .server, sqlState: "22021",
                message: "parameter $\(position) contains a NUL byte, which PostgreSQL text cannot hold",
                statement: statement)
        }
        return EncodedParameter(typeOID: typeOID, format: 0, bytes: buffer, length: count)
    }

    /// Whether `text` holds a NUL byte (which would cut a statement or a text value short in libpq).
    static func containsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(base, 0, bytes.count) != nil
        }
    }
}
