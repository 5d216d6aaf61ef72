/// Where and how to connect: host or unix-socket directory, port, user, password, database.
///
/// STUB (issue 4): the parsing is being written by the PostgresClient helper.
public struct PostgresConfiguration: Sendable, Hashable {
    /// Host name or address; nil with `socketDirectory` set means a unix socket.
    public var host: String?
    /// The directory holding the server's unix socket (`/tmp`, `/var/run/postgresql`, a data directory).
    public var socketDirectory: String?
    /// The port (also names the unix socket file).
    public var port: Int
    /// The user.
    public var user: String
    /// The password, if any.
    public var password: String?
    /// The database.
    public var database: String
    /// Extra libpq connection options (e.g. `sslmode`, `application_name`, `connect_timeout`).
    public var options: [String: String]

    /// Creates a configuration.
    public init(
        host: String? = "127.0.0.1", socketDirectory: String? = nil, port: Int = 5432, user: String = "postgres",
        password: String? = nil, database: String = "postgres", options: [String: String] = [:]
    ) {
        self.host = host
        self.socketDirectory = socketDirectory
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.options = options
    }

    /// Parses `postgresql://user:password@host:port/database?option=value` (also `postgres://`; percent-encoding;
    /// `host=/path` for a unix socket directory).
    public static func parse(url: String) throws(PostgresError) -> PostgresConfiguration {
        throw PostgresError(kind: .configuration, message: "not written yet", statement: nil)
    }

    /// From `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE` (libpq's defaults for what is missing).
    public static func fromEnvironment(_ environment: [String: String]) -> PostgresConfiguration {
        PostgresConfiguration()
    }
}
