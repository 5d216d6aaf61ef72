import EngineCore
import Expressions
import PostgresClient

extension Engine {
    /// The compiled model of a deployed definition (from the cache, or rebuilt from its stored XML).
    public func processModel(definitionID: String) async throws -> ExecutableProcess {
        try await transaction { connection in try self.definition(definitionID, on: connection).process }
    }

    /// Deletes a deployment: its definitions, its resources and the instances of its definitions. Running instances
    /// are cancelled first when `cascade` is true (their called instances with them); without `cascade`, a running
    /// instance refuses the deletion (`EngineError.rejected`) and nothing changes. The runtime rows of finished
    /// instances go with their definitions (their history events stay: the history tables are append-only).
    /// Throws `notFound` for an unknown deployment.
    public func deleteDeployment(_ id: String, cascade: Bool, origin: CommandOrigin = .engine) async throws {
        let now = clock.now()
        try await transaction { connection in
            let deployment = try connection.query("SELECT id FROM deployments WHERE id = $1 FOR UPDATE", [.text(id)])
            guard !deployment.rows.isEmpty else {
                throw EngineError.notFound("deployment with id '\(id)' does not exist")
            }
            let rows = try connection.query("SELECT id FROM process_definitions WHERE deployment_id = $1", [.text(id)])
            let definitions: [String] = try rows.rows.map { try $0.decode("id") }
            try self.removeDefinitions(definitions, cascade: cascade, origin: origin, now: now, on: connection)
            try connection.execute("DELETE FROM resources WHERE deployment_id = $1", [.text(id)])
            try connection.execute("DELETE FROM deployments WHERE id = $1", [.text(id)])
        }
    }

    /// Deletes process definitions (their deployments and resources stay), with the same rules for instances as
    /// `deleteDeployment`, all or nothing. Throws `notFound` when an id names no definition.
    public func deleteProcessDefinitions(_ ids: [String], cascade: Bool, origin: CommandOrigin = .engine) async throws {
        let now = clock.now()
        try await transaction { connection in
            for id in ids {
                let rows = try connection.query(
                    "SELECT id FROM process_definitions WHERE id = $1 FOR UPDATE", [.text(id)])
                guard !rows.rows.isEmpty else {
                    throw EngineError.notFound("process definition with id '\(id)' does not exist")
                }
            }
            try self.removeDefinitions(ids, cascade: cascade, origin: origin, now: now, on: connection)
        }
    }

    private func removeDefinitions(
        _ ids: [String], cascade: Bool, origin: CommandOrigin, now: DateTime, on connection: PostgresConnection
    ) throws {
        guard !ids.isEmpty else { return }
        let keys: [String] = try connection.query(
            "SELECT DISTINCT key FROM process_definitions WHERE id = ANY($1::text[]) ORDER BY key", [.textArray(ids)]
        ).rows.map { try $0.decode("key") }
        for key in keys {
            try connection.execute("SELECT pg_advisory_xact_lock(hashtext('baton.definition.' || $1))", [.text(key)])
        }
        let running = try connection.query(
            """
            SELECT id::text AS id, suspended FROM process_instances
            WHERE definition_id = ANY($1::text[]) AND state = 'active' ORDER BY started_at, id
            """, [.textArray(ids)])
        if !running.rows.isEmpty && !cascade {
            throw EngineError.rejected(
                "deletion of process definition without cascading failed: \(running.rows.count) process instance(s) "
                    + "of it are still running; delete them first or pass cascade=true")
        }
        let cancel = InstanceTransaction(engine: self, connection: connection, origin: origin, now: now)
        for row in running.rows {
            guard !(try row.decode("suspended") as Bool) else { continue }
            try cancel.runFollowUp(
                .init(target: .existing(try row.decode("id")), command: .cancel, isPrimary: false, name: "cancel"))
        }
        let instanceFilter =
            "process_instance_id IN (SELECT id FROM process_instances WHERE definition_id = ANY($1::text[]))"
        for table in [
            "element_instances", "variables", "task_candidates", "user_tasks", "external_tasks", "jobs",
            "event_subscriptions", "incidents",
        ] {
            try connection.execute("DELETE FROM \(table) WHERE \(instanceFilter)", [.textArray(ids)])
        }
        try connection.execute("DELETE FROM process_instances WHERE definition_id = ANY($1::text[])", [.textArray(ids)])
        try connection.execute("DELETE FROM jobs WHERE definition_id = ANY($1::text[])", [.textArray(ids)])
        try connection.execute(
            "DELETE FROM event_subscriptions WHERE definition_id = ANY($1::text[])", [.textArray(ids)])
        try connection.execute("DELETE FROM process_definitions WHERE id = ANY($1::text[])", [.textArray(ids)])
        // The start events of each key now belong to its latest remaining version.
        for key in keys {
            let latest = try connection.query(
                "SELECT id FROM process_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1", [.text(key)])
            guard let row = latest.rows.first else { continue }
            let id: String = try row.decode("id")
            try StartSubscriptions.register(
                try definition(id, on: connection).process, definitionID: id, key: key, now: now, on: connection)
        }
    }

    /// Suspends or activates process definitions: a suspended definition starts no instances (by key, id, message,
    /// signal or timer); with `includeInstances`, its running instances are suspended or activated too. Throws
    /// `notFound` when no id names a definition.
    public func setDefinitionsSuspended(
        _ ids: [String], suspended: Bool, includeInstances: Bool, origin: CommandOrigin = .engine
    ) async throws {
        let now = clock.now()
        try await transaction { connection in
            let updated = try connection.execute(
                "UPDATE process_definitions SET suspended = $2 WHERE id = ANY($1::text[])",
                [.textArray(ids), .bool(suspended)])
            guard updated > 0 else { throw EngineError.notFound("no process definition with the given id exists") }
            try connection.execute(
                "UPDATE jobs SET suspended = $2 WHERE definition_id = ANY($1::text[]) AND process_instance_id IS NULL",
                [.textArray(ids), .bool(suspended)])
            guard includeInstances else { return }
            let rows = try connection.query(
                """
                SELECT id::text AS id FROM process_instances
                WHERE definition_id = ANY($1::text[]) AND state = 'active' AND suspended <> $2 ORDER BY id
                """, [.textArray(ids), .bool(suspended)])
            for row in rows.rows {
                try Self.writeSuspension(try row.decode("id"), suspended, actor: origin.actor, now: now,
                    cache: self.instanceCache, on: connection)
            }
        }
    }

    /// Suspends or activates several instances in one transaction (unknown ids → `notFound`, nothing changes).
    public func setInstancesSuspended(_ ids: [String], _ suspended: Bool, origin: CommandOrigin = .engine) async throws
    {
        let now = clock.now()
        try await transaction { connection in
            for id in ids {
                try Self.writeSuspension(id, suspended, actor: origin.actor, now: now,
                    cache: self.instanceCache, on: connection)
            }
        }
    }

    /// What `setSuspended` writes for one instance, inside a caller's transaction: the flag on the instance, its
    /// external tasks and jobs, and the `instanceSuspended` / `instanceActivated` history event with its actor.
    static func writeSuspension(
        _ instanceID: String, _ suspended: Bool, actor: String?, now: DateTime, cache: InstanceCache?,
        on connection: PostgresConnection
    ) throws {
        guard let uuid = ExternalTaskRecord.canonicalID(instanceID),
            !(try connection.query(
                "UPDATE process_instances SET suspended = $2 WHERE id = $1::uuid RETURNING id",
                [.text(uuid), .bool(suspended)]
            ).rows.isEmpty)
        else { throw EngineError.notFound("process instance '\(instanceID)' does not exist") }
        try connection.execute(
            "UPDATE external_tasks SET suspended = $2 WHERE process_instance_id = $1::uuid",
            [.text(uuid), .bool(suspended)])
        try connection.execute(
            "UPDATE jobs SET suspended = $2 WHERE process_instance_id = $1::uuid", [.text(uuid), .bool(suspended)])
        let type = suspended ? "instanceSuspended" : "instanceActivated"
        try OperationalHistory(connection: connection, cache: cache).append(
            instanceID: uuid, type: type, payload: [:], actor: actor, command: type, now: now)
    }
}
