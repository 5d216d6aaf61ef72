import Foundation
import PostgresClient
import Synchronization

/// A PostgreSQL cluster Baton runs itself, in a data directory, when no `--database-url` / `DATABASE_URL` is given.
///
/// Layout: the cluster in `<dataDirectory>/pg` (superuser and database `baton`), its unix socket in
/// `<dataDirectory>/run` (or `/tmp/baton-<uid>-<hash>` when that path is too long for a socket), a generated
/// password for TCP connections in `<dataDirectory>/password`. The server listens on 127.0.0.1 on a port found free
/// at start; unix-socket connections need no password (the socket directory is private, mode 0700). When the current
/// user is root the cluster belongs to, and runs as, the `postgres` account. A second manager on the same data
/// directory reuses the running server (read from `postmaster.pid`) and leaves stopping it to the first, whose
/// process id is in `<dataDirectory>/owner.pid`; when that process is gone, the reusing manager adopts the server.
public final class EmbeddedPostgres: Sendable {
    /// The name of the superuser and of the database the engine uses.
    public static let databaseName = "baton"

    /// The data directory (absolute).
    public let dataDirectory: String
    /// Whether `stop()` deletes the data directory (see `temporary`).
    public let isTemporary: Bool
    /// Directories to look for the server binaries in; nil searches the usual places (see `PostgresBinaries`).
    public let binarySearchDirectories: [String]?

    private let state = Mutex<Running?>(nil)

    /// A server this manager started or found.
    struct Running: Sendable {
        var port: Int
        var socketDirectory: String
        var password: String
        var startedHere: Bool
        var binaries: PostgresBinaries
        var runner: CommandRunner
    }

    /// A manager for the cluster in `dataDirectory` (created on `start()` when missing). Nothing runs until `start()`.
    public init(dataDirectory: String, binarySearchDirectories: [String]? = nil) {
        self.dataDirectory = Self.absolute(dataDirectory)
        self.isTemporary = false
        self.binarySearchDirectories = binarySearchDirectories
    }

    private init(temporaryDirectory: String, binarySearchDirectories: [String]?) {
        self.dataDirectory = temporaryDirectory
        self.isTemporary = true
        self.binarySearchDirectories = binarySearchDirectories
    }

    /// A throwaway cluster in a new directory under `/tmp`, deleted by `stop()`; for tests. One still running when
    /// the process exits normally is stopped and deleted then.
    public static func temporary(binarySearchDirectories: [String]? = nil) throws(EmbeddedPostgresError)
        -> EmbeddedPostgres
    {
        let directory = "/tmp/baton-pg-" + UUID().uuidString.prefix(8).lowercased()
        try ClusterLayout.makeDirectory(directory, owner: nil)
        return EmbeddedPostgres(temporaryDirectory: directory, binarySearchDirectories: binarySearchDirectories)
    }

    /// The port, while running.
    public var port: Int? { state.withLock { $0?.port } }
    /// The unix socket directory, while running.
    public var socketDirectory: String? { state.withLock { $0?.socketDirectory } }
    /// Whether this manager started the server (false when it reuses one another manager started).
    public var startedServer: Bool { state.withLock { $0?.startedHere ?? false } }

    /// How to connect over the unix socket (no password), while running.
    public func configuration(database: String = EmbeddedPostgres.databaseName) -> PostgresConfiguration? {
        state.withLock { running in
            running.map {
                PostgresConfiguration(
                    host: nil, socketDirectory: $0.socketDirectory, port: $0.port, user: Self.databaseName,
                    database: database)
            }
        }
    }

    /// How to connect over TCP to 127.0.0.1 (with the generated password), while running.
    public func tcpConfiguration(database: String = EmbeddedPostgres.databaseName) -> PostgresConfiguration? {
        state.withLock { running in
            running.map {
                PostgresConfiguration(
                    host: "127.0.0.1", port: $0.port, user: Self.databaseName, password: $0.password,
                    database: database)
            }
        }
    }

    /// Starts the cluster (running `initdb` first when the data directory has none) or reuses the server already
    /// running on it, waits until it accepts connections, makes sure the `baton` database exists, and returns how
    /// to connect over the unix socket. Calling it again while running returns the same configuration.
    @discardableResult
    public func start(timeout: Duration = .seconds(60)) throws(EmbeddedPostgresError) -> PostgresConfiguration {
        let running = try state.withLock { (current: inout Running?) throws(EmbeddedPostgresError) -> Running in
            if let current { return current }
            let started = try ClusterStarter(manager: self, timeout: timeout).start()
            current = started
            return started
        }
        if isTemporary { TemporaryClusters.add(self) }
        return PostgresConfiguration(
            host: nil, socketDirectory: running.socketDirectory, port: running.port, user: Self.databaseName,
            database: Self.databaseName)
    }

    /// Stops the server with `pg_ctl stop -m fast` when this manager started it (a reused server is left running
    /// for the manager that started it), then deletes the data directory when temporary. Does nothing when not
    /// running.
    public func stop() throws(EmbeddedPostgresError) {
        try state.withLock { (current: inout Running?) throws(EmbeddedPostgresError) in
            guard let running = current else { return }
            current = nil
            if isTemporary { TemporaryClusters.remove(self) }
            if running.startedHere {
                let pgCtl = running.binaries.path("pg_ctl")
                let cluster = ClusterLayout(dataDirectory: dataDirectory).cluster
                let stopped = try running.runner.run(pgCtl, ["stop", "-D", cluster, "-m", "fast", "-w"])
                // A server someone else already stopped is fine; one that is still running is not.
                if stopped.status != 0, try running.runner.run(pgCtl, ["status", "-D", cluster]).status == 0 {
                    throw EmbeddedPostgresError(
                        kind: .commandFailed, message: "pg_ctl stop exited with status \(stopped.status)",
                        command: "\(pgCtl) stop -D \(cluster) -m fast -w",
                        standardError: (stopped.errorOutput + stopped.output)
                            .trimmingCharacters(in: .whitespacesAndNewlines))
                }
                ClusterOwner.release(dataDirectory: dataDirectory)
            }
            if isTemporary {
                try ClusterLayout.remove(dataDirectory)
                if running.socketDirectory != ClusterLayout(dataDirectory: dataDirectory).preferredSocketDirectory {
                    try ClusterLayout.remove(running.socketDirectory)
                }
            }
        }
    }

    /// Runs SQL with `psql` as the `baton` superuser and returns its unaligned, tuples-only output; for setup work
    /// and tests (the engine itself talks through `PostgresClient`).
    @discardableResult
    public func psql(_ sql: String, database: String = EmbeddedPostgres.databaseName) throws(EmbeddedPostgresError)
        -> String
    {
        guard let running = state.withLock({ $0 }) else {
            throw EmbeddedPostgresError(kind: .notRunning, message: "the cluster in \(dataDirectory) is not started")
        }
        return try Self.psql(sql, database: database, running: running)
    }

    static func psql(_ sql: String, database: String, running: Running) throws(EmbeddedPostgresError) -> String {
        try running.runner.check(
            running.binaries.path("psql"),
            [
                "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", running.socketDirectory, "-p",
                String(running.port), "-U", databaseName, "-d", database, "-c", sql,
            ]
        ).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func absolute(_ path: String) -> String {
        let base = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: base).standardizedFileURL.path
    }
}
