import EngineCore
import Expressions
import PostgresClient

extension Engine {
    /// Completes an external task locked by `workerID`: the process continues to its next wait state in the same
    /// transaction. Only the worker id is checked, not the lock's expiry (as Camunda).
    @discardableResult
    public func completeExternalTask(
        _ id: String, workerID: String, variables: [String: Value] = [:], localVariables: [String: Value] = [:],
        origin: CommandOrigin = .engine
    ) async throws -> InstanceSummary {
        let now = clock.now()
        if let cached = try await completeCachedExternalTask(
            id, workerID: workerID, variables: variables, localVariables: localVariables, origin: origin, now: now)
        {
            metrics.increment(EngineMetrics.externalTasksCompleted, [("topic", cached.topic)])
            return cached.summary
        }
        let (summary, topic) = try await transaction { connection in
            // The instance and the task are locked and read in one round trip; the task's history row is written
            // with the step's (one statement), numbered before them.
            let (task, row) = try ExternalTaskRecord.lockWithInstance(id, on: connection)
            try task.requireWorker(workerID, "External Task \(id) cannot be completed")
            try task.requireActive()
            let instance = try StoredInstance.decode(row, id: task.processInstanceID, engine: self, on: connection)
            let summary = try InstanceTransaction(engine: self, connection: connection, origin: origin, now: now).run(
                .init(
                    target: .loaded(instance),
                    command: .complete(task.key, variables: variables, localVariables: localVariables),
                    isPrimary: true, name: "completeExternalTask", check: Self.stillExists(task),
                    leadingHistory: [
                        task.historyRow("externalTaskCompleted", payload: ["workerId": .string(workerID)])
                    ]))
            return (summary, task.topic)
        }
        metrics.increment(EngineMetrics.externalTasksCompleted, [("topic", topic)])
        return summary
    }

    /// Reports a failed attempt: stores the retries left and the error, hides the task for `retryTimeout`
    /// milliseconds (0: fetchable at once), and raises a `failedExternalTask` incident when `retries` is 0.
    public func handleExternalTaskFailure(
        _ id: String, workerID: String, errorMessage: String?, errorDetails: String? = nil, retries: Int,
        retryTimeout: Int64 = 0, variables: [String: Value] = [:], localVariables: [String: Value] = [:],
        origin: CommandOrigin = .engine
    ) async throws {
        guard retries >= 0 else { throw EngineError.rejected("retries must be 0 or more, not \(retries)") }
        guard retryTimeout >= 0 else {
            throw EngineError.rejected("retryTimeout must be 0 or more milliseconds, not \(retryTimeout)")
        }
        let now = clock.now()
        let topic = try await transaction { connection in
            let task = try ExternalTaskRecord.lock(id, on: connection)
            try task.requireWorker(workerID, "Failure of External Task \(id) cannot be reported")
            try task.requireActive()
            try connection.execute(
                """
                UPDATE external_tasks SET retries = $2, error_message = $3, error_details = $4,
                    lock_expires_at = $5::timestamptz
                WHERE id = $1::uuid
                """,
                [
                    .text(task.id), .int(retries), SQLText.optional(errorMessage), SQLText.optional(errorDetails),
                    retryTimeout == 0 ? .null : .text(now.adding(milliseconds: retryTimeout).iso8601),
                ])
            try task.appendHistory(
                "externalTaskFailed",
                payload: [
                    "workerId": .string(workerID), "errorMessage": errorMessage.map(Value.string) ?? .null,
                    "retries": .integer(retries), "retryTimeout": .integer(Int(retryTimeout)),
                ], actor: origin.actor, command: "handleExternalTaskFailure", now: now,
                    cache: self.instanceCache, on: connection)
            let run = InstanceTransaction(engine: self, connection: connection, origin: origin, now: now)
            if !variables.isEmpty {
                _ = try run.run(
                    .init(
                        target: .existing(task.processInstanceID),
                        command: .setVariables(scope: nil, variables: variables, local: false), isPrimary: true,
                        name: "handleExternalTaskFailure", check: Self.stillExists(task)))
            }
            if !localVariables.isEmpty {
                _ = try run.run(
                    .init(
                        target: .existing(task.processInstanceID),
                        command: .setVariables(scope: task.key, variables: localVariables, local: true),
                        isPrimary: true, name: "handleExternalTaskFailure", check: Self.stillExists(task)))
            }
            if retries == 0, try task.openIncident(on: connection) == nil {
                _ = try run.run(
                    .init(
                        target: .existing(task.processInstanceID),
                        command: .raiseIncident(task.key, kind: .failedExternalTask, message: errorMessage ?? ""),
                        isPrimary: true, name: "handleExternalTaskFailure", check: Self.stillExists(task)))
            }
            if retries > 0, retryTimeout == 0 { try ExternalTaskWakeups.notify(on: connection) }
            return task.topic
        }
        metrics.increment(EngineMetrics.externalTasksFailed, [("topic", topic)])
        if retries > 0, retryTimeout == 0 { await ExternalTaskWakeups.shared.signal(pool.configuration) }
    }

    /// Reports a BPMN error for a locked task: it goes to the nearest error boundary event or event sub-process
    /// that catches `errorCode` (uncaught, the core raises an incident).
    @discardableResult
    public func handleExternalTaskBpmnError(
        _ id: String, workerID: String, errorCode: String, errorMessage: String? = nil,
        variables: [String: Value] = [:], origin: CommandOrigin = .engine
    ) async throws -> InstanceSummary {
        let now = clock.now()
        let (summary, topic) = try await transaction { connection in
            let (task, row) = try ExternalTaskRecord.lockWithInstance(id, on: connection)
            try task.requireWorker(workerID, "Bpmn error of External Task \(id) cannot be reported")
            try task.requireActive()
            let instance = try StoredInstance.decode(row, id: task.processInstanceID, engine: self, on: connection)
            let history = task.historyRow(
                "externalTaskBpmnError",
                payload: [
                    "workerId": .string(workerID), "errorCode": .string(errorCode),
                    "errorMessage": errorMessage.map(Value.string) ?? .null,
                ])
            let summary = try InstanceTransaction(engine: self, connection: connection, origin: origin, now: now).run(
                .init(
                    target: .loaded(instance),
                    command: .throwError(task.key, code: errorCode, message: errorMessage, variables: variables),
                    isPrimary: true, name: "handleExternalTaskBpmnError", check: Self.stillExists(task),
                    leadingHistory: [history]))
            return (summary, task.topic)
        }
        metrics.increment(EngineMetrics.externalTasksBpmnErrors, [("topic", topic)])
        return summary
    }

    /// Extends the lock of a task the worker holds to `newDuration` milliseconds from now; an expired lock cannot be
    /// extended.
    public func extendExternalTaskLock(
        _ id: String, workerID: String, newDuration: Int64, origin: CommandOrigin = .engine
    ) async throws {
        guard newDuration > 0 else {
            throw EngineError.rejected("newDuration must be more than 0 milliseconds, not \(newDuration)")
        }
        let now = clock.now()
        try await transaction { connection in
            let task = try ExternalTaskRecord.lock(id, on: connection)
            try task.requireWorker(workerID, "The lock of the External Task \(id) cannot be extended")
            guard let expiry = task.lockExpiresAt, expiry >= now.epochMilliseconds else {
                throw EngineError.lockViolation("Cannot extend a lock that expired")
            }
            let until = now.adding(milliseconds: newDuration)
            try connection.execute(
                "UPDATE external_tasks SET lock_expires_at = $2::timestamptz WHERE id = $1::uuid",
                [.text(task.id), .text(until.iso8601)])
            try task.appendHistory(
                "externalTaskLockExtended",
                payload: ["workerId": .string(workerID), "lockExpirationTime": .string(until.iso8601)],
                actor: origin.actor, command: "extendExternalTaskLock", now: now,
                    cache: self.instanceCache, on: connection)
        }
    }

    /// Releases a task's lock (whoever holds it): it can be fetched at once.
    public func unlockExternalTask(_ id: String, origin: CommandOrigin = .engine) async throws {
        let now = clock.now()
        try await transaction { connection in
            let task = try ExternalTaskRecord.lock(id, on: connection)
            try connection.execute(
                "UPDATE external_tasks SET worker_id = NULL, lock_expires_at = NULL WHERE id = $1::uuid",
                [.text(task.id)])
            try task.appendHistory(
                "externalTaskUnlocked", payload: ["previousWorkerId": task.workerID.map(Value.string) ?? .null],
                actor: origin.actor, command: "unlockExternalTask", now: now, cache: self.instanceCache, on: connection)
            try ExternalTaskWakeups.notify(on: connection)
        }
        await ExternalTaskWakeups.shared.signal(pool.configuration)
    }

    /// Sets a task's retries: more than 0 resolves its `failedExternalTask` incident (the task can be fetched
    /// again); 0 raises one (as Camunda).
    public func setExternalTaskRetries(_ id: String, retries: Int, origin: CommandOrigin = .engine) async throws {
        guard retries >= 0 else { throw EngineError.rejected("retries must be 0 or more, not \(retries)") }
        let now = clock.now()
        try await transaction { connection in
            let task = try ExternalTaskRecord.lock(id, on: connection)
            try connection.execute(
                "UPDATE external_tasks SET retries = $2 WHERE id = $1::uuid", [.text(task.id), .int(retries)])
            try task.appendHistory(
                "externalTaskRetriesSet",
                payload: ["retries": .integer(retries), "previousRetries": task.retries.map(Value.integer) ?? .null],
                actor: origin.actor, command: "setExternalTaskRetries", now: now,
                    cache: self.instanceCache, on: connection)
            let incident = try task.openIncident(on: connection)
            let run = InstanceTransaction(engine: self, connection: connection, origin: origin, now: now)
            if retries > 0, let incident {
                _ = try run.run(
                    .init(
                        target: .existing(task.processInstanceID), command: .resolveIncident(incident),
                        isPrimary: true, name: "setExternalTaskRetries", check: Self.stillExists(task)))
            } else if retries == 0, incident == nil {
                _ = try run.run(
                    .init(
                        target: .existing(task.processInstanceID),
                        command: .raiseIncident(
                            task.key, kind: .failedExternalTask, message: task.errorMessage ?? ""),
                        isPrimary: true, name: "setExternalTaskRetries", check: Self.stillExists(task)))
            }
            if retries > 0 { try ExternalTaskWakeups.notify(on: connection) }
        }
        if retries > 0 { await ExternalTaskWakeups.shared.signal(pool.configuration) }
    }

    /// Sets a task's priority (fetch-and-lock with `usePriority` hands out higher priorities first).
    public func setExternalTaskPriority(_ id: String, priority: Int, origin: CommandOrigin = .engine) async throws {
        let now = clock.now()
        try await transaction { connection in
            let task = try ExternalTaskRecord.lock(id, on: connection)
            try connection.execute(
                "UPDATE external_tasks SET priority = $2 WHERE id = $1::uuid", [.text(task.id), .int(priority)])
            try task.appendHistory(
                "externalTaskPrioritySet",
                payload: ["priority": .integer(priority), "previousPriority": .integer(task.priority)],
                actor: origin.actor, command: "setExternalTaskPriority", now: now,
                    cache: self.instanceCache, on: connection)
        }
    }

    /// A check that the task is still in the loaded instance's state.
    static func stillExists(_ task: ExternalTaskRecord) -> (StoredInstance) throws -> Void {
        { instance in
            guard instance.state.externalTasks[task.key] != nil else { throw ExternalTaskRecord.notFound(task.id) }
        }
    }
}
