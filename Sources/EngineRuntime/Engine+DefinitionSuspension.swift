import EngineCore
import Expressions
import PostgresClient

/// Which process definitions an operation names: one by id, or every version of a key.
public enum DefinitionSelector: Sendable, Hashable {
    /// One definition (`key:version:uuid`).
    case id(String)
    /// Every version of a key.
    case key(String)
}

extension Engine {
    /// Suspends or activates process definitions (Camunda's `PUT /process-definition/{id}/suspended` and
    /// `/key/{key}/suspended`). A suspended definition starts no instances (by id or key, by message or signal start
    /// events, from call activities) and its timer start events do not fire; activated again, an overdue timer start
    /// fires once. With `includeProcessInstances`, its active instances are suspended or activated too (their
    /// external tasks are then not fetchable and their jobs do not run). Returns the definitions changed.
    @discardableResult
    public func setDefinitionSuspended(
        _ selector: DefinitionSelector, suspended: Bool, includeProcessInstances: Bool = false,
        origin: CommandOrigin = .engine
    ) async throws -> [String] {
        let now = clock.now()
        return try await transaction { connection in
            let ids: [String]
            switch selector {
            case .id(let id):
                ids = try connection.query(
                    "UPDATE process_definitions SET suspended = $2 WHERE id = $1 RETURNING id",
                    [.text(id), .bool(suspended)]
                ).rows.map { try $0.decode("id") }
                guard !ids.isEmpty else { throw EngineError.notFound("process definition '\(id)' does not exist") }
            case .key(let key):
                ids = try connection.query(
                    "UPDATE process_definitions SET suspended = $2 WHERE key = $1 RETURNING id",
                    [.text(key), .bool(suspended)]
                ).rows.map { try $0.decode("id") }
                guard !ids.isEmpty else {
                    throw EngineError.notFound("no process definition with key '\(key)' is deployed")
                }
            }
            try connection.execute(
                """
                UPDATE jobs SET suspended = $2
                WHERE process_instance_id IS NULL AND definition_id = ANY($1::text[])
                """, [.textArray(ids), .bool(suspended)])
            if includeProcessInstances {
                try Self.setInstancesSuspended(
                    definitionIDs: ids, suspended: suspended, actor: origin.actor, now: now, on: connection)
            }
            return ids.sorted()
        }
    }

    /// Suspends or activates every active instance of the definitions (rows locked in id order), their external
    /// tasks and jobs, with one history row each.
    private static func setInstancesSuspended(
        definitionIDs: [String], suspended: Bool, actor: String?, now: DateTime, on connection: PostgresConnection
    ) throws {
        let changed = try connection.query(
            """
            WITH target AS (
                SELECT id FROM process_instances
                WHERE definition_id = ANY($1::text[]) AND state = 'active' AND suspended <> $2
                ORDER BY id FOR UPDATE)
            UPDATE process_instances p SET suspended = $2, history_sequence = p.history_sequence + 1
            FROM target WHERE p.id = target.id
            RETURNING p.id::text AS id, p.history_sequence AS seq
            """, [.textArray(definitionIDs), .bool(suspended)])
        guard !changed.rows.isEmpty else { return }
        let ids: [String] = try changed.rows.map { try $0.decode("id") }
        let sequences: [Int?] = try changed.rows.map { try $0.decode("seq") as Int }
        try connection.execute(
            "UPDATE external_tasks SET suspended = $2 WHERE process_instance_id = ANY($1::text[]::uuid[])",
            [.textArray(ids), .bool(suspended)])
        try connection.execute(
            "UPDATE jobs SET suspended = $2 WHERE process_instance_id = ANY($1::text[]::uuid[])",
            [.textArray(ids), .bool(suspended)])
        try connection.execute(
            """
            INSERT INTO history_events (process_instance_id, sequence, occurred_at, type, payload, actor, command)
            SELECT u.i::uuid, u.s, $3::timestamptz, $4, '{}'::json, $5, $6
            FROM unnest($1::text[], $2::int8[]) AS u(i, s)
            """,
            [
                .textArray(ids), .intArray(sequences), .text(now.iso8601),
                .text(suspended ? "instanceSuspended" : "instanceActivated"), SQLText.optional(actor),
                .text(suspended ? "suspendDefinition" : "activateDefinition"),
            ])
    }

    /// Refuses to start an instance of a suspended definition (Camunda's message).
    static func requireStartable(_ definitionID: String, on connection: PostgresConnection) throws {
        let rows = try connection.query(
            "SELECT suspended FROM process_definitions WHERE id = $1", [.text(definitionID)])
        guard let row = rows.rows.first else {
            throw EngineError.notFound("process definition '\(definitionID)' does not exist")
        }
        if try row.decode("suspended") as Bool {
            throw EngineError.rejected(
                "Cannot start process instance. Process definition \(definitionID) is suspended")
        }
    }
}
