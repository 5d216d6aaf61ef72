import EngineCore
import Expressions
import PostgresClient

extension ExternalTaskRecord {
    /// Locks a task's process instance row, then the task row (the order of `lock`), and reads both in one round
    /// trip (a pipeline of two statements). The instance row comes back undecoded: the caller decodes it
    /// (`StoredInstance.decode`) only after its checks on the task passed.
    static func lockWithInstance(
        _ id: String, on connection: PostgresConnection
    ) throws -> (task: ExternalTaskRecord, instance: PostgresRow) {
        guard let uuid = canonicalID(id) else { throw notFound(id) }
        let results = try connection.pipeline([
            PostgresStatement(
                """
                SELECT \(StoredInstance.columns) FROM process_instances p
                WHERE p.id = (SELECT process_instance_id FROM external_tasks WHERE id = $1::uuid) FOR UPDATE
                """, [.text(uuid)]),
            PostgresStatement(
                "SELECT \(columns) FROM external_tasks t WHERE t.id = $1::uuid FOR UPDATE", [.text(uuid)]),
        ])
        guard results.count == 2, let row = results[1].rows.first else { throw notFound(id) }
        let task = try ExternalTaskRecord(row: row)
        guard let instance = results[0].rows.first else {
            throw EngineError.notFound("process instance '\(task.processInstanceID)' does not exist")
        }
        return (task, instance)
    }

    /// The history row `appendHistory` would write for an operation, for writing together with the step it leads
    /// to (`InstanceTransaction.Pending.leadingHistory`).
    func historyRow(_ type: String, payload: [String: Value]) -> LeadingHistoryRow {
        var fields = payload
        fields["externalTaskId"] = .string(id)
        fields["topic"] = .string(topic)
        return LeadingHistoryRow(
            type: type, elementID: elementID, elementInstanceKey: elementInstanceKey, payload: .map(fields))
    }
}
