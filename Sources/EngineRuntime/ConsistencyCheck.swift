import EngineCore
import Expressions
import PostgresClient

/// Checks that what is stored about an instance agrees with itself: the query tables hold exactly what the
/// snapshot says (element instances, variables, user tasks, external tasks, subscriptions, timer jobs, incidents),
/// history is numbered without gaps up to the instance's counter, its hash chain verifies, and history alone
/// rebuilds the snapshot. Used by the crash tests and by operators.
public struct ConsistencyCheck: Sendable {
    let engine: Engine

    /// Creates a check for an engine's database.
    public init(engine: Engine) { self.engine = engine }

    /// Every disagreement found for one instance, as sentences; empty when consistent.
    public func problems(instanceID: String) async throws -> [String] {
        try await engine.pool.withConnection { connection in
            let instance = try StoredInstance.load(instanceID, engine: engine, on: connection)
            let state = instance.state
            var problems: [String] = []
            func keys(_ sql: String) throws -> [Int] {
                try connection.query(sql, [.text(instanceID)]).rows.map { try $0.decode("k") as Int }.sorted()
            }
            func compare(_ what: String, stored: [Int], expected: [Int]) {
                if stored != expected.sorted() {
                    problems.append("\(what): the tables hold \(stored), the snapshot says \(expected.sorted())")
                }
            }
            compare(
                "element instances",
                stored: try keys("SELECT key AS k FROM element_instances WHERE process_instance_id = $1::uuid"),
                expected: state.elements.values.filter { $0.parent != nil }.map(\.key.rawValue))
            compare(
                "user tasks",
                stored: try keys("SELECT element_instance_key AS k FROM user_tasks WHERE process_instance_id = $1::uuid"),
                expected: state.userTasks.keys.map(\.rawValue))
            compare(
                "external tasks",
                stored: try keys(
                    "SELECT element_instance_key AS k FROM external_tasks WHERE process_instance_id = $1::uuid"),
                expected: state.externalTasks.keys.map(\.rawValue))
            compare(
                "message and signal subscriptions",
                stored: try keys(
                    "SELECT subscription_key AS k FROM event_subscriptions WHERE process_instance_id = $1::uuid"),
                expected: state.subscriptions.filter { if case .timer = $0.value.trigger { false } else { true } }
                    .map(\.key.rawValue))
            compare(
                "timer jobs",
                stored: try keys(
                    "SELECT subscription_key AS k FROM jobs WHERE process_instance_id = $1::uuid AND kind = 'timer'"),
                expected: state.subscriptions.filter { if case .timer = $0.value.trigger { true } else { false } }
                    .map(\.key.rawValue))
            compare(
                "incidents",
                stored: try keys("SELECT incident_key AS k FROM incidents WHERE process_instance_id = $1::uuid"),
                expected: state.incidents.keys.map(\.rawValue))
            problems += try Self.userTaskProblems(state, instanceID: instanceID, on: connection)
            let variables = try connection.query(
                "SELECT scope_key, name, value::text AS value FROM variables WHERE process_instance_id = $1::uuid",
                [.text(instanceID)])
            var stored: [ElementInstanceKey: [String: Value]] = [:]
            for row in variables.rows {
                let value = try SnapshotCodec.value(json: try row.decode("value"))
                stored[ElementInstanceKey(try row.decode("scope_key") as Int), default: [:]][try row.decode("name")] = value
            }
            if stored != state.variables.filter({ !$0.value.isEmpty }) {
                problems.append("variables: the tables and the snapshot differ")
            }
            let history = try connection.query(
                "SELECT count(*) AS n, coalesce(max(sequence), 0) AS m FROM history_events WHERE process_instance_id = $1::uuid",
                [.text(instanceID)])
            if let row = history.rows.first {
                let count: Int = try row.decode("n")
                let maximum: Int = try row.decode("m")
                if count != instance.historySequence || maximum != instance.historySequence {
                    problems.append(
                        "history: \(count) events numbered up to \(maximum), but the instance counts \(instance.historySequence)")
                }
            }
            let chain = try AuditChain.verify(instance.storedID, keys: [], on: connection)
            if let broken = chain.firstBroken {
                problems.append("history: the hash chain breaks at event \(broken.sequence): \(broken.reason)")
            }
            if engine.historyLevel == .full, try Self.rebuiltFromHistory(instance, on: connection) != state {
                problems.append("history: the state rebuilt from the instance's history alone differs from the snapshot")
            }
            return problems
        }
    }

    /// The instance's state rebuilt from its history rows alone (issue 7's completeness: nothing changes an
    /// instance without a history event). Only meaningful at `HistoryLevel.full`: reduced history keeps the start
    /// and the end alone.
    static func rebuiltFromHistory(_ instance: StoredInstance, on connection: PostgresConnection) throws -> InstanceState {
        let rows = try connection.query(
            """
            SELECT type, element_id, element_instance_key, payload::text AS payload FROM history_events
            WHERE process_instance_id = $1::uuid ORDER BY sequence
            """, [.text(instance.id)])
        var records: [HistoryRecord] = []
        records.reserveCapacity(rows.rows.count)
        for row in rows.rows {
            let text: String = try row.decode("payload")
            records.append(
                HistoryRecord(
                    type: try row.decode("type"), elementID: try row.decode("element_id"),
                    elementInstanceKey: try row.decode("element_instance_key"),
                    payload: Value(jsonText: text) ?? .null))
        }
        return try EngineCore.rebuild(fromHistory: records, in: instance.definition.process)
    }
}
