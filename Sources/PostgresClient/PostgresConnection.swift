/// One libpq connection. Its calls block: use it only inside `PostgresPool.withConnection` / `withTransaction`, which
/// run on the pool's own threads, never on Swift's cooperative pool. Not for sharing between threads.
///
/// STUB (issue 4): being written by the PostgresClient helper.
public final class PostgresConnection {
    /// Runs one parameterised statement (`PQexecParams`; `$1 … $n` placeholders) and returns its rows.
    public func query(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresError) -> PostgresRows {
        throw PostgresError(kind: .connection, message: "not written yet", statement: sql)
    }

    /// Runs a statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresError) -> Int {
        throw PostgresError(kind: .connection, message: "not written yet", statement: sql)
    }

    /// Runs a script of several statements without parameters (`PQexec`); for migrations only.
    public func executeScript(_ sql: String) throws(PostgresError) {
        throw PostgresError(kind: .connection, message: "not written yet", statement: nil)
    }

    init() {}
}

/// The rows of a result, decoded on access.
public struct PostgresRows: Sendable, Sequence {
    /// Column names in order.
    public let columns: [String]
    /// Every row.
    public let rows: [PostgresRow]
    /// Rows affected (INSERT/UPDATE/DELETE).
    public let affected: Int

    /// Iterates the rows.
    public func makeIterator() -> IndexingIterator<[PostgresRow]> { rows.makeIterator() }
}

/// One row: text-format values by column.
public struct PostgresRow: Sendable {
    /// Column names in order.
    public let columns: [String]
    /// Values in text format; nil is SQL NULL.
    public let values: [String?]

    /// Decodes a column by name; throws when the column is missing, NULL (use the optional overload) or does not fit.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        throw PostgresError(kind: .decoding, message: "not written yet", statement: nil)
    }

    /// Decodes a nullable column by name.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T?.Type = T?.self) throws(PostgresError)
        -> T?
    {
        throw PostgresError(kind: .decoding, message: "not written yet", statement: nil)
    }
}
