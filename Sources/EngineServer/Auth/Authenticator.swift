import Crypto
import Foundation
import HTTPTypes
import Synchronization
import enum EngineStore.Hex

/// Checks the credentials of a request: HTTP Basic against the users' PBKDF2 hashes (remembered for a short time by
/// a SHA-256 of the credentials, so keep-alive clients do not pay the KDF per request), or a bearer API token.
public final class Authenticator: Sendable {
    private let identity: IdentityStore
    /// Whether authentication is required at all.
    public let enabled: Bool
    private let cacheSeconds: Int
    private let cache = Mutex<[String: (principal: Principal, until: ContinuousClock.Instant)]>([:])

    /// Creates an authenticator.
    public init(identity: IdentityStore, enabled: Bool, cacheSeconds: Int) {
        self.identity = identity
        self.enabled = enabled
        self.cacheSeconds = cacheSeconds
    }

    /// The caller, or nil on an open route without credentials (or when authentication is off). Missing or wrong
    /// credentials on a protected route → 401.
    public func authenticate(_ headers: HTTPFields, access: Access) async throws -> Principal? {
        guard enabled else { return nil }
        guard let header = headers[.authorization] else {
            if access.isOpen { return nil }
            throw RESTError.unauthorized
        }
        let principal = try await principal(for: header)
        if principal == nil && !access.isOpen { throw RESTError.unauthorized }
        return principal
    }

    /// Forgets remembered credentials (after a password, membership or user change).
    public func invalidate() { cache.withLock { $0.removeAll() } }

    private func principal(for header: String) async throws -> Principal? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let scheme = parts[0].lowercased()
        let value = String(parts[1]).trimmingCharacters(in: .whitespaces)
        let cacheKey = Hex.encode(Array(SHA256.hash(data: Array((scheme + " " + value).utf8))))
        let now = ContinuousClock.now
        if let hit = cache.withLock({ $0[cacheKey] }), hit.until > now { return hit.principal }
        let principal: Principal?
        switch scheme {
        case "basic":
            guard let data = Data(base64Encoded: value), let text = String(data: data, encoding: .utf8),
                let colon = text.firstIndex(of: ":")
            else { return nil }
            principal = try await identity.verify(
                user: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
        case "bearer":
            principal = try await identity.verify(token: value)
        default:
            return nil
        }
        if let principal {
            let until = now.advanced(by: .seconds(cacheSeconds))
            cache.withLock { cache in
                if cache.count > 10_000 { cache.removeAll() }
                cache[cacheKey] = (principal, until)
            }
        }
        return principal
    }
}
