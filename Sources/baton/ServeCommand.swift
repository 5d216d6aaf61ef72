import ArgumentParser
import EngineRuntime

/// `baton serve`: the engine as a service — REST API, job executor, embedded or external PostgreSQL.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the engine: the Camunda-compatible REST API and the job executor.",
        discussion: """
            Applies the migrations, creates the `admin` user on first start (password from BATON_ADMIN_PASSWORD, \
            or a random one printed once), deploys every .bpmn file of --deploy (unchanged models are not \
            deployed again), starts the job executor and serves http://HOST:PORT/engine-rest until SIGINT or \
            SIGTERM, then finishes in-flight requests, releases the jobs it holds and stops the embedded \
            PostgreSQL cluster if it started it. Exit status: 0 after a clean shutdown, 1 when the database, a \
            model or the port fails, 2 for usage errors.
            """)

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed when ready).")
    var port: Int = 8080

    @Option(help: "PostgreSQL URL (postgresql://user:password@host:port/database); default: $DATABASE_URL.")
    var databaseURL: String?

    @Option(help: "Data directory of the embedded cluster, used when no database URL is given (default: .baton).")
    var dataDir: String?

    @Option(help: "Deploy every .bpmn file in this directory at start-up.")
    var deploy: String?

    @Flag(help: "Serve without authentication (development only: every caller may do everything).")
    var noAuth: Bool = false

    @Option(help: "Database connections in the pool.")
    var connections: Int = 16

    @Flag(help: "Do not run the job executor on this node (timers, retries and connector calls run elsewhere).")
    var noExecutor: Bool = false

    @Option(
        help: """
            Variable name patterns whose values only admins and auditors see, comma-separated, * and ? wildcards \
            (default: $BATON_SENSITIVE_VARIABLES).
            """)
    var sensitiveVariables: String?

    @Option(help: "History level: full, or reduced (instance start and end only); default $BATON_HISTORY_LEVEL or full.")
    var historyLevel: String?

    @Option(help: "Seconds between history cleanup runs (0: no periodic cleanup; POST /history/cleanup still works).")
    var historyCleanupInterval: Int = 3600

    @Option(help: "Instances removed per history cleanup transaction.")
    var historyCleanupBatchSize: Int = 500

    func validate() throws {
        guard historyCleanupInterval >= 0 else { throw ValidationError("--history-cleanup-interval must be 0 or more") }
        guard historyCleanupBatchSize >= 1 else { throw ValidationError("--history-cleanup-batch-size must be at least 1") }
        if let historyLevel, (try? HistoryLevel(parsing: historyLevel)) == nil {
            throw ValidationError("--history-level must be full or reduced, not '\(historyLevel)'")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard connections >= 2 else { throw ValidationError("--connections must be at least 2") }
        if databaseURL != nil, dataDir != nil { throw ValidationError("give either --database-url or --data-dir, not both") }
    }
}
