internal import CLibPQ

extension PostgresConnection {
    /// Sends every statement at once in libpq pipeline mode and reads all results: one round trip instead of one per
    /// statement. The statements run in order in one implicit transaction (or inside the caller's open transaction):
    /// when one fails, the later ones are skipped, the implicit transaction rolls back, and the first error is
    /// thrown. Keep pipelines modest (hundreds of statements, not millions): the connection blocks while sending.
    /// Statements queued with `sendWithNextStatement` (and a transaction's pending `BEGIN`) go first, in the same
    /// round trip; their results are not returned.
    /// - Parameter statements: The statements, each with its own values.
    /// - Returns: One `PostgresRows` per statement, in order.
    /// - Throws: `PostgresError` naming the failing statement (which may be a queued one).
    public func pipeline(_ statements: [PostgresStatement]) throws(PostgresError) -> [PostgresRows] {
        let queued = deferred.count
        let statements = deferred + statements
        deferred = []
        if statements.isEmpty { return [] }
        let handle = try openHandle(statements[0].sql)
        // Prepare what this session has not prepared yet before entering pipeline mode (one round trip each, once).
        var names: [String?] = []
        for statement in statements {
            if statement.sql.utf8.contains(0) {
                names.append(nil)
                continue
            }
            let bound = try BoundParameters(statement.parameters, statement: statement.sql)
            defer { bound.deallocate() }
            names.append(try prepared.name(for: statement.sql, types: bound.types, handle: handle))
        }
        guard PQenterPipelineMode(handle) == 1 else {
            throw LibPQ.error(nil, connection: handle, statement: statements[0].sql)
        }
        defer { _ = PQexitPipelineMode(handle) }
        var firstError: PostgresError?
        for (statement, name) in zip(statements, names) {
            if statement.sql.utf8.contains(0) {
                firstError = PostgresError(kind: .server, sqlState: "22021",
                    message: "the statement contains a NUL byte, which would cut it short", statement: nil)
                break
            }
            do throws(PostgresError) {
                let bound = try BoundParameters(statement.parameters, statement: statement.sql)
                defer { bound.deallocate() }
                let sent =
                    if let name {
                        PQsendQueryPrepared(handle, name, bound.count, bound.values, bound.lengths, bound.formats, 0)
                    } else {
                        PQsendQueryParams(handle, statement.sql, bound.count, bound.types, bound.values,
                            bound.lengths, bound.formats, 0)
                    }
                if sent != 1 { throw LibPQ.error(nil, connection: handle, statement: statement.sql) }
            } catch {
                firstError = error
                break
            }
        }
        guard PQpipelineSync(handle) == 1 else {
            throw firstError ?? LibPQ.error(nil, connection: handle, statement: statements[0].sql)
        }
        return Array(try readPipelineResults(handle, statements: statements, firstError: firstError).dropFirst(queued))
    }

    /// Queues statements whose results nobody reads (writes): they are sent in one pipeline with the next statement
    /// this connection runs — typically a transaction's `COMMIT` — instead of a round trip of their own. A failure
    /// in them surfaces from that next statement (and fails the transaction, as it would have anyway). Queue only
    /// inside `withTransaction`, or run a statement before giving the connection back: a connection returned to
    /// the pool forgets what is still queued.
    public func sendWithNextStatement(_ statements: [PostgresStatement]) {
        deferred += statements
    }

    /// Reads each statement's result up to the sync point; the first failure wins.
    private func readPipelineResults(
        _ handle: OpaquePointer, statements: [PostgresStatement], firstError: PostgresError?
    ) throws(PostgresError) -> [PostgresRows] {
        var error = firstError
        var rows: [PostgresRows] = []
        var index = 0
        while true {
            guard let result = PQgetResult(handle) else {
                // End of one statement's results; nil twice in a row would mean the connection is gone.
                if PQstatus(handle) != CONNECTION_OK {
                    let current = statements[min(index, statements.count - 1)].sql
                    throw LibPQ.error(nil, connection: handle, statement: current)
                }
                continue
            }
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            if status == PGRES_PIPELINE_SYNC { break }
            let statement = index < statements.count ? statements[index].sql : nil
            index += 1
            if status == PGRES_PIPELINE_ABORTED { continue }
            do throws(PostgresError) {
                rows.append(try LibPQ.rows(result, connection: handle, statement: statement))
            } catch let failure {
                if error == nil { error = failure }
            }
        }
        if let error { throw error }
        return rows
    }
}
