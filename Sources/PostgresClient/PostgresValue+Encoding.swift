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
            return Self.binaryInt64(Int64(value), typeOID: 20)
        case .timestamptz(let microseconds):
            // Binary timestamptz: microseconds since 2000-01-01 00:00:00 UTC.
            let (shifted, overflow) = microseconds.subtractingReportingOverflow(Self.postgresEpochMicroseconds)
            return Self.binaryInt64(overflow ? Int64.min : shifted, typeOID: 1184)
        case .double(let value):
            return try Self.cText(Self.literal(value), typeOID: 701, position, statement)
        case .bool(let value):
            return try Self.cText(value ? "t" : "f", typeOID: 16, position, statement)
        case .bytes(let bytes):
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
            _ = buffer.initialize(from: bytes)
            return EncodedParameter(typeOID: 17, format: 1, bytes: buffer, length: bytes.count)
        case .textArray(let elements):
            return try Self.binaryTextArray(elements, position, statement)
        case .intArray(let elements):
            return Self.binaryIntArray(elements)
        }
    }

    /// The Unix time of PostgreSQL's epoch (2000-01-01 00:00:00 UTC), in microseconds.
    static let postgresEpochMicroseconds: Int64 = 946_684_800_000_000

    /// An 8-byte integer in binary (big-endian): `int8`, or a `timestamptz`'s microseconds.
    private static func binaryInt64(_ value: Int64, typeOID: UInt32) -> EncodedParameter {
        var writer = BinaryWriter(raw: .allocate(byteCount: 8, alignment: 1))
        writer.int64(value)
        return EncodedParameter(typeOID: typeOID, format: 1, bytes: writer.raw.bindMemory(to: UInt8.self), length: 8)
    }

    /// A one-dimensional array in PostgreSQL's binary format (`array_recv`): dimensions, a has-nulls flag, the element
    /// type, the length and lower bound, then each element as a 4-byte length (-1 for NULL) and its bytes. Nothing is
    /// quoted or escaped, and the server parses no literal. `payload` is the elements' size, lengths included.
    private static func binaryArray(
        arrayType: UInt32, elementType: UInt32, count: Int, hasNulls: Bool, payload: Int,
        _ writeElements: (inout BinaryWriter) -> Void
    ) -> EncodedParameter {
        let length = 20 + payload
        var writer = BinaryWriter(raw: .allocate(byteCount: length, alignment: 1))
        writer.int32(1)  // dimensions
        writer.int32(hasNulls ? 1 : 0)
        writer.int32(elementType)
        writer.int32(UInt32(count))
        writer.int32(1)  // lower bound
        writeElements(&writer)
        return EncodedParameter(
            typeOID: arrayType, format: 1, bytes: writer.raw.bindMemory(to: UInt8.self), length: length)
    }

    private static func binaryTextArray(
        _ elements: [String?], _ position: Int, _ statement: String
    ) throws(PostgresError) -> EncodedParameter {
        var payload = 0
        var hasNulls = false
        for element in elements {
            payload += 4
            if let element { payload += element.utf8.count } else { hasNulls = true }
        }
        var containsNUL = false
        let encoded = binaryArray(
            arrayType: 1009, elementType: 25, count: elements.count, hasNulls: hasNulls, payload: payload
        ) { writer in
            for element in elements {
                guard var text = element else {
                    writer.null()
                    continue
                }
                text.withUTF8 { bytes in
                    if let base = bytes.baseAddress, memchr(base, 0, bytes.count) != nil { containsNUL = true }
                    writer.int32(UInt32(bytes.count))
                    writer.bytes(UnsafeRawBufferPointer(bytes))
                }
            }
        }
        if containsNUL {
            encoded.bytes?.deallocate()
            throw nulInParameter(position, statement)
        }
        return encoded
    }

    private static func binaryIntArray(_ elements: [Int?]) -> EncodedParameter {
        let hasNulls = elements.contains { $0 == nil }
        let payload = elements.reduce(0) { $0 + ($1 == nil ? 4 : 12) }
        return binaryArray(
            arrayType: 1016, elementType: 20, count: elements.count, hasNulls: hasNulls, payload: payload
        ) { writer in
            for element in elements {
                guard let element else {
                    writer.null()
                    continue
                }
                writer.int32(8)
                writer.int64(Int64(element))
            }
        }
    }

    /// The error for a text parameter (or array element) holding a NUL byte.
    private static func nulInParameter(_ position: Int, _ statement: String) -> PostgresError {
        PostgresError(
            kind: .server, sqlState: "22021",
            message: "parameter $\(position) contains a NUL byte, which PostgreSQL text cannot hold",
            statement: statement)
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
            if let source = bytes.baseAddress, let target = buffer.baseAddress {
                target.initialize(from: source, count: count)
            }
        }
        buffer[count] = 0
        if count > 0, let base = buffer.baseAddress, memchr(base, 0, count) != nil {
            buffer.deallocate()
            throw nulInParameter(position, statement)
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

/// Writes big-endian values one after the other into a buffer sized for them (binary parameters).
private struct BinaryWriter {
    let raw: UnsafeMutableRawBufferPointer
    private(set) var offset = 0

    init(raw: UnsafeMutableRawBufferPointer) {
        self.raw = raw
    }

    mutating func int32(_ value: UInt32) {
        raw.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
        offset += 4
    }

    mutating func int64(_ value: Int64) {
        raw.storeBytes(of: value.bigEndian, toByteOffset: offset, as: Int64.self)
        offset += 8
    }

    /// An array element's length -1: NULL.
    mutating func null() { int32(UInt32.max) }

    mutating func bytes(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, let target = raw.baseAddress, !bytes.isEmpty else { return }
        (target + offset).copyMemory(from: source, byteCount: bytes.count)
        offset += bytes.count
    }
}
