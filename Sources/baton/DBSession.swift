import EngineStore
import Foundation
import PostgresClient

/// One `baton db …` run: resolve the database (URL or embedded cluster), load the migrations, run the work, stop
/// the embedded cluster again if this run started it, and turn every failure into a message and an exit status.
enum DBSession {
    /// Runs `work` with a migrator on the chosen database.
    static func run(
        _ options: DBOptions, environment: [String: String], header printHeader: Bool = true,
        work: (Migrator) async throws -> CommandLineRunner.Outcome
    ) async -> CommandLineRunner.Outcome {
        let migrations: [Migration]
        do {
            migrations = try options.migrationsDir.map { try Migration.load(directory: $0) } ?? Migration.bundled()
        } catch {
            return failure(status: 2, "\(error)")
        }
        let url = options.databaseURL ?? (options.dataDir == nil ? environment["DATABASE_URL"] : nil)
        if options.databaseURL != nil, options.dataDir != nil {
            return failure(status: 2, "give either --database-url or --data-dir, not both")
        }
        var embedded: EmbeddedPostgres?
        let configuration: PostgresConfiguration
        var header: String
        if let url, !url.isEmpty {
            do {
                configuration = try PostgresConfiguration.parse(url: url)
            } catch {
                return failure(status: 2, "invalid database URL: \(error)")
            }
            header = "database: \(describe(configuration))\n"
        } else {
            let cluster = EmbeddedPostgres(dataDirectory: options.dataDir ?? ".baton")
            do {
                configuration = try cluster.start()
            } catch {
                return failure(status: 1, "\(error)")
            }
            embedded = cluster
            header = "database: embedded cluster in \(cluster.dataDirectory) (\(describe(configuration)))\n"
        }
        let pool = PostgresPool(configuration: configuration, maximumConnections: 1)
        var outcome: CommandLineRunner.Outcome
        do {
            outcome = try await work(Migrator(pool: pool, migrations: migrations))
            if printHeader { outcome.output = header + outcome.output }
        } catch {
            outcome = failure(status: 1, "\(error)")
            outcome.output = printHeader ? header : ""
        }
        await pool.shutdown()
        do {
            try embedded?.stop()
        } catch {
            outcome.status = max(outcome.status, 1)
            outcome.errorOutput += "error: \(error)\n"
        }
        return outcome
    }

    /// `user@host:port/database` or `user@socket-dir:port/database`, never the password.
    static func describe(_ configuration: PostgresConfiguration) -> String {
        let place = configuration.socketDirectory.map { "socket \($0)" } ?? (configuration.host ?? "localhost")
        return "\(configuration.user)@\(place) port \(configuration.port), database \(configuration.database)"
    }

    private static func failure(status: Int32, _ message: String) -> CommandLineRunner.Outcome {
        CommandLineRunner.Outcome(status: status, output: "", errorOutput: "error: \(message)\n")
    }
}
