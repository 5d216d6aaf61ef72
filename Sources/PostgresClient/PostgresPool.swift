/// A bounded pool of connections whose blocking libpq calls run on the pool's own threads.
///
/// STUB (issue 4): being written by the PostgresClient helper.
public final class PostgresPool: Sendable {
    /// The configuration connections are made with.
    public let configuration: PostgresConfiguration
    /// The most connections open at once.
    public let maximumConnections: Int

    /// Creates a pool (connections open lazily).
    public init(configuration: PostgresConfiguration, maximumConnections: Int = 8) {
        self.configuration = configuration
        self.maximumConnections = maximumConnections
    }

    /// Runs `body` with a connection on a pool thread; the connection returns to the pool afterwards (and is
    /// discarded if it broke).
    public func withConnection<T: Sendable>(
        _ body: @Sendable @escaping (PostgresConnection) throws -> T
    ) async throws -> T {
        throw PostgresError(kind: .pool, message: "not written yet", statement: nil)
    }

    /// Runs `body` inside BEGIN … COMMIT (ROLLBACK when it throws) on a pool thread.
    public func withTransaction<T: Sendable>(
        _ body: @Sendable @escaping (PostgresConnection) throws -> T
    ) async throws -> T {
        throw PostgresError(kind: .pool, message: "not written yet", statement: nil)
    }

    /// Closes every connection; later calls fail with `.pool`.
    public func shutdown() async {}
}
