/// Where and how to connect: host or unix-socket directory, port, user, password, database.
///
/// Build one by hand, from a URL (`parse(url:)`, in `PostgresConfiguration+URL.swift`) or from the `PG*`
/// environment variables (`fromEnvironment(_:)`).
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

    /// The libpq keyword/value pairs for `PQconnectdbParams`, in a stable order. A socket directory wins over a
    /// host; with neither, libpq's compiled-in default socket directory applies.
    var connectionParameters: [(keyword: String, value: String)] {
        var pairs: [(keyword: String, value: String)] = []
        if let socketDirectory {
            pairs.append(("host", socketDirectory))
        } else if let host {
            pairs.append(("host", host))
        }
        pairs.append(("port", String(port)))
        pairs.append(("user", user))
        if let password { pairs.append(("password", password)) }
        pairs.append(("dbname", database))
        for key in options.keys.sorted() where !["host", "port", "user", "password", "dbname"].contains(key) {
            if let value = options[key] { pairs.append((key, value)) }
        }
        return pairs
    }
}
