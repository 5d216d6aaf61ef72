import Dispatch
import Synchronization

/// A bounded pool of connections whose blocking libpq calls run on the pool's own threads.
///
/// Each connection owns a serial `DispatchQueue`; every libpq call for it (connect, queries, `body`) runs there, so
/// Swift's cooperative threads only ever wait on a continuation. At most `maximumConnections` are open at once;
/// callers beyond that wait in FIFO order (optionally up to `acquireTimeout`). A connection that broke is closed and
/// replaced, and one left inside a transaction is rolled back before reuse.
public final class PostgresPool: Sendable {
    typealias Waiter = CheckedContinuation<PoolLease<PooledConnection>, any Error>
    typealias StateMachine = PoolStateMachine<PooledConnection, Waiter>

    /// The configuration connections are made with.
    public let configuration: PostgresConfiguration
    /// The most connections open at once.
    public let maximumConnections: Int
    /// How long a caller waits for a connection before failing with `.pool`; nil waits as long as it takes.
    public let acquireTimeout: Duration?

    private let state: Mutex<StateMachine>
    private let nextWaiterID = Atomic<Int>(0)

    /// Creates a pool (connections open lazily).
    /// - Parameters:
    ///   - configuration: Where to connect.
    ///   - maximumConnections: The bound (at least 1).
    ///   - acquireTimeout: How long to wait for a free connection; nil for no limit.
    public init(configuration: PostgresConfiguration, maximumConnections: Int = 8, acquireTimeout: Duration? = nil) {
        self.configuration = configuration
        self.maximumConnections = max(1, maximumConnections)
        self.acquireTimeout = acquireTimeout
        self.state = Mutex(StateMachine(maximumConnections: maximumConnections))
    }

    /// Runs `body` with a connection on a pool thread; the connection returns to the pool afterwards (and is
    /// discarded if it broke).
    /// - Throws: What `body` threw, a `.connection` error when no connection could be opened, or `.pool` when the
    ///   pool is shut down or the acquire timeout passed.
    public func withConnection<T: Sendable>(
        _ body: @Sendable @escaping (PostgresConnection) throws -> T
    ) async throws -> T {
        let pooled = try await lease()
        let result: Result<T, any Error>
        let reusable: Bool
        do {
            (result, reusable) = try await pooled.run { connection in
                let result = Result { try body(connection) }
                return (result, connection.prepareForReuse())
            }
        } catch {
            giveBack(pooled, reusable: false)
            throw error
        }
        giveBack(pooled, reusable: reusable)
        return try result.get()
    }

    /// Runs `body` inside BEGIN … COMMIT (ROLLBACK when it throws) on a pool thread.
    /// - Throws: What `body` threw, or the `BEGIN`/`COMMIT` error (a failed `COMMIT` surfaces).
    public func withTransaction<T: Sendable>(
        _ body: @Sendable @escaping (PostgresConnection) throws -> T
    ) async throws -> T {
        try await withTransaction(isolation: .readCommitted, body)
    }

    /// Runs `body` inside `BEGIN ISOLATION LEVEL …` … COMMIT (ROLLBACK when it throws) on a pool thread.
    /// - Throws: What `body` threw, or the `BEGIN`/`COMMIT` error.
    public func withTransaction<T: Sendable>(
        isolation: PostgresIsolation, _ body: @Sendable @escaping (PostgresConnection) throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try connection.withTransaction(isolation: isolation, body)
        }
    }

    /// Runs `body` in a transaction, again (after a short jittered pause) when it fails with a retryable error
    /// (`40001` serialization failure, `40P01` deadlock), at most `maxAttempts` times in all. `body` must be safe to
    /// run again: no side effects outside the database.
    /// - Throws: The last error, or the first one that is not retryable.
    public func retryingTransaction<T: Sendable>(
        isolation: PostgresIsolation = .serializable, maxAttempts: Int = 5,
        _ body: @Sendable @escaping (PostgresConnection) throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await withTransaction(isolation: isolation, body)
            } catch let error as PostgresError where error.isRetryable && attempt < maxAttempts {
                let pause = Int.random(in: 2...10) * attempt
                try await Task.sleep(for: .milliseconds(pause))
                attempt += 1
            }
        }
    }

    /// Closes every connection; later calls fail with `.pool`.
    public func shutdown() async {
        let (waiters, idle) = state.withLock { $0.shutdown() }
        for waiter in waiters { waiter.resume(throwing: Self.shutDownError) }
        for connection in idle { connection.closeSoon() }
    }

    /// Gets a checked, open connection: an idle one that still works, or a new one.
    private func lease() async throws -> PooledConnection {
        while true {
            switch try await acquireLease() {
            case .reuse(let pooled):
                if try await pooled.run({ $0.checkIdle() }) { return pooled }
                giveBack(pooled, reusable: false)
            case .open:
                do {
                    return try await PooledConnection.open(configuration, label: "baton.postgres.connection")
                } catch {
                    perform(state.withLock { $0.slotReleased() })
                    throw error
                }
            }
        }
    }

    private func acquireLease() async throws -> StateMachine.Lease {
        let id = nextWaiterID.add(1, ordering: .relaxed).newValue
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: Waiter) in
                let action = state.withLock { machine -> StateMachine.AcquireAction in
                    if Task.isCancelled { return .fail }
                    return machine.acquire(id: id, waiter: continuation)
                }
                switch action {
                case .proceed(let lease): continuation.resume(returning: lease)
                case .fail: continuation.resume(throwing: Task.isCancelled ? Self.cancelledError : Self.shutDownError)
                case .wait: scheduleTimeout(id: id)
                }
            }
        } onCancel: {
            state.withLock { $0.removeWaiter(id: id) }?.resume(throwing: Self.cancelledError)
        }
    }

    private func scheduleTimeout(id: Int) {
        guard let acquireTimeout else { return }
        let (seconds, attoseconds) = acquireTimeout.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
            let waiter = self.state.withLock { $0.removeWaiter(id: id) }
            waiter?.resume(throwing: PostgresError(kind: .pool,
                message: "no connection became free within \(acquireTimeout) "
                    + "(all \(self.maximumConnections) are in use)", statement: nil))
        }
    }

    private func giveBack(_ pooled: PooledConnection, reusable: Bool) {
        perform(state.withLock { $0.release(pooled, reusable: reusable) })
    }

    private func perform(_ action: StateMachine.ReleaseAction) {
        switch action {
        case .none(let close):
            close?.closeSoon()
        case .resume(let waiter, let lease, let close):
            close?.closeSoon()
            waiter.resume(returning: lease)
        }
    }

    private static let shutDownError = PostgresError(kind: .pool, message: "the pool is shut down", statement: nil)
    private static let cancelledError = PostgresError(
        kind: .pool, message: "cancelled while waiting for a connection", statement: nil)
}
