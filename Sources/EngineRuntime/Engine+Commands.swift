import BPMN
import EngineCore
import Expressions
import PostgresClient

extension Engine {
    /// Starts an instance of the latest version of `key` (or of the definition `id`), at its none start event or at
    /// `startEvent`.
    public func startInstance(
        key: String? = nil, definitionID: String? = nil, variables: [String: Value] = [:], businessKey: String? = nil,
        startEvent: String? = nil, origin: CommandOrigin = .engine
    ) async throws -> InstanceSummary {
        let now = clock.now()
        return try await transaction { connection in
            let id: String
            if let definitionID {
                try Self.requireStartable(definitionID, on: connection)
                id = definitionID
            } else if let key {
                let rows = try connection.query(
                    "SELECT id, suspended FROM process_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1",
                    [.text(key)])
                guard let row = rows.rows.first else {
                    throw EngineError.notFound("no process definition with key '\(key)' is deployed")
                }
                if try row.decode("suspended") as Bool {
                    throw EngineError.rejected("process definition '\(key)' is suspended")
                }
                id = try row.decode("id")
            } else {
                throw EngineError.rejected("say which process to start: a definition key or id")
            }
            return try InstanceTransaction(engine: self, connection: connection, origin: origin, now: now).run(
                .init(
                    target: .new(definitionID: id, superInstance: nil, startedBy: origin.actor),
                    command: .start(variables: variables, businessKey: businessKey, startEvent: startEvent.map { ElementID($0) }),
                    isPrimary: true, name: "start"))
        }
    }

    /// Completes a user task with variables (set where they exist, else on the process, as Camunda does).
    @discardableResult
    public func completeUserTask(
        _ taskID: String, variables: [String: Value] = [:], origin: CommandOrigin = .engine
    ) async throws -> InstanceSummary {
        let now = clock.now()
        return try await transaction { connection in
            // The task's instance is found, locked and read in one statement.
            let rows = try connection.query(
                """
                SELECT \(StoredInstance.columns), u.element_instance_key AS task_key
                FROM user_tasks u JOIN process_instances p ON p.id = u.process_instance_id
                WHERE u.id = $1::uuid FOR UPDATE OF p
                """, [.text(taskID)])
            guard let row = rows.rows.first else {
                throw EngineError.notFound("task '\(taskID)' does not exist (it may have been completed already)")
            }
            let key = ElementInstanceKey(try row.decode("task_key") as Int)
            let instance = try StoredInstance.decode(row, engine: self, on: connection)
            return try InstanceTransaction(engine: self, connection: connection, origin: origin, now: now).run(
                .init(
                    target: .loaded(instance),
                    command: .complete(key, variables: variables, localVariables: [:]), isPrimary: true,
                    name: "completeTask",
                    check: { instance in
                        guard instance.state.userTasks[key] != nil else {
                            throw EngineError.notFound(
                                "task '\(taskID)' does not exist any more (it was completed or cancelled concurrently)")
                        }
                    }))
        }
    }

    /// Correlates a message to exactly one waiting instance (filtered by business key, instance id and correlation
    /// key), or starts an instance at a message start event when none waits; more than one match is an error.
    @discardableResult
    public func correlateMessage(
        _ name: String, businessKey: String? = nil, processInstanceID: String? = nil, correlationKey: String? = nil,
        variables: [String: Value] = [:], origin: CommandOrigin = .engine
    ) async throws -> InstanceSummary {
        let now = clock.now()
        return try await transaction { connection in
            let rows = try connection.query(
                """
                SELECT DISTINCT es.process_instance_id::text AS pid FROM event_subscriptions es
                JOIN process_instances p ON p.id = es.process_instance_id
                WHERE es.kind = 'message' AND es.name = $1 AND NOT p.suspended
                  AND ($2::text IS NULL OR p.business_key = $2) AND ($3::uuid IS NULL OR p.id = $3::uuid)
                  AND ($4::text IS NULL OR es.correlation_key IS NULL OR es.correlation_key = $4)
                ORDER BY 1 LIMIT 2
                """,
                [.text(name), SQLText.optional(businessKey), SQLText.optional(processInstanceID),
                 SQLText.optional(correlationKey)])
            let transaction = InstanceTransaction(engine: self, connection: connection, origin: origin, now: now)
            if rows.rows.count > 1 {
                throw EngineError.correlationFailed(
                    "message '\(name)' matches more than one waiting process instance; narrow it with a business "
                        + "key, a process instance id or a correlation key")
            }
            if let row = rows.rows.first {
                return try transaction.run(
                    .init(
                        target: .existing(try row.decode("pid")),
                        command: .correlateMessage(name: name, correlationKey: correlationKey, variables: variables),
                        isPrimary: true, name: "correlateMessage"))
            }
            guard processInstanceID == nil,
                var start = try StartSubscriptions.starts(
                    kind: "message", name: name, variables: variables, actor: origin.actor, businessKey: businessKey,
                    on: connection
                ).first
            else {
                throw EngineError.correlationFailed(
                    "no process instance waits for message '\(name)'"
                        + (businessKey.map { " with business key '\($0)'" } ?? "")
                        + " and no process starts with it")
            }
            start.isPrimary = true
            return try transaction.run(start)
        }
    }

    /// Broadcasts a signal to every instance waiting for it and every process that starts with it.
    public func broadcastSignal(
        _ name: String, variables: [String: Value] = [:], origin: CommandOrigin = .engine
    ) async throws {
        let now = clock.now()
        try await transaction { connection in
            let transaction = InstanceTransaction(engine: self, connection: connection, origin: origin, now: now)
            let rows = try connection.query(
                """
                SELECT DISTINCT es.process_instance_id::text AS pid FROM event_subscriptions es
                JOIN process_instances p ON p.id = es.process_instance_id
                WHERE es.kind = 'signal' AND es.name = $1 AND NOT p.suspended ORDER BY 1
                """, [.text(name)])
            var commands: [InstanceTransaction.Pending] = []
            for row in rows.rows {
                commands.append(
                    .init(
                        target: .existing(try row.decode("pid")),
                        command: .broadcastSignal(name: name, variables: variables), isPrimary: false, name: "signal"))
            }
            commands += try StartSubscriptions.starts(
                kind: "signal", name: name, variables: variables, actor: origin.actor, on: connection)
            for command in commands { try transaction.runFollowUp(command) }
        }
    }

    /// Sets variables on an instance (on its process scope, or where they exist).
    @discardableResult
    public func setVariables(
        _ instanceID: String, _ variables: [String: Value], origin: CommandOrigin = .engine
    ) async throws -> InstanceSummary {
        try await instanceCommand(
            instanceID, .setVariables(scope: nil, variables: variables, local: false), name: "setVariables",
            origin: origin)
    }

    /// Cancels an instance: every token ends, every task and subscription is withdrawn.
    @discardableResult
    public func cancelInstance(_ instanceID: String, origin: CommandOrigin = .engine) async throws -> InstanceSummary {
        try await instanceCommand(instanceID, .cancel, name: "cancel", origin: origin)
    }

    /// Resolves an incident by its key on an instance and retries what failed.
    @discardableResult
    public func resolveIncident(
        _ instanceID: String, incidentKey: Int, origin: CommandOrigin = .engine
    ) async throws -> InstanceSummary {
        try await instanceCommand(
            instanceID, .resolveIncident(IncidentKey(incidentKey)), name: "resolveIncident", origin: origin)
    }

    func instanceCommand(
        _ instanceID: String, _ command: Command, name: String, origin: CommandOrigin
    ) async throws -> InstanceSummary {
        let now = clock.now()
        return try await transaction { connection in
            try InstanceTransaction(engine: self, connection: connection, origin: origin, now: now).run(
                .init(target: .existing(instanceID), command: command, isPrimary: true, name: name))
        }
    }

    /// Suspends or activates an instance: a suspended instance refuses commands, and its external tasks and jobs
    /// are not handed out.
    public func setSuspended(_ instanceID: String, _ suspended: Bool, origin: CommandOrigin = .engine) async throws {
        let now = clock.now()
        try await transaction { connection in
            try Self.writeSuspension(instanceID, suspended, actor: origin.actor, now: now,
                cache: self.instanceCache, on: connection)
        }
    }
}
