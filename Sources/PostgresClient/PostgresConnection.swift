internal import CLibPQ
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// One libpq connection. Its calls block: use it only inside `PostgresPool.withConnection` / `withTransaction`, which
/// run on the pool's own threads, never on Swift's cooperative pool. Not for sharing between threads.
public final class PostgresConnection {
    /// The libpq connection; nil once closed. Owned by this object alone.
    private(set) var handle: OpaquePointer?
    /// Statements prepared on this session.
    let prepared = PreparedStatements()
    /// Statements not sent yet (a transaction's `BEGIN`, writes queued with `sendWithNextStatement`): they go to the
    /// server in one pipeline with the next statement, saving a round trip each.
    var deferred: [PostgresStatement] = []

    /// Opens a connection (blocking). The pool and the listener call this on their own threads; call it yourself
    /// only from a thread you own (tools, tests), never from an async context.
    /// - Parameter configuration: Where to connect.
    /// - Throws: `PostgresError` of kind `.connection` with libpq's message.
    public static func connect(_ configuration: PostgresConfiguration) throws(PostgresError) -> PostgresConnection {
        PostgresConnection(handle: try LibPQ.connect(configuration))
    }

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Closes the connection; later calls fail with `.connection`.
    public func close() {
        deferred = []
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// The server process ID of this session (as in `pg_stat_activity.pid`); 0 when closed.
    public var serverProcessID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    /// Runs one parameterised statement (`PQexecParams`; `$1 … $n` placeholders) and returns its rows.
    /// - Parameters:
    ///   - sql: One statement with `$n` placeholders.
    ///   - parameters: The values, bound in order and never spliced into the SQL.
    /// - Throws: `PostgresError` with SQLSTATE, message, detail and `sql` (never the values).
    public func query(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresError) -> PostgresRows {
        if !deferred.isEmpty {
            // The queued statements and this one in one round trip; this one's rows come last.
            let results = try pipeline([PostgresStatement(sql, parameters)])
            return results.last ?? PostgresRows(columns: [], rows: [], affected: 0)
        }
        let handle = try openHandle(sql)
        let bound = try BoundParameters(parameters, statement: sql)
        defer { bound.deallocate() }
        let result: OpaquePointer?
        if let name = try prepared.name(for: sql, types: bound.types, handle: handle) {
            result = PQexecPrepared(handle, name, bound.count, bound.values, bound.lengths, bound.formats, 0)
        } else {
            result = PQexecParams(handle, sql, bound.count, bound.types, bound.values, bound.lengths, bound.formats, 0)
        }
        guard let result else { throw LibPQ.error(nil, connection: handle, statement: sql) }
        defer { PQclear(result) }
        return try LibPQ.rows(result, connection: handle, statement: sql)
    }

    /// Runs a statement and returns the number of rows it affected.
    /// - Throws: `PostgresError`, as `query`.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresError) -> Int {
        try query(sql, parameters).affected
    }

    /// Runs a script of several statements without parameters (`PQexec`); for migrations only.
    /// - Throws: `PostgresError` for the first failing statement (the whole script is named as the statement only
    ///   by its first line, to keep errors short).
    public func executeScript(_ sql: String) throws(PostgresError) {
        let label = sql.split(separator: "\n", maxSplits: 1).first.map { String($0) + " …" }
        if !deferred.isEmpty { _ = try pipeline([]) }
        let handle = try openHandle(sql)
        guard let result = PQexec(handle, sql) else { throw LibPQ.error(nil, connection: handle, statement: label) }
        defer { PQclear(result) }
        _ = try LibPQ.rows(result, connection: handle, statement: label)
    }

    /// Runs `body` inside `BEGIN … COMMIT` on this connection; `ROLLBACK` when it throws. A failing `COMMIT`
    /// surfaces as the error (e.g. `40001` under serializable isolation). `BEGIN` goes to the server with the body's
    /// first statement and `COMMIT` with whatever the body left queued (`sendWithNextStatement`), so a transaction
    /// costs no round trips of its own; a body that sends nothing sends no `BEGIN` either.
    /// - Parameters:
    ///   - isolation: The isolation level.
    ///   - body: The work.
    /// - Throws: What `body` threw, or the `BEGIN`/`COMMIT` error.
    public func withTransaction<T>(
        isolation: PostgresIsolation = .readCommitted, _ body: (PostgresConnection) throws -> T
    ) throws -> T {
        if !deferred.isEmpty { _ = try pipeline([]) }
        let begin = PostgresStatement(isolation.beginStatement)
        deferred = [begin]
        let value: T
        do {
            value = try body(self)
        } catch {
            abandonTransaction(begin)
            throw error
        }
        if deferred == [begin] {
            deferred = []  // nothing was sent: there is nothing to commit
            return value
        }
        do {
            try execute("COMMIT")
        } catch {
            abandonTransaction(begin)
            throw error
        }
        return value
    }

    /// Forgets what is still queued and rolls back what the server already has of the transaction.
    private func abandonTransaction(_ begin: PostgresStatement) {
        let beganOnServer = deferred.first != begin
        deferred = []
        if beganOnServer { _ = try? execute("ROLLBACK") }
    }

    /// Sends a notification (`SELECT pg_notify($1, $2)`); delivered at commit when inside a transaction.
    /// - Throws: `PostgresError`.
    public func notify(channel: String, payload: String = "") throws(PostgresError) {
        _ = try query("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
    }

    /// Whether the connection is open and not inside a transaction, so the pool may hand it out again; rolls back a
    /// transaction the caller left open.
    func prepareForReuse() -> Bool {
        deferred = []
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return false }
        let status = PQtransactionStatus(handle)
        if status == PQTRANS_INTRANS || status == PQTRANS_INERROR {
            _ = try? execute("ROLLBACK")
        }
        return PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// Reads whatever the server sent while idle (a termination notice, notifications) without blocking, and says
    /// whether the connection is still good.
    func checkIdle() -> Bool {
        guard let handle else { return false }
        // A terminated session first sends its FATAL message, then closes: keep reading while the socket has
        // something (data or end of file) so the close is seen here, not by the caller's first query.
        for _ in 0..<8 {
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 0) > 0 else { break }
            if PQconsumeInput(handle) == 0 { return false }
        }
        while let notification = PQnotifies(handle) { PQfreemem(notification) }
        return PQstatus(handle) == CONNECTION_OK
    }

    func openHandle(_ statement: String?) throws(PostgresError) -> OpaquePointer {
        if let statement, PostgresValue.containsNUL(statement) {
            throw PostgresError(kind: .server, sqlState: "22021",
                message: "the statement contains a NUL byte, which would cut it short", statement: nil)
        }
        guard let handle else {
            throw PostgresError(kind: .connection, message: "the connection is closed", statement: statement)
        }
        return handle
    }
}
