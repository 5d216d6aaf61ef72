/// One statement with its bound values, for `PostgresConnection.pipeline(_:)`.
public struct PostgresStatement: Sendable, Hashable {
    /// The SQL with `$n` placeholders.
    public var sql: String
    /// The values, in placeholder order.
    public var parameters: [PostgresValue]

    /// Creates a statement.
    public init(_ sql: String, _ parameters: [PostgresValue] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}
