import EngineCore
import Expressions
import PostgresClient

/// An `external_tasks` row as the external task operations read it, locked for the rest of the transaction.
struct ExternalTaskRecord {
    let id: String
    let processInstanceID: String
    let elementInstanceKey: Int
    let elementID: String
    let topic: String
    let priority: Int
    let retries: Int?
    let workerID: String?
    /// The lock's expiry in epoch milliseconds, nil when unlocked.
    let lockExpiresAt: Int64?
    let errorMessage: String?
    /// Whether the task (its process instance) is suspended.
    let suspended: Bool

    var key: ElementInstanceKey { ElementInstanceKey(elementInstanceKey) }

    /// The columns `init(row:)` reads.
    static let columns = """
        t.id::text AS id, t.process_instance_id::text AS pid, t.element_instance_key, t.element_id, t.topic,
        t.priority, t.retries, t.worker_id, (extract(epoch FROM t.lock_expires_at) * 1000)::int8 AS lock_ms,
        t.error_message, t.suspended
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        processInstanceID = try row.decode("pid")
        elementInstanceKey = try row.decode("element_instance_key")
        elementID = try row.decode("element_id")
        topic = try row.decode("topic")
        priority = try row.decode("priority")
        retries = try row.decode("retries", as: Int?.self)
        workerID = try row.decode("worker_id", as: String?.self)
        lockExpiresAt = try row.decode("lock_ms", as: Int64?.self)
        errorMessage = try row.decode("error_message", as: String?.self)
        suspended = try row.decode("suspended")
    }

    /// Loads a task and locks its process instance row, then the task row (the order every command uses, so
    /// operations on one instance queue instead of deadlocking).
    static func lock(_ id: String, on connection: PostgresConnection) throws -> ExternalTaskRecord {
        guard let uuid = canonicalID(id) else { throw notFound(id) }
        let first = try connection.query(
            "SELECT process_instance_id::text AS pid FROM external_tasks WHERE id = $1::uuid", [.text(uuid)])
        guard let instance = try first.rows.first?.decode("pid", as: String.self) else { throw notFound(id) }
        _ = try connection.query("SELECT 1 FROM process_instances WHERE id = $1::uuid FOR UPDATE", [.text(instance)])
        let rows = try connection.query(
            "SELECT \(columns) FROM external_tasks t WHERE t.id = $1::uuid FOR UPDATE", [.text(uuid)])
        guard let row = rows.rows.first else { throw notFound(id) }
        return try ExternalTaskRecord(row: row)
    }

    /// Camunda's 404 text.
    static func notFound(_ id: String) -> EngineError {
        .notFound("External task with id \(id) does not exist")
    }

    /// The id in PostgreSQL's form, or nil when it is no UUID (then no task has it).
    static func canonicalID(_ id: String) -> String? {
        let hex = id.lowercased().filter { $0 != "-" }
        guard hex.count == 32, hex.allSatisfy({ $0.isHexDigit }) else { return nil }
        return id.lowercased()
    }

    /// Refuses a worker that does not hold the task (Camunda checks only the worker id, not the lock's expiry).
    /// `prefix` is the start of Camunda's message, e.g. "External Task X cannot be completed".
    func requireWorker(_ workerID: String, _ prefix: String) throws {
        guard self.workerID != workerID else { return }
        throw EngineError.lockViolation(
            "\(prefix) by worker '\(workerID)'. It is locked by worker '\(self.workerID ?? "null")'.")
    }

    /// Refuses a worker's answer on a suspended task (Camunda's message).
    func requireActive() throws {
        guard suspended else { return }
        throw EngineError.rejected("ExternalTask with id '\(id)' is suspended.")
    }

    /// Appends one history row for an external task operation (numbered with the instance's counter).
    func appendHistory(
        _ type: String, payload: [String: Value], actor: String?, command: String, now: DateTime,
        cache: InstanceCache?, on connection: PostgresConnection
    ) throws {
        var fields = payload
        fields["externalTaskId"] = .string(id)
        fields["topic"] = .string(topic)
        try OperationalHistory(connection: connection, cache: cache).append(
            instanceID: processInstanceID, type: type, elementID: elementID, elementInstanceKey: elementInstanceKey,
            payload: fields, actor: actor, command: command, now: now)
    }

    /// The open `failedExternalTask` incident on the task's element, if any.
    func openIncident(on connection: PostgresConnection) throws -> IncidentKey? {
        let rows = try connection.query(
            """
            SELECT incident_key FROM incidents WHERE process_instance_id = $1::uuid AND element_instance_key = $2
              AND type = 'failedExternalTask' ORDER BY incident_key LIMIT 1
            """, [.text(processInstanceID), .int(elementInstanceKey)])
        return try rows.rows.first.map { IncidentKey(try $0.decode("incident_key")) }
    }
}
