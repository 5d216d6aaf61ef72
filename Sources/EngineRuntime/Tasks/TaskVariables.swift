import EngineCore
import Expressions
import PostgresClient

/// Reads variables as a task sees them from the `variables` and `element_instances` tables: its own scope (local),
/// or every scope from it up to the process instance, the nearest winning.
enum TaskVariables {
    /// The variables visible from an element instance (`local`: only its own).
    static func read(
        instanceID: String, scope: Int, local: Bool, on connection: PostgresConnection
    ) throws -> [String: Value] {
        let rows = try connection.query(
            """
            WITH RECURSIVE chain(key, depth) AS (
                SELECT $2::int8, 0
                UNION ALL
                SELECT e.parent_key, c.depth + 1 FROM chain c
                JOIN element_instances e ON e.process_instance_id = $1::uuid AND e.key = c.key
                WHERE NOT $3 AND e.parent_key IS NOT NULL AND c.depth < 10000
            )
            SELECT DISTINCT ON (v.name) v.name, v.value::text AS value FROM chain c
            JOIN variables v ON v.process_instance_id = $1::uuid AND v.scope_key = c.key
            ORDER BY v.name, c.depth
            """, [.text(instanceID), .int(scope), .bool(local)])
        return try decode(rows)
    }

    /// The variables of the process instance's own scope (the one scope with no element instance row).
    static func processVariables(_ instanceID: String, on connection: PostgresConnection) throws -> [String: Value] {
        let rows = try connection.query(
            """
            SELECT v.name, v.value::text AS value FROM variables v
            WHERE v.process_instance_id = $1::uuid AND NOT EXISTS (
                SELECT 1 FROM element_instances e WHERE e.process_instance_id = v.process_instance_id
                  AND e.key = v.scope_key)
            """, [.text(instanceID)])
        return try decode(rows)
    }

    private static func decode(_ rows: PostgresRows) throws -> [String: Value] {
        var result: [String: Value] = [:]
        for row in rows.rows {
            do {
                result[try row.decode("name")] = try SnapshotCodec.value(json: try row.decode("value"))
            } catch let error as SnapshotError {
                throw EngineError.corruptState("a stored variable could not be read: \(error)")
            }
        }
        return result
    }
}

extension Engine {
    /// The variables a task sees: its own scope and every scope up to the process instance (`local`: its own
    /// scope only).
    public func taskVariables(_ taskID: String, local: Bool = false) async throws -> [String: Value] {
        try await pool.withConnection { connection in
            let (instanceID, key) = try Self.taskLocation(taskID, on: connection)
            return try TaskVariables.read(instanceID: instanceID, scope: key.rawValue, local: local, on: connection)
        }
    }

    /// One variable a task sees; `TaskError.variableNotFound` when it has none with that name.
    public func taskVariable(_ taskID: String, name: String, local: Bool = false) async throws -> Value {
        guard let value = try await taskVariables(taskID, local: local)[name] else {
            throw TaskError.variableNotFound(taskID: taskID, name: name, local: local)
        }
        return value
    }

    /// Sets and deletes task variables in one transaction. Non-local modifications are set where the task's scope
    /// chain has them, else on the process instance; local ones on the task's own scope. Deletions remove the
    /// nearest variable of that name (local: only on the task's scope); names nobody has are ignored.
    public func modifyTaskVariables(
        _ taskID: String, modifications: [String: Value] = [:], deletions: [String] = [], local: Bool = false,
        origin: CommandOrigin = .engine
    ) async throws {
        let now = clock.now()
        try await transaction { connection in
            let (instanceID, key) = try Self.taskLocation(taskID, on: connection)
            let run = InstanceTransaction(engine: self, connection: connection, origin: origin, now: now)
            if !modifications.isEmpty {
                _ = try run.run(
                    .init(
                        target: .existing(instanceID),
                        command: .setVariables(scope: key, variables: modifications, local: local), isPrimary: true,
                        name: local ? "task.setLocalVariables" : "task.setVariables", check: Self.taskOpen(taskID, key))
                )
            }
            if !deletions.isEmpty {
                _ = try run.run(
                    .init(
                        target: .existing(instanceID),
                        command: .deleteVariables(scope: key, names: deletions, local: local), isPrimary: true,
                        name: local ? "task.deleteLocalVariables" : "task.deleteVariables",
                        check: Self.taskOpen(taskID, key)))
            }
        }
    }

    /// Deletes one task variable (see `modifyTaskVariables`).
    public func deleteTaskVariable(
        _ taskID: String, name: String, local: Bool = false, origin: CommandOrigin = .engine
    ) async throws {
        try await modifyTaskVariables(taskID, deletions: [name], local: local, origin: origin)
    }

    static func taskOpen(_ taskID: String, _ key: ElementInstanceKey) -> (StoredInstance) throws -> Void {
        { instance in
            guard instance.state.userTasks[key] != nil else { throw TaskError.notFound(taskID: taskID) }
        }
    }
}
