import Crypto
import _CryptoExtras
import enum EngineStore.Hex

/// Password hashes: PBKDF2-HMAC-SHA256 with a random 16-byte salt, stored as
/// `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>` so the iteration count can grow without invalidating old
/// hashes.
public struct PasswordHasher: Sendable {
    /// Iterations for new hashes (OWASP 2023 recommends 600,000 for PBKDF2-HMAC-SHA256).
    public var iterations: Int

    /// Creates a hasher.
    public init(iterations: Int = 600_000) { self.iterations = iterations }

    /// A new hash of `password`.
    public func hash(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let derived = try Self.derive(password, salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(Hex.encode(salt))$\(Hex.encode(derived))"
    }

    /// Whether `password` matches a stored hash (false for a malformed one).
    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds > 0,
            let salt = Hex.decode(String(parts[2])), let expected = Hex.decode(String(parts[3])),
            let derived = try? Self.derive(password, salt: salt, iterations: rounds)
        else { return false }
        guard derived.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(derived, expected) { difference |= a ^ b }
        return difference == 0
    }

    private static func derive(_ password: String, salt: [UInt8], iterations: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32,
            unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Array($0) }
    }
}
