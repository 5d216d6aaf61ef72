import BPMN
import EngineRuntime
import EngineServer
import EngineStore
import Foundation
import Hummingbird
import Logging
import Metrics
import PostgresClient
import Prometheus

/// One `baton serve` run, from the database to a clean shutdown.
enum ServeSession {
    static func run(_ command: ServeCommand, environment: [String: String]) async -> CommandLineRunner.Outcome {
        var logger = Logger(label: "baton")
        logger.logLevel = environment["BATON_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
        func fail(_ message: String) -> CommandLineRunner.Outcome {
            CommandLineRunner.Outcome(status: 1, output: "", errorOutput: "error: \(message)\n")
        }
        // The database: a URL, or the embedded cluster.
        var embedded: EmbeddedPostgres?
        var configuration: PostgresConfiguration
        let url = command.databaseURL ?? (command.dataDir == nil ? environment["DATABASE_URL"] : nil)
        if let url, !url.isEmpty {
            do {
                configuration = try PostgresConfiguration.parse(url: url)
            } catch {
                return CommandLineRunner.Outcome(status: 2, output: "", errorOutput: "error: invalid database URL: \(error)\n")
            }
        } else {
            let cluster = EmbeddedPostgres(dataDirectory: command.dataDir ?? ".baton")
            do {
                configuration = try cluster.start()
            } catch {
                return fail("\(error)")
            }
            embedded = cluster
            logger.info("embedded PostgreSQL started", metadata: ["dataDir": .string(cluster.dataDirectory)])
        }
        let pool = PostgresPool(configuration: configuration, maximumConnections: command.connections)
        let outcome = await serve(command, pool: pool, environment: environment, logger: logger)
        await pool.shutdown()
        do {
            try embedded?.stop()
        } catch {
            return fail("stopping the embedded cluster: \(error)")
        }
        return outcome
    }

    private static func serve(
        _ command: ServeCommand, pool: PostgresPool, environment: [String: String], logger: Logger
    ) async -> CommandLineRunner.Outcome {
        func fail(_ message: String) -> CommandLineRunner.Outcome {
            CommandLineRunner.Outcome(status: 1, output: "", errorOutput: "error: \(message)\n")
        }
        do {
            let applied = try await Migrator(pool: pool).migrate()
            if !applied.isEmpty { logger.info("migrations applied", metadata: ["count": "\(applied.count)"]) }
        } catch {
            return fail("migrating the database: \(error)")
        }
        let historyLevel: HistoryLevel
        let auditKey: AuditKey?
        do {
            historyLevel = try HistoryLevel(parsing: command.historyLevel ?? environment["BATON_HISTORY_LEVEL"] ?? "full")
            auditKey = try environment["BATON_AUDIT_KEY"].map { text throws(AuditKeyError) in
                try AuditKey(configured: text)
            }
        } catch {
            return fail("\(error)")
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let engine = Engine(pool: pool, historyLevel: historyLevel, auditKey: auditKey)
        let server = BatonServer(
            engine: engine,
            configuration: ServerConfiguration(
                authenticationEnabled: !command.noAuth,
                passwordIterations: environment["BATON_PASSWORD_ITERATIONS"].flatMap { Int($0) }.map { max(1_000, $0) }
                    ?? 600_000,
                sensitiveVariables: SensitiveVariables(
                    list: command.sensitiveVariables ?? environment["BATON_SENSITIVE_VARIABLES"] ?? "")),
            metrics: registry)
        do {
            if let password = try await server.services.identity.bootstrapAdmin(
                password: environment["BATON_ADMIN_PASSWORD"])
            {
                FileHandle.standardOutput.write(Data(
                    "Created user 'admin' with password \(password) (shown once; set BATON_ADMIN_PASSWORD to choose it)\n"
                        .utf8))
            }
        } catch {
            return fail("creating the admin user: \(error)")
        }
        if let directory = command.deploy {
            do {
                try await deployDirectory(directory, engine: engine, logger: logger)
            } catch {
                return fail("\(error)")
            }
        }
        let executor = command.noExecutor
            ? nil : JobExecutor(engine: engine, httpConnector: HTTPConnector(metrics: engine.metrics))
        let executorTask = Task { await executor?.run() }
        let cleanupTask = HistoryCleanupSchedule.start(command, engine: engine, logger: logger)
        let host = command.host
        let app = server.application(host: host, port: command.port, logger: logger) { port in
            FileHandle.standardOutput.write(Data("Baton is serving http://\(host):\(port)/engine-rest\n".utf8))
        }
        var outcome = CommandLineRunner.Outcome(status: 0, output: "", errorOutput: "")
        do {
            try await app.runService()
        } catch {
            outcome = fail("the HTTP server stopped: \(error)")
        }
        executorTask.cancel()
        cleanupTask?.cancel()
        await executorTask.value
        await cleanupTask?.value
        logger.info("stopped")
        return outcome
    }

    /// Deploys the `.bpmn` files of a directory as one deployment named after it (duplicate filtering on).
    static func deployDirectory(_ directory: String, engine: Engine, logger: Logger) async throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".bpmn") || $0.hasSuffix(".bpmn20.xml") }.sorted()
        } catch {
            throw ServeError("cannot read --deploy directory \(directory): \(error.localizedDescription)")
        }
        guard !names.isEmpty else { throw ServeError("--deploy directory \(directory) holds no .bpmn files") }
        var resources: [DeploymentResource] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ServeError("cannot read \(path)")
            }
            resources.append(DeploymentResource(name: name, content: Array(data)))
        }
        let name = URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent
        let result = try await engine.deploy(
            name: name, resources: resources, source: "baton serve --deploy", deployedBy: "baton serve",
            duplicateFiltering: true)
        for definition in result.definitions {
            logger.info(
                result.isNew ? "deployed" : "already deployed",
                metadata: ["definition": .string(definition.id), "resource": .string(definition.resource)])
        }
    }
}

/// A start-up failure of `baton serve`.
struct ServeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
