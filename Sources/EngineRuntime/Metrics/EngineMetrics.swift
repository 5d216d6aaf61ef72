import CoreMetrics
import Metrics
import Synchronization

/// The engine's metrics, reported through swift-metrics: every metric is made on first use by the factory given
/// at creation, or by the process's bootstrapped `MetricsSystem.factory` (read at that first use, so a backend
/// bootstrapped after the engine was created still receives them). `docs/metrics.md` lists every metric.
public final class EngineMetrics: Sendable {
    /// Timer lateness (firing time − due time) of `timer` and `timer-start` jobs; dimension `kind`.
    public static let timerLateness = "baton_timer_lateness"
    /// Jobs run to the end; dimension `kind`.
    public static let jobsExecuted = "baton_jobs_executed_total"
    /// Failed job tries (each failure counts, also the ones that are retried); dimension `kind`.
    public static let jobsFailed = "baton_jobs_failed_total"
    /// Incidents raised (counted when their transaction commits); dimension `type`.
    public static let incidentsRaised = "baton_incidents_raised_total"
    /// External tasks locked by fetch-and-lock or a single-task lock; dimension `topic`.
    public static let externalTasksFetched = "baton_external_tasks_fetched_total"
    /// External tasks completed by their workers; dimension `topic`.
    public static let externalTasksCompleted = "baton_external_tasks_completed_total"
    /// Failures reported by workers for external tasks; dimension `topic`.
    public static let externalTasksFailed = "baton_external_tasks_failed_total"
    /// BPMN errors reported by workers for external tasks; dimension `topic`.
    public static let externalTasksBpmnErrors = "baton_external_tasks_bpmn_errors_total"
    /// Transactions of the group commit of cached external-task completions (groups of one included).
    public static let completionGroups = "baton_external_task_completion_groups_total"
    /// External-task completions committed by those transactions.
    public static let completionsGrouped = "baton_external_task_completions_grouped_total"
    /// The HTTP connector's circuit state per host (0 closed, 1 half-open, 2 open); dimension `host`.
    public static let circuitState = "baton_connector_circuit_state"

    private let factory: (any MetricsFactory)?
    private let counters = Mutex<[String: Counter]>([:])
    private let timers = Mutex<[String: CoreMetrics.Timer]>([:])
    private let gauges = Mutex<[String: Gauge]>([:])
    /// Counts made inside transactions that have not committed yet, by transaction token.
    private let staged = Mutex<StagedCounts>(StagedCounts())

    /// Metrics made by `factory`, or by `MetricsSystem.factory` when nil.
    public init(factory: (any MetricsFactory)? = nil) {
        self.factory = factory
    }

    private var resolvedFactory: any MetricsFactory { factory ?? MetricsSystem.factory }

    private static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        ([label] + dimensions.map { "\($0.0)=\($0.1)" }).joined(separator: "\u{1F}")
    }

    /// Adds `amount` to a counter.
    public func increment(_ label: String, _ dimensions: [(String, String)] = [], by amount: Int = 1) {
        guard amount > 0 else { return }
        let factory = resolvedFactory
        let key = Self.key(label, dimensions)  // built outside the lock: every worker counts here
        let counter = counters.withLock { counters in
            if let existing = counters[key] { return existing }
            let made = Counter(label: label, dimensions: dimensions, factory: factory)
            counters[key] = made
            return made
        }
        counter.increment(by: amount)
    }

    /// Records a duration in milliseconds on a timer.
    public func recordMilliseconds(_ label: String, _ dimensions: [(String, String)] = [], _ milliseconds: Int64) {
        let factory = resolvedFactory
        let key = Self.key(label, dimensions)
        let timer = timers.withLock { timers in
            if let existing = timers[key] { return existing }
            let made = CoreMetrics.Timer(label: label, dimensions: dimensions, factory: factory)
            timers[key] = made
            return made
        }
        timer.recordMilliseconds(milliseconds)
    }

    /// Sets a gauge.
    public func setGauge(_ label: String, _ dimensions: [(String, String)] = [], _ value: Int) {
        let factory = resolvedFactory
        let key = Self.key(label, dimensions)
        let gauge = gauges.withLock { gauges in
            if let existing = gauges[key] { return existing }
            let made = Gauge(label: label, dimensions: dimensions, factory: factory)
            gauges[key] = made
            return made
        }
        gauge.record(value)
    }

    // MARK: Counts that wait for their transaction's commit

    /// Starts collecting counts for a transaction running on `connection`; returns its token.
    func beginTransaction(on connection: ObjectIdentifier) -> Int {
        staged.withLock { $0.begin(connection) }
    }

    /// Stops attributing counts made on `connection` to its transaction (its body has returned).
    func endTransactionBody(on connection: ObjectIdentifier) {
        staged.withLock { _ = $0.active.removeValue(forKey: connection) }
    }

    /// Counts an incident raised inside the transaction running on `connection`; it is reported when that
    /// transaction commits (or at once when no transaction of `Engine.transaction` runs on it).
    func stageIncident(type: String, on connection: ObjectIdentifier) {
        let staged = self.staged.withLock { state -> Bool in
            guard let token = state.active[connection] else { return false }
            state.pending[token, default: []].append(type)
            return true
        }
        if !staged { increment(Self.incidentsRaised, [("type", type)]) }
    }

    /// Reports (committed) or drops (rolled back) what a transaction staged.
    func finishTransaction(_ token: Int, committed: Bool) {
        let types = staged.withLock { $0.pending.removeValue(forKey: token) } ?? []
        guard committed else { return }
        for type in types { increment(Self.incidentsRaised, [("type", type)]) }
    }

    private struct StagedCounts {
        var next = 0
        var active: [ObjectIdentifier: Int] = [:]
        var pending: [Int: [String]] = [:]

        mutating func begin(_ connection: ObjectIdentifier) -> Int {
            next += 1
            active[connection] = next
            return next
        }
    }
}

extension CircuitState {
    /// The value of `baton_connector_circuit_state`: 0 closed, 1 half-open, 2 open.
    public var metricValue: Int {
        switch self {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
    }
}
