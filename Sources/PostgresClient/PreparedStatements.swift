internal import CLibPQ

/// The statements a connection has prepared, by SQL text and parameter types: each statement is parsed and planned
/// by the server once per connection, then only executed (`PQprepare` once, `PQexecPrepared` after), which saves
/// the server's parse and plan work on every call of the engine's fixed statements.
final class PreparedStatements {
    /// More distinct statements than this are sent unprepared (a bound on server memory for ad-hoc SQL).
    static let limit = 512

    /// A statement's identity: its text and its parameters' declared types.
    private struct Key: Hashable {
        var sql: String
        var types: [UInt32]
    }

    private var names: [Key: String] = [:]

    /// The prepared statement's name for `sql` with these parameter types, preparing it on first use; nil when the
    /// cache is full (the caller then sends the statement unprepared).
    func name(
        for sql: String, types: [UInt32], handle: OpaquePointer
    ) throws(PostgresError) -> String? {
        // Statements without parameters (BEGIN, COMMIT, LISTEN, DDL) are cheap to parse: not worth a name.
        guard !types.isEmpty else { return nil }
        let key = Key(sql: sql, types: types)
        if let name = names[key] { return name }
        guard names.count < Self.limit else { return nil }
        let name = "baton_\(names.count + 1)"
        let result = types.withUnsafeBufferPointer { typePointer in
            PQprepare(handle, name, sql, Int32(types.count), typePointer.baseAddress)
        }
        guard let result else { throw LibPQ.error(nil, connection: handle, statement: sql) }
        defer { PQclear(result) }
        _ = try LibPQ.rows(result, connection: handle, statement: sql)
        names[key] = name
        return name
    }

    /// Forgets every name (after the session was reset: the server forgot them too).
    func reset() { names = [:] }
}
