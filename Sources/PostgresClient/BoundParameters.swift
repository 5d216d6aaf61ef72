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

    /// Encodes `parameters`, each into a buffer of its own.
    /// - Throws: `PostgresError` when a value cannot be sent (text with a NUL byte); nothing stays allocated.
    init(_ parameters: [PostgresValue], statement: String) throws(PostgresError) {
        var buffers: [UnsafeMutableBufferPointer<UInt8>?] = []
        var types: [UInt32] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        buffers.reserveCapacity(parameters.count)
        types.reserveCapacity(parameters.count)
        lengths.reserveCapacity(parameters.count)
        formats.reserveCapacity(parameters.count)
        for (index, value) in parameters.enumerated() {
            let encoded: EncodedParameter
            do throws(PostgresError) {
                encoded = try value.encoded(position: index + 1, statement: statement)
            } catch {
                for buffer in buffers { buffer?.deallocate() }
                throw error
            }
            buffers.append(encoded.bytes)
            types.append(encoded.typeOID)
            lengths.append(Int32(encoded.length))
            formats.append(encoded.format)
        }
        self.buffers = buffers
        values = buffers.map { buffer in
            buffer?.baseAddress.map { UnsafePointer(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }
        count = Int32(parameters.count)
        self.types = types
        self.lengths = lengths
        self.formats = formats
    }

    /// Frees the value buffers.
    func deallocate() {
        for buffer in buffers { buffer?.deallocate() }
    }
}
