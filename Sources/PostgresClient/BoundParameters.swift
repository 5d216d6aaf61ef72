/// Parameters laid out as the arrays `PQexecParams` / `PQsendQueryParams` take. The value buffers are allocated
/// here and must be released with `deallocate()` once libpq has sent them.
struct BoundParameters {
    /// The number of parameters.
    let count: Int32
    /// Declared type OIDs (0 lets the server infer).
    let types: [UInt32]
    /// Pointers to each value (nil for NULL); text values end with a NUL byte.
    let values: [UnsafePointer<CChar>?]
    /// Byte lengths (used for binary values).
    let lengths: [Int32]
    /// 0 text, 1 binary.
    let formats: [Int32]
    private let buffers: [UnsafeMutableBufferPointer<UInt8>?]

    /// Encodes and copies `parameters`.
    /// - Throws: `PostgresError` when a value cannot be sent (text with a NUL byte).
    init(_ parameters: [PostgresValue], statement: String) throws(PostgresError) {
        var encoded: [EncodedParameter] = []
        for (index, value) in parameters.enumerated() {
            encoded.append(try value.encoded(position: index + 1, statement: statement))
        }
        let buffers = encoded.map { parameter -> UnsafeMutableBufferPointer<UInt8>? in
            parameter.bytes.map { bytes in
                let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
                _ = buffer.initialize(from: bytes)
                return buffer
            }
        }
        self.buffers = buffers
        values = buffers.map { buffer in
            buffer?.baseAddress.map { UnsafePointer(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }
        count = Int32(encoded.count)
        types = encoded.map { $0.typeOID }
        lengths = encoded.map { Int32($0.bytes?.count ?? 0) }
        formats = encoded.map { $0.format }
    }

    /// Frees the value buffers.
    func deallocate() {
        for buffer in buffers { buffer?.deallocate() }
    }
}
