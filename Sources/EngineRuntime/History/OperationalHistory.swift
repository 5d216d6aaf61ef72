import EngineCore
import Expressions
import PostgresClient

/// Appends the history rows the runtime writes beside the core's events — job failures, retries set by an
/// operator, lock changes of external tasks, annotations (`InstanceEvent.operationalHistoryTypes`): facts about an
/// instance that do not change its state but belong in its audit trail. Each row takes the next number of the
/// instance's history counter, in the caller's transaction.
struct OperationalHistory {
    let connection: PostgresConnection
    /// The engine's cache of instances, which forgets the instance: its history goes on without the engine knowing
    /// the new chain head.
    var cache: InstanceCache?

    /// Appends one row; `payload` is stored as JSON text.
    func append(
        instanceID: String, type: String, elementID: String? = nil, elementInstanceKey: Int? = nil,
        payload: [String: Value], actor: String?, command: String, now: DateTime
    ) throws {
        cache?.forget(instanceID.lowercased(), on: ObjectIdentifier(connection))
        try connection.execute(
            """
            WITH n AS (
                UPDATE process_instances SET history_sequence = history_sequence + 1 WHERE id = $1::uuid
                RETURNING history_sequence)
            INSERT INTO history_events (process_instance_id, sequence, occurred_at, type, element_id,
                element_instance_key, payload, actor, command)
            SELECT $1::uuid, n.history_sequence, $2::timestamptz, $3, $4, $5, $6::json, $7, $8 FROM n
            """,
            [
                .text(instanceID), .text(now.iso8601), .text(type), SQLText.optional(elementID),
                elementInstanceKey.map { PostgresValue.int($0) } ?? .null, .text(Value.map(payload).jsonText),
                SQLText.optional(actor), .text(command),
            ])
    }
}
