/// What a caller of the pool gets: an idle connection to reuse, or the right to open a new one.
enum PoolLease<Connection: AnyObject> {
    /// Reuse this idle connection.
    case reuse(Connection)
    /// Open a new connection (a slot is already counted).
    case open
}

extension PoolLease: Sendable where Connection: Sendable {}

/// The pool's bookkeeping as a pure state machine: it decides, `PostgresPool` acts (resumes waiters, opens and
/// closes connections) outside the lock.
struct PoolStateMachine<Connection: AnyObject, Waiter> {
    typealias Lease = PoolLease<Connection>

    /// What `acquire` decided.
    enum AcquireAction {
        /// Proceed with this lease at once.
        case proceed(Lease)
        /// The caller was queued; it will be resumed later.
        case wait
        /// The pool is shut down.
        case fail
    }

    /// What `release` decided.
    enum ReleaseAction {
        /// Nothing to do beyond closing `close` if set.
        case none(close: Connection?)
        /// Resume this waiter with this lease (and close `close` if set).
        case resume(Waiter, Lease, close: Connection?)
    }

    let maximumConnections: Int
    private(set) var idle: [Connection] = []
    /// Connections open, being opened or lent out.
    private(set) var open = 0
    private var waiters: [(id: Int, waiter: Waiter)] = []
    private(set) var isShutDown = false

    init(maximumConnections: Int) {
        self.maximumConnections = max(1, maximumConnections)
    }

    /// A caller wants a connection.
    mutating func acquire(id: Int, waiter: Waiter) -> AcquireAction {
        if isShutDown { return .fail }
        if let connection = idle.popLast() { return .proceed(.reuse(connection)) }
        if open < maximumConnections {
            open += 1
            return .proceed(.open)
        }
        waiters.append((id, waiter))
        return .wait
    }

    /// A caller gives its connection back; `reusable` false (or a shut-down pool) discards it.
    mutating func release(_ connection: Connection, reusable: Bool) -> ReleaseAction {
        if isShutDown || !reusable {
            open -= 1
            return slotFreed(close: connection)
        }
        if !waiters.isEmpty {
            let next = waiters.removeFirst()
            return .resume(next.waiter, .reuse(connection), close: nil)
        }
        idle.append(connection)
        return .none(close: nil)
    }

    /// Opening a connection failed, or a reused one turned out broken: its slot is free again.
    mutating func slotReleased() -> ReleaseAction {
        open -= 1
        return slotFreed(close: nil)
    }

    /// Removes a waiter that timed out or was cancelled; nil when it was already resumed.
    mutating func removeWaiter(id: Int) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index).waiter
    }

    /// Shuts down: returns the waiters to fail and the idle connections to close.
    mutating func shutdown() -> (waiters: [Waiter], idle: [Connection]) {
        isShutDown = true
        let result = (waiters.map { $0.waiter }, idle)
        open -= idle.count
        waiters = []
        idle = []
        return result
    }

    private mutating func slotFreed(close: Connection?) -> ReleaseAction {
        if !isShutDown, !waiters.isEmpty, open < maximumConnections {
            open += 1
            return .resume(waiters.removeFirst().waiter, .open, close: close)
        }
        return .none(close: close)
    }
}
