import EngineStore

/// SHA-256 of bytes as lowercase hex (resource fingerprints for duplicate filtering).
enum Checksum {
    static func sha256Hex(_ bytes: [UInt8]) -> String { SHA256.hex(bytes) }
}
