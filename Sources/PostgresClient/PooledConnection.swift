import Dispatch

/// A connection with the serial queue its blocking libpq calls run on.
///
/// `@unchecked Sendable`: the connection is touched only by work submitted to `queue` (a serial queue, so one
/// call at a time), and the pool lends a `PooledConnection` to at most one caller at a time.
final class PooledConnection: @unchecked Sendable {
    /// The connection; use only from work on `queue`.
    let connection: PostgresConnection
    /// The serial queue that owns the connection's thread time.
    let queue: DispatchQueue

    private init(connection: PostgresConnection, queue: DispatchQueue) {
        self.connection = connection
        self.queue = queue
    }

    /// Opens a connection on a fresh serial queue (the blocking connect runs there).
    static func open(_ configuration: PostgresConfiguration, label: String) async throws -> PooledConnection {
        let queue = DispatchQueue(label: label)
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { () throws(PostgresError) -> PooledConnection in
                    PooledConnection(connection: try PostgresConnection.connect(configuration), queue: queue)
                })
            }
        }
    }

    /// Runs `work` on the connection's queue and resumes the caller with its result.
    func run<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work(self.connection) })
            }
        }
    }

    /// Closes the connection on its queue, without waiting.
    func closeSoon() {
        queue.async { self.connection.close() }
    }
}
