import BPMN
import EngineCore
import Expressions
import Foundation
import PostgresClient
import Synchronization

/// The engine service: deploys models and runs commands on process instances, each command in one PostgreSQL
/// transaction that writes the new state, its projections (tasks, subscriptions, jobs, incidents, variables) and
/// the history events together. Several engines may share one database: commands on one instance serialize on its
/// row lock.
public final class Engine: Sendable {
    /// The connection pool.
    public let pool: PostgresPool
    /// Where "now" comes from.
    public let clock: EngineClock
    let definitions = DefinitionCache()
    /// The instances this engine wrote last, so that a command on one can skip reading it (`InstanceCache`).
    let instanceCache = InstanceCache()
    /// Cached external-task completions that arrive together share a transaction (`CompletionGroups`).
    let completionGroups: CompletionGroups
    /// How many times a command is retried after a serialization failure or deadlock before it is reported.
    public let maximumAttempts: Int
    /// Where the engine reports its metrics (`docs/metrics.md`).
    public let metrics: EngineMetrics
    /// Which events are written to history (`docs/history.md`).
    public let historyLevel: HistoryLevel
    /// The configured key that signs history tombstones (`BATON_AUDIT_KEY`); nil: the key generated once and
    /// stored in the database (docs/audit.md).
    public let auditKey: AuditKey?

    /// The transactions of the group commit of cached external-task completions so far (`CompletionGroups`), groups
    /// of one included, and the completions they committed.
    public var externalTaskCompletionGroups: ExternalTaskCompletionGroups { completionGroups.statistics }

    /// Creates an engine on a migrated database; `metrics` defaults to the process's `MetricsSystem` backend.
    public init(
        pool: PostgresPool, clock: EngineClock = .system, maximumAttempts: Int = 5,
        metrics: EngineMetrics = EngineMetrics(), historyLevel: HistoryLevel = .full, auditKey: AuditKey? = nil
    ) {
        self.pool = pool
        self.clock = clock
        self.maximumAttempts = maximumAttempts
        self.metrics = metrics
        self.completionGroups = CompletionGroups(metrics: metrics)
        self.historyLevel = historyLevel
        self.auditKey = auditKey
    }

    /// Runs `body` in a transaction, retrying it when PostgreSQL reports a serialization failure or deadlock.
    func transaction<T: Sendable>(_ body: @Sendable @escaping (PostgresConnection) throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await countingCommitted(body)
            } catch let error as PostgresError where error.isRetryable && attempt < maximumAttempts {
                try await Task.sleep(nanoseconds: UInt64(attempt) * 2_000_000 + UInt64.random(in: 0...2_000_000))
            } catch let error as PostgresError where error.isRetryable {
                throw EngineError.conflict(
                    "the command kept conflicting with concurrent commands on the same data (\(attempt) attempts, "
                        + "\(error.sqlState ?? "")); nothing was applied — try again")
            } catch let error as PostgresError {
                throw EngineError.storage(error)
            }
        }
    }

    /// One attempt of `transaction`: counts staged inside it (incidents) are reported only when it commits, and the
    /// instances it wrote reach the `InstanceCache` only then (at once after the COMMIT, before the connection goes
    /// back to the pool: a worker woken by the commit finds them there).
    func countingCommitted<T: Sendable>(
        _ body: @Sendable @escaping (PostgresConnection) throws -> T
    ) async throws -> T {
        let metrics = self.metrics
        let cache = instanceCache
        let token = Mutex<(metrics: Int, cache: Int, connection: ObjectIdentifier)?>(nil)
        do {
            let value = try await pool.withConnection { connection in
                let id = ObjectIdentifier(connection)
                let staged = (metrics: metrics.beginTransaction(on: id), cache: cache.begin(on: id), connection: id)
                token.withLock { $0 = staged }
                let value = try connection.withTransaction(isolation: .readCommitted) { connection in
                    defer { metrics.endTransactionBody(on: id) }
                    return try body(connection)
                }
                cache.finish(staged.cache, committed: true, on: id)
                return value
            }
            if let staged = token.withLock({ $0 }) {
                metrics.finishTransaction(staged.metrics, committed: true)  // the cache's part was published above
            }
            return value
        } catch {
            if let staged = token.withLock({ $0 }) {
                metrics.finishTransaction(staged.metrics, committed: false)
                cache.finish(staged.cache, committed: false, on: staged.connection)
            }
            // A broken connection may mean a failover or a restored database: what the cache holds may be gone.
            if let failure = error as? PostgresError, failure.kind == .connection { cache.clear() }
            throw error
        }
    }

    /// A compiled definition by id, from the cache or rebuilt from its stored XML.
    func definition(_ id: String, on connection: PostgresConnection) throws -> CachedDefinition {
        if let cached = definitions.get(id) { return cached }
        let rows = try connection.query(
            """
            SELECT d.key, d.version, r.content FROM process_definitions d
            JOIN resources r ON r.deployment_id = d.deployment_id AND r.name = d.resource_name WHERE d.id = $1
            """, [.text(id)])
        guard let row = rows.rows.first else { throw EngineError.notFound("process definition '\(id)' does not exist") }
        let key: String = try row.decode("key")
        let version: Int = try row.decode("version")
        let content: [UInt8] = try row.decode("content")
        let definitions = try BPMNParser().parse(content).definitions
        switch ProcessCompiler().compile(definitions, processID: ElementID(key)) {
        case .success(let process):
            let cached = CachedDefinition(id: id, key: key, version: version, process: process)
            self.definitions.put(cached)
            return cached
        case .failure(let failure):
            throw EngineError.corruptState("stored definition '\(id)' no longer compiles: \(failure)")
        }
    }
}
