import EngineCore
import Expressions
import PostgresClient

extension Engine {
    /// One open task by id; `TaskError.notFound` when there is none.
    public func task(_ taskID: String) async throws -> TaskRecord {
        try await pool.withConnection { connection in try TaskRecord.load(taskID, on: connection) }
    }

    /// Claims a task for a user. A task already claimed by the same user is left as it is; one claimed by another
    /// user is refused with `TaskError.alreadyClaimed`.
    public func claimTask(_ taskID: String, userID: String, origin: CommandOrigin = .engine) async throws {
        try await changeTask(taskID, .claim(userID: userID), origin: origin) { details in
            if let assignee = details.assignee, assignee != userID {
                throw TaskError.alreadyClaimed(taskID: taskID, assignee: assignee)
            }
        }
    }

    /// Removes the assignee.
    public func unclaimTask(_ taskID: String, origin: CommandOrigin = .engine) async throws {
        try await changeTask(taskID, .unclaim, origin: origin)
    }

    /// Sets the assignee (nil removes it) without any check.
    public func setTaskAssignee(_ taskID: String, userID: String?, origin: CommandOrigin = .engine) async throws {
        try await changeTask(taskID, .setAssignee(userID), origin: origin)
    }

    /// Sets the owner (nil removes it).
    public func setTaskOwner(_ taskID: String, userID: String?, origin: CommandOrigin = .engine) async throws {
        try await changeTask(taskID, .setOwner(userID), origin: origin)
    }

    /// Delegates a task: the owner becomes the current assignee (unless there is an owner), the assignee `userID`,
    /// the delegation state `PENDING`.
    public func delegateTask(_ taskID: String, userID: String, origin: CommandOrigin = .engine) async throws {
        try await changeTask(taskID, .delegate(userID: userID), origin: origin)
    }

    /// Resolves a delegated task: variables are set from the task's scope, the assignee becomes the owner, the
    /// delegation state `RESOLVED`.
    public func resolveTask(
        _ taskID: String, variables: [String: Value] = [:], origin: CommandOrigin = .engine
    ) async throws {
        try await changeTask(taskID, .resolve, variables: variables, origin: origin)
    }

    /// Replaces the task's fields (`PUT /task/{id}`): name, description, priority, assignee, owner, delegation
    /// state, due and follow-up dates.
    public func updateTask(_ taskID: String, _ fields: UserTaskFields, origin: CommandOrigin = .engine) async throws {
        try await changeTask(taskID, .update(fields), origin: origin)
    }

    /// Throws a BPMN error from a task: the nearest catching error boundary event or event sub-process takes over
    /// (an uncaught error is an incident on the task).
    public func throwTaskError(
        _ taskID: String, errorCode: String, errorMessage: String? = nil, variables: [String: Value] = [:],
        origin: CommandOrigin = .engine
    ) async throws {
        try await taskCommand(taskID, name: "task.bpmnError", origin: origin) { key in
            .throwError(key, code: errorCode, message: errorMessage, variables: variables)
        }
    }

    /// Throws an escalation from a task: a catching escalation boundary event or event sub-process takes over.
    public func throwTaskEscalation(
        _ taskID: String, escalationCode: String, variables: [String: Value] = [:], origin: CommandOrigin = .engine
    ) async throws {
        try await taskCommand(taskID, name: "task.bpmnEscalation", origin: origin) { key in
            .throwEscalation(key, code: escalationCode, variables: variables)
        }
    }

    /// Completes a task (as `completeUserTask`) and, when asked, returns the variables its scope sees afterwards
    /// (the process instance's variables once the task has left; Camunda's `withVariablesInReturn`).
    public func completeTask(
        _ taskID: String, variables: [String: Value] = [:], returnVariables: Bool = false,
        origin: CommandOrigin = .engine
    ) async throws -> [String: Value]? {
        // The completion itself finds the task (one transaction, no lookup of its own before it).
        guard let uuid = TaskRecord.canonicalID(taskID) else { throw TaskError.notFound(taskID: taskID) }
        let summary: InstanceSummary
        do {
            summary = try await completeUserTask(uuid, variables: variables, origin: origin)
        } catch EngineError.notFound {
            throw TaskError.notFound(taskID: taskID)
        }
        guard returnVariables else { return nil }
        return try await pool.withConnection { connection in
            try TaskVariables.processVariables(summary.id, on: connection)
        }
    }

    /// Applies a change through the core (so the snapshot, the projection and history agree); `precheck` sees the
    /// task's current details under the instance's row lock.
    func changeTask(
        _ taskID: String, _ change: UserTaskChange, variables: [String: Value] = [:], origin: CommandOrigin,
        precheck: (@Sendable (UserTaskDetails) throws -> Void)? = nil
    ) async throws {
        try await taskCommand(taskID, name: "task." + change.name, origin: origin, precheck: precheck) { key in
            .changeUserTask(key, change, variables: variables)
        }
    }

    /// Runs a core command on the instance of an open task, in one transaction with the instance row locked.
    /// `command` builds it from the task's element instance key; `precheck` sees the task's current details.
    @discardableResult
    func taskCommand(
        _ taskID: String, name: String, origin: CommandOrigin,
        precheck: (@Sendable (UserTaskDetails) throws -> Void)? = nil,
        _ command: @Sendable @escaping (ElementInstanceKey) -> Command
    ) async throws -> InstanceSummary {
        let now = clock.now()
        return try await transaction { connection in
            let (instanceID, key) = try Self.taskLocation(taskID, on: connection)
            return try InstanceTransaction(engine: self, connection: connection, origin: origin, now: now).run(
                .init(
                    target: .existing(instanceID), command: command(key), isPrimary: true, name: name,
                    check: { instance in
                        // The task may have been completed between the lookup and the row lock.
                        guard let details = instance.state.userTasks[key] else {
                            throw TaskError.notFound(taskID: taskID)
                        }
                        try precheck?(details)
                    }))
        }
    }

    /// The process instance and element instance key of an open task.
    static func taskLocation(
        _ taskID: String, on connection: PostgresConnection
    ) throws -> (instanceID: String, key: ElementInstanceKey) {
        guard let uuid = TaskRecord.canonicalID(taskID) else { throw TaskError.notFound(taskID: taskID) }
        let rows = try connection.query(
            "SELECT process_instance_id::text AS pid, element_instance_key FROM user_tasks WHERE id = $1::uuid",
            [.text(uuid)])
        guard let row = rows.rows.first else { throw TaskError.notFound(taskID: taskID) }
        return (try row.decode("pid"), ElementInstanceKey(try row.decode("element_instance_key") as Int))
    }
}
