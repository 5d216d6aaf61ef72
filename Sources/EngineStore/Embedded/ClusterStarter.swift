import Foundation

/// One `EmbeddedPostgres.start()`: find the binaries, prepare the directories, initdb when new, then reuse the
/// running server or start one on a free port, and make sure the `baton` database exists.
struct ClusterStarter {
    let manager: EmbeddedPostgres
    let timeout: Duration

    private var layout: ClusterLayout { ClusterLayout(dataDirectory: manager.dataDirectory) }

    func start() throws(EmbeddedPostgresError) -> EmbeddedPostgres.Running {
        let binaries = try PostgresBinaries.locate(searchDirectories: manager.binarySearchDirectories)
        let account = try serverAccount()
        let runner = CommandRunner(serverAccount: account)
        // As root the postgres account must be able to pass through the data directory (mode 0711).
        try ClusterLayout.makeDirectory(manager.dataDirectory, owner: nil, mode: account == nil ? 0o700 : 0o711)
        if manager.isTemporary { try account?.own(manager.dataDirectory) }
        if account != nil { try checkReachable(runner: runner) }
        let socketDirectory = layout.socketDirectory
        try ClusterLayout.makeDirectory(socketDirectory, owner: account)
        let password = try initializeIfNeeded(binaries: binaries, runner: runner, account: account)

        var running = EmbeddedPostgres.Running(
            port: 0, socketDirectory: socketDirectory, password: password, startedHere: false, binaries: binaries,
            runner: runner)
        if let existing = try runningServer(binaries: binaries, runner: runner) {
            running.port = existing.port
            running.socketDirectory = existing.socketDirectory
            // A server whose starter is gone (killed before it could stop it) is adopted, so it gets stopped.
            running.startedHere = !ClusterOwner.isAlive(dataDirectory: manager.dataDirectory)
        } else {
            running.port = try startServer(binaries: binaries, runner: runner, socketDirectory: socketDirectory)
            running.startedHere = true
        }
        if running.startedHere { ClusterOwner.claim(dataDirectory: manager.dataDirectory) }
        try ensureDatabase(running: running)
        return running
    }

    /// The `postgres` account when running as root; nil otherwise.
    private func serverAccount() throws(EmbeddedPostgresError) -> ServerAccount? {
        guard ServerAccount.isRoot else { return nil }
        guard let account = ServerAccount.lookUp() else {
            throw EmbeddedPostgresError(
                kind: .noServerAccount,
                message: """
                    running as root, and PostgreSQL refuses to run as root, but there is no 'postgres' account to \
                    run it as; install the postgresql package (it creates one), create it with \
                    'useradd --system postgres', or run baton as an unprivileged user
                    """)
        }
        return account
    }

    /// The `postgres` account must be able to enter the data directory (every parent needs the x bit).
    private func checkReachable(runner: CommandRunner) throws(EmbeddedPostgresError) {
        let result = try runner.run("/bin/sh", ["-c", "test -x \"$0\"", manager.dataDirectory])
        guard result.status == 0 else {
            throw EmbeddedPostgresError(
                kind: .filesystem,
                message: """
                    the 'postgres' account cannot enter \(manager.dataDirectory) (the server runs as 'postgres' \
                    because baton runs as root); choose a --data-dir whose parent directories are world-searchable \
                    (chmod o+x)
                    """)
        }
    }

    /// Runs `initdb` when the cluster directory is missing or empty; returns the `baton` password.
    private func initializeIfNeeded(
        binaries: PostgresBinaries, runner: CommandRunner, account: ServerAccount?
    ) throws(EmbeddedPostgresError) -> String {
        let manager = FileManager.default
        let cluster = layout.cluster
        if manager.fileExists(atPath: cluster + "/PG_VERSION") {
            return (try? String(contentsOfFile: layout.passwordFile, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
        let contents = (try? manager.contentsOfDirectory(atPath: cluster)) ?? []
        guard contents.isEmpty else {
            throw EmbeddedPostgresError(
                kind: .notACluster,
                message: """
                    \(cluster) is not empty but holds no PostgreSQL cluster (no PG_VERSION); move it away or choose \
                    another --data-dir
                    """)
        }
        try ClusterLayout.makeDirectory(cluster, owner: account)
        let password = Self.newPassword()
        do {
            try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: layout.passwordFile))
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: layout.passwordFile)
        } catch {
            throw EmbeddedPostgresError(
                kind: .filesystem, message: "could not write \(layout.passwordFile): \(error)")
        }
        try account?.own(layout.passwordFile)
        try runner.check(
            binaries.path("initdb"),
            [
                "-D", cluster, "-U", EmbeddedPostgres.databaseName, "--auth-local=trust",
                "--auth-host=scram-sha-256", "--pwfile=\(layout.passwordFile)", "-E", "UTF8", "--locale=C",
                "--no-sync",
            ])
        return password
    }

    /// The server already running on this cluster (started by another manager or process), if any.
    private func runningServer(
        binaries: PostgresBinaries, runner: CommandRunner
    ) throws(EmbeddedPostgresError) -> PostmasterFile? {
        let status = try runner.run(binaries.path("pg_ctl"), ["status", "-D", layout.cluster])
        guard status.status == 0 else { return nil }
        guard let file = PostmasterFile.read(clusterDirectory: layout.cluster) else {
            throw EmbeddedPostgresError(
                kind: .commandFailed,
                message: "a server runs on \(layout.cluster) but its postmaster.pid names no port or socket",
                command: "pg_ctl status -D \(layout.cluster)", standardError: status.output)
        }
        try waitUntilReady(binaries: binaries, runner: runner, port: file.port, socketDirectory: file.socketDirectory)
        return file
    }

    /// Server options added to every start from `BATON_EMBEDDED_POSTGRES_OPTIONS` (e.g. `-c
    /// shared_preload_libraries=pg_stat_statements` for a benchmark's statement statistics), with a leading space;
    /// empty when unset.
    static var extraServerOptions: String {
        guard let options = ProcessInfo.processInfo.environment["BATON_EMBEDDED_POSTGRES_OPTIONS"],
            !options.trimmingCharacters(in: .whitespaces).isEmpty
        else { return "" }
        return " " + options
    }

    /// Starts the server on a free port (retrying when the port is taken between probing and binding).
    private func startServer(
        binaries: PostgresBinaries, runner: CommandRunner, socketDirectory: String
    ) throws(EmbeddedPostgresError) -> Int {
        let seconds = max(1, Int(timeout.components.seconds))
        var lastError: EmbeddedPostgresError?
        for _ in 0..<3 {
            guard let port = FreePort.find() else {
                throw EmbeddedPostgresError(kind: .commandFailed, message: "no free TCP port on 127.0.0.1")
            }
            let options = [
                "-p", String(port), "-k", CommandRunner.shellQuoted(socketDirectory), "-c",
                "listen_addresses=127.0.0.1", "-c", "unix_socket_permissions=0700",
                // Room for several engines (pools, listeners) and for test processes that open many pools.
                "-c", "max_connections=300",
            ].joined(separator: " ") + Self.extraServerOptions
            let arguments = [
                "start", "-D", layout.cluster, "-l", layout.logFile, "-w", "-t", String(seconds), "-o", options,
            ]
            let result = try runner.run(binaries.path("pg_ctl"), arguments)
            if result.status == 0 { return port }
            let log = Self.tail(of: layout.logFile)
            lastError = EmbeddedPostgresError(
                kind: result.output.contains("server did not start in time") ? .timeout : .commandFailed,
                message: "pg_ctl start exited with status \(result.status) (server log: \(layout.logFile))",
                command: ([binaries.path("pg_ctl")] + arguments).joined(separator: " "),
                standardError: [result.errorOutput, result.output, log]
                    .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
                    .joined(separator: "\n"))
            guard log.contains("could not bind") || log.contains("Address already in use") else { break }
        }
        throw lastError ?? EmbeddedPostgresError(kind: .commandFailed, message: "pg_ctl start failed")
    }

    /// Polls `pg_isready` until the server accepts connections or the timeout passes.
    private func waitUntilReady(
        binaries: PostgresBinaries, runner: CommandRunner, port: Int, socketDirectory: String
    ) throws(EmbeddedPostgresError) {
        let deadline = ContinuousClock.now + timeout
        let isReady = binaries.path("pg_isready")
        guard FileManager.default.isExecutableFile(atPath: isReady) else { return }
        while true {
            let result = try runner.run(isReady, ["-q", "-h", socketDirectory, "-p", String(port)])
            if result.status == 0 { return }
            if ContinuousClock.now >= deadline {
                throw EmbeddedPostgresError(
                    kind: .timeout, message: "the server on port \(port) did not accept connections in time",
                    command: "pg_isready -h \(socketDirectory) -p \(port)")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Creates the `baton` database when missing.
    private func ensureDatabase(running: EmbeddedPostgres.Running) throws(EmbeddedPostgresError) {
        let name = EmbeddedPostgres.databaseName
        let exists = try EmbeddedPostgres.psql(
            "SELECT 1 FROM pg_database WHERE datname = '\(name)'", database: "postgres", running: running)
        if exists != "1" {
            _ = try EmbeddedPostgres.psql("CREATE DATABASE \(name)", database: "postgres", running: running)
        }
    }

    /// The last lines of a log file (empty when unreadable).
    private static func tail(of path: String, lines: Int = 15) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    /// 32 random hex digits.
    private static func newPassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next() as UInt32, radix: 16) }
            .map { String(repeating: "0", count: 8 - $0.count) + $0 }.joined()
    }
}
