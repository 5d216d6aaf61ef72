/// A failure talking to PostgreSQL, with what the server said and which statement (never the bound values).
public struct PostgresError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The category.
    public enum Kind: Sendable, Hashable {
        /// The configuration or URL is invalid.
        case configuration
        /// Could not connect (or the connection broke).
        case connection
        /// The server reported an error for a statement (see `sqlState`).
        case server
        /// A result value could not be decoded into the requested Swift type.
        case decoding
        /// The pool is shut down, or timed out waiting for a connection.
        case pool
    }

    /// The category.
    public var kind: Kind
    /// The five-character SQLSTATE, for server errors (e.g. `23505` unique violation, `40001` serialization).
    public var sqlState: String?
    /// The primary message.
    public var message: String
    /// The server's DETAIL, if any.
    public var detail: String?
    /// The statement text (with `$n` placeholders, never values), if the error belongs to one.
    public var statement: String?

    /// Creates an error.
    public init(kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, statement: String?) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.statement = statement
    }

    /// `40001`: the transaction may succeed if retried.
    public var isSerializationFailure: Bool { sqlState == "40001" }
    /// `40P01`.
    public var isDeadlock: Bool { sqlState == "40P01" }
    /// `23505`.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// Whether retrying the whole transaction is safe and may succeed (serialization failure or deadlock).
    public var isRetryable: Bool { isSerializationFailure || isDeadlock }

    /// `SQLSTATE message (detail) in: statement`.
    public var description: String {
        var text = (sqlState.map { "\($0) " } ?? "") + message
        if let detail { text += " (\(detail))" }
        if let statement { text += " in: \(statement)" }
        return text
    }
}
