import EngineRuntime

/// What route handlers share: the engine, the identity store, authentication, idempotency and the configuration.
public struct ServerServices: Sendable {
    /// The engine.
    public let engine: Engine
    /// Users, groups, memberships and API tokens.
    public let identity: IdentityStore
    /// Checks credentials.
    public let authenticator: Authenticator
    /// The Idempotency-Key record.
    public let idempotency: IdempotencyStore
    /// The configuration.
    public let configuration: ServerConfiguration

    /// Creates the services over an engine.
    public init(engine: Engine, configuration: ServerConfiguration) {
        self.engine = engine
        self.configuration = configuration
        let identity = IdentityStore(
            pool: engine.pool, hasher: PasswordHasher(iterations: configuration.passwordIterations))
        self.identity = identity
        self.authenticator = Authenticator(
            identity: identity, enabled: configuration.authenticationEnabled,
            cacheSeconds: configuration.credentialCacheSeconds)
        self.idempotency = IdempotencyStore(pool: engine.pool)
    }
}
