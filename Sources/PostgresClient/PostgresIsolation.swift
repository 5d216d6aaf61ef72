/// A transaction isolation level, as in `BEGIN ISOLATION LEVEL …`.
public enum PostgresIsolation: Sendable, Hashable {
    /// The server default: each statement sees what committed before it began.
    case readCommitted
    /// One snapshot for the whole transaction; concurrent updates fail with `40001`.
    case repeatableRead
    /// As if transactions ran one at a time; conflicts fail with `40001` and should be retried.
    case serializable

    /// The `BEGIN` statement.
    var beginStatement: String {
        switch self {
        case .readCommitted: "BEGIN ISOLATION LEVEL READ COMMITTED"
        case .repeatableRead: "BEGIN ISOLATION LEVEL REPEATABLE READ"
        case .serializable: "BEGIN ISOLATION LEVEL SERIALIZABLE"
        }
    }
}
