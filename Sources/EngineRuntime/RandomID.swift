/// Random (version 4) UUIDs in PostgreSQL's text form (lowercase, hyphenated) for the rows the engine creates:
/// instances, tasks, external tasks, incidents, jobs. Drawn from `SystemRandomNumberGenerator` (the kernel's
/// generator, one call per id): Foundation's `UUID()` on Linux opens and reads `/dev/urandom` for every id, which
/// cost about 5 % of an instance start.
enum RandomID {
    private static let digits = Array("0123456789abcdef".utf8)

    /// A new random UUID, e.g. `3f2b8c1e-9d4a-4e6b-8a2f-0c1d2e3f4a5b`.
    static func uuid() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: high >> shift)) }
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: low >> shift)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                buffer[position] = digits[Int(byte >> 4)]
                buffer[position + 1] = digits[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }
}
