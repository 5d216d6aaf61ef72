/// A failure managing the embedded PostgreSQL cluster: what went wrong, which command failed and what it printed.
public struct EmbeddedPostgresError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The category.
    public enum Kind: Sendable, Hashable {
        /// The server binaries (`initdb`, `pg_ctl`, `postgres`) were not found; the message names the package.
        case binariesNotFound
        /// Running as root and there is no unprivileged `postgres` account to run the server as.
        case noServerAccount
        /// A directory could not be created, owned, reached or removed.
        case filesystem
        /// The data directory holds something that is not a PostgreSQL cluster.
        case notACluster
        /// `initdb`, `pg_ctl`, `psql` or another command failed (see `command` and `standardError`).
        case commandFailed
        /// The server did not become ready in time.
        case timeout
        /// The operation needs a running cluster and this manager has none.
        case notRunning
    }

    /// The category.
    public var kind: Kind
    /// What went wrong, in a sentence.
    public var message: String
    /// The command line that failed, if one did.
    public var command: String?
    /// What the failed command printed (standard error first), if anything.
    public var standardError: String?

    /// Creates an error.
    public init(kind: Kind, message: String, command: String? = nil, standardError: String? = nil) {
        self.kind = kind
        self.message = message
        self.command = command
        self.standardError = standardError
    }

    /// `message`, then the command and its output on their own lines.
    public var description: String {
        var text = "embedded PostgreSQL: " + message
        if let command { text += "\n  command: \(command)" }
        if let standardError, !standardError.isEmpty {
            text += "\n  output: " + standardError.replacingOccurrences(of: "\n", with: "\n          ")
        }
        return text
    }
}
