/// The rows of a result, decoded on access.
public struct PostgresRows: Sendable, Sequence {
    /// Column names in order.
    public let columns: [String]
    /// Every row.
    public let rows: [PostgresRow]
    /// Rows affected (INSERT/UPDATE/DELETE) or returned (SELECT), as libpq's `PQcmdTuples` reports; 0 for others.
    public let affected: Int

    /// Creates rows (the connection builds these from a libpq result).
    public init(columns: [String], rows: [PostgresRow], affected: Int) {
        self.columns = columns
        self.rows = rows
        self.affected = affected
    }

    /// Iterates the rows.
    public func makeIterator() -> IndexingIterator<[PostgresRow]> { rows.makeIterator() }

    /// The first row, if any.
    public var first: PostgresRow? { rows.first }

    /// The number of rows.
    public var count: Int { rows.count }
}

/// One row: text-format values by column.
public struct PostgresRow: Sendable {
    /// Column names in order.
    public let columns: [String]
    /// Values in text format; nil is SQL NULL.
    public let values: [String?]

    /// Creates a row.
    public init(columns: [String], values: [String?]) {
        self.columns = columns
        self.values = values
    }

    /// Decodes a column by name; throws when the column is missing, NULL (use the optional overload) or does not fit.
    /// - Throws: `PostgresError` of kind `.decoding` naming the column and the type.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let text = try rawValue(column) else {
            throw PostgresError(kind: .decoding, message: "column '\(column)': expected \(T.self), found NULL",
                statement: nil)
        }
        return try T.decode(text: text, column: column)
    }

    /// Decodes a nullable column by name.
    /// - Throws: `PostgresError` of kind `.decoding` when the column is missing or does not fit.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T?.Type = T?.self) throws(PostgresError)
        -> T?
    {
        guard let text = try rawValue(column) else { return nil }
        return try T.decode(text: text, column: column)
    }

    /// The text of a column (nil for NULL).
    /// - Throws: `PostgresError` of kind `.decoding` when no column has that name.
    public func rawValue(_ column: String) throws(PostgresError) -> String? {
        guard let index = columns.firstIndex(of: column) else {
            throw PostgresError(kind: .decoding,
                message: "no column '\(column)' (the result has: \(columns.joined(separator: ", ")))", statement: nil)
        }
        return values[index]
    }
}
