import Foundation
import PostgresClient

/// A throwaway PostgreSQL cluster for this test process: initdb into a temporary directory, started on a unix
/// socket only (no TCP), stopped and deleted at exit. Runs the server as `postgres` when the tests run as root.
/// Test-only stand-in until `EngineStore.EmbeddedPostgres` lands.
actor TestCluster {
    /// The one cluster all suites share.
    static let shared = TestCluster()

    private var started: PostgresConfiguration?

    /// The configuration of the running cluster, starting it on first use.
    func configuration(applicationName: String? = nil) throws -> PostgresConfiguration {
        var configuration = try started ?? start()
        started = configuration
        if let applicationName { configuration.options["application_name"] = applicationName }
        return configuration
    }

    private func start() throws -> PostgresConfiguration {
        let binaries = try Self.binDirectory()
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("baton-pgc-\(UUID().uuidString.prefix(8))").path
        let data = directory + "/data"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let asRoot = getuid() == 0
        if asRoot { try Self.run("/bin/chown", ["postgres:postgres", directory]) }
        try Self.run(binaries + "/initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"],
            asPostgres: asRoot)
        let serverOptions = "-c listen_addresses='' -c unix_socket_directories='\(directory)' -p 5432 -c fsync=off"
            + " -c max_connections=200"
        try Self.run(binaries + "/pg_ctl",
            ["-D", data, "-l", directory + "/server.log", "-o", serverOptions, "-w", "start"], asPostgres: asRoot)
        TestClusterCleanup.register(pgCtl: binaries + "/pg_ctl", data: data, directory: directory, asRoot: asRoot)
        return PostgresConfiguration(host: nil, socketDirectory: directory, port: 5432, user: "postgres")
    }

    private static func binDirectory() throws -> String {
        if let output = try? capture("/usr/bin/env", ["pg_config", "--bindir"]),
            FileManager.default.fileExists(atPath: output + "/initdb")
        {
            return output
        }
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) })
        where FileManager.default.fileExists(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        throw ClusterError(message: "no PostgreSQL server binaries (pg_config --bindir, /usr/lib/postgresql/*/bin)")
    }

    /// Runs a program to completion with output to a temporary file (posix_spawn + waitpid: Foundation's
    /// `Process` can miss the exit of `runuser` and hang).
    static func run(_ executable: String, _ arguments: [String], asPostgres: Bool = false) throws {
        let argv = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments
            : [executable] + arguments
        let (status, output) = try spawn(argv)
        guard status == 0 else {
            throw ClusterError(message: "\(argv.joined(separator: " ")) failed (\(status)): \(output)")
        }
    }

    private static func capture(_ executable: String, _ arguments: [String]) throws -> String {
        let (status, output) = try spawn([executable] + arguments)
        guard status == 0 else { throw ClusterError(message: "\(executable) failed: \(output)") }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func spawn(_ argv: [String]) throws -> (Int32, String) {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("baton-pgc-spawn-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArguments = argv.map { strdup($0) }
        cArguments.append(nil)
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw ClusterError(message: "cannot start \(argv[0]): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }
}

/// Why the cluster could not start.
struct ClusterError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Stops the cluster when the test process exits (a shared cluster has no natural owner to deinit).
enum TestClusterCleanup {
    nonisolated(unsafe) private static var command: (pgCtl: String, data: String, directory: String, asRoot: Bool)?

    static func register(pgCtl: String, data: String, directory: String, asRoot: Bool) {
        command = (pgCtl, data, directory, asRoot)
        atexit { TestClusterCleanup.stop() }
    }

    static func stop() {
        guard let command else { return }
        try? TestCluster.run(command.pgCtl, ["-D", command.data, "-m", "immediate", "-w", "stop"],
            asPostgres: command.asRoot)
        try? FileManager.default.removeItem(atPath: command.directory)
    }
}
