import EngineRuntime

/// How the REST server behaves.
public struct ServerConfiguration: Sendable {
    /// Whether requests must authenticate (on by default; `/engine`, `/version` and `/openapi.json` stay open).
    public var authenticationEnabled: Bool
    /// PBKDF2 iterations for new password hashes.
    public var passwordIterations: Int
    /// How long a verified Basic credential is remembered (so a keep-alive client does not pay the KDF per request).
    public var credentialCacheSeconds: Int
    /// The largest request body accepted.
    public var maximumBodyBytes: Int
    /// How long an `Idempotency-Key` is remembered.
    public var idempotencyRetentionHours: Int
    /// Variables whose values only admins and auditors see (processes add their own with the `sensitiveVariables`
    /// extension property).
    public var sensitiveVariables: SensitiveVariables

    /// Creates a configuration.
    public init(
        authenticationEnabled: Bool = true, passwordIterations: Int = 600_000, credentialCacheSeconds: Int = 60,
        maximumBodyBytes: Int = 16 * 1024 * 1024, idempotencyRetentionHours: Int = 24,
        sensitiveVariables: SensitiveVariables = .none
    ) {
        self.sensitiveVariables = sensitiveVariables
        self.authenticationEnabled = authenticationEnabled
        self.passwordIterations = passwordIterations
        self.credentialCacheSeconds = credentialCacheSeconds
        self.maximumBodyBytes = maximumBodyBytes
        self.idempotencyRetentionHours = idempotencyRetentionHours
    }
}
