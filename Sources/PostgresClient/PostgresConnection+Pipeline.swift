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
        let handle = try openHandle(nil)
        // Each statement's values are bound once. What this session has not prepared yet is prepared before entering
        // pipeline mode (one round trip each, once). A statement whose SQL holds a NUL byte is not sent: the ones
        // before it run, and its error is the pipeline's.
        var bound: [BoundParameters] = []
        bound.reserveCapacity(statements.count)
        defer { for parameters in bound { parameters.deallocate() } }
        var names: [String?] = []
        var firstError: PostgresError?
        for statement in statements {
            if PostgresValue.containsNUL(statement.sql) {
                firstError = PostgresError(kind: .server, sqlState: "22021",
                    message: "the statement contains a NUL byte, which would cut it short", statement: nil)
                break
            }
            let parameters = try BoundParameters(statement.parameters, statement: statement.sql)
            bound.append(parameters)
            names.append(try prepared.name(for: statement.sql, types: parameters.types, handle: handle))
        }
        guard PQenterPipelineMode(handle) == 1 else {
            throw LibPQ.error(nil, connection: handle, statement: statements[0].sql)
        }
        defer { _ = PQexitPipelineMode(handle) }
        for (index, parameters) in bound.enumerated() {
            let sent =
                if let name = names[index] {
                    PQsendQueryPrepared(
                        handle, name, parameters.count, parameters.values, parameters.lengths, parameters.formats, 0)
                } else {
                    PQsendQueryParams(handle, statements[index].sql, parameters.count, parameters.types,
                        parameters.values, parameters.lengths, parameters.formats, 0)
                }
            if sent != 1 {
                firstError = LibPQ.error(nil, connection: handle, statement: statements[index].sql)
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
