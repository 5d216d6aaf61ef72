import BatonTestSupport
import EngineCore
import EngineRuntime
import Expressions
import PostgresClient
import Testing

/// Task list operations against a real PostgreSQL: claim, assignment, delegation, updates, identity links, comments,
/// BPMN errors and escalations from tasks; every change goes through the core and is recorded in history.
@Suite struct TaskTests {
    @Test func claimUnclaimAndTheAlreadyClaimedError() async throws {
        let engine = try await TaskTestSupport.engine()
        let (instance, task) = try await TaskTestSupport.start(engine)
        try await engine.claimTask(task, userID: "ann", origin: CommandOrigin(actor: "ann"))
        #expect(try await engine.task(task).assignee == "ann")
        #expect(try await engine.task(task).lastUpdated != nil)
        try await engine.claimTask(task, userID: "ann", origin: CommandOrigin(actor: "ann"))
        let error = await TaskTestSupport.taskError {
            try await engine.claimTask(task, userID: "bob", origin: CommandOrigin(actor: "bob"))
        }
        #expect(error == .alreadyClaimed(taskID: task, assignee: "ann"))
        #expect(error?.description == "Task '\(task)' is already claimed by someone else.")
        #expect(try await engine.task(task).assignee == "ann")
        try await engine.unclaimTask(task, origin: CommandOrigin(actor: "ann"))
        #expect(try await engine.task(task).assignee == nil)
        try await engine.claimTask(task, userID: "bob", origin: CommandOrigin(actor: "bob"))
        #expect(try await engine.task(task).assignee == "bob")
        let changes = try await TaskTestSupport.history(engine, instance).filter { $0.0 == "userTaskChanged" }
        #expect(changes.map(\.1) == ["ann", "ann", "bob"])
        #expect(changes.map(\.2) == ["task.claim", "task.unclaim", "task.claim"])
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: instance).isEmpty)
    }

    @Test func concurrentClaimsLetExactlyOneUserWin() async throws {
        let engine = try await TaskTestSupport.engine()
        let (instance, task) = try await TaskTestSupport.start(engine)
        let users = ["u1", "u2", "u3", "u4", "u5", "u6"]
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for user in users {
                group.addTask {
                    do {
                        try await engine.claimTask(task, userID: user, origin: CommandOrigin(actor: user))
                        return true
                    } catch TaskError.alreadyClaimed {
                        return false
                    } catch {
                        Issue.record("unexpected \(error)")
                        return false
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        let winner = try #require(try await engine.task(task).assignee)
        #expect(users.contains(winner))
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: instance).isEmpty)
    }

    @Test func unknownTasksAreNotFound() async throws {
        let engine = try await TaskTestSupport.engine()
        let missing = "00000000-0000-0000-0000-000000000001"
        let error = await TaskTestSupport.taskError { try await engine.claimTask(missing, userID: "ann") }
        #expect(error == .notFound(taskID: missing))
        #expect(error?.description == "Cannot find task with id \(missing)")
        #expect(
            await TaskTestSupport.taskError { _ = try await engine.task("not-a-uuid") }
                == .notFound(taskID: "not-a-uuid"))
        #expect(
            await TaskTestSupport.taskError { _ = try await engine.taskVariables(missing) }
                == .notFound(taskID: missing))
        #expect(
            await TaskTestSupport.taskError { _ = try await engine.completeTask(missing) } == .notFound(taskID: missing)
        )
    }

    @Test func assigneeOwnerDelegateAndResolve() async throws {
        let engine = try await TaskTestSupport.engine()
        let (instance, task) = try await TaskTestSupport.start(engine)
        try await engine.setTaskAssignee(task, userID: "ann")
        try await engine.setTaskAssignee(task, userID: "carl")
        #expect(try await engine.task(task).assignee == "carl")
        try await engine.delegateTask(task, userID: "dora", origin: CommandOrigin(actor: "carl"))
        var record = try await engine.task(task)
        #expect(record.owner == "carl")
        #expect(record.assignee == "dora")
        #expect(record.delegationState == .pending)
        do {
            _ = try await engine.completeTask(task)
            Issue.record("a pending delegated task cannot be completed")
        } catch let error as EngineError {
            #expect(error.description == "A delegated task cannot be completed, but should be resolved instead.")
        }
        try await engine.resolveTask(task, variables: ["note": .string("looked")], origin: CommandOrigin(actor: "dora"))
        record = try await engine.task(task)
        #expect(record.assignee == "carl")
        #expect(record.delegationState == .resolved)
        #expect(try await engine.taskVariable(task, name: "note") == .string("looked"))
        try await engine.setTaskOwner(task, userID: "eve")
        #expect(try await engine.task(task).owner == "eve")
        let returned = try await engine.completeTask(task, variables: ["ok": .bool(true)], returnVariables: true)
        #expect(returned?["ok"] == .bool(true))
        #expect(returned?["note"] == .string("looked"))
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: instance).isEmpty)
    }

    @Test func updateReplacesTheTaskFields() async throws {
        let engine = try await TaskTestSupport.engine()
        let (instance, task) = try await TaskTestSupport.start(engine)
        let before = try await engine.task(task)
        #expect(before.name == "Check order")
        #expect(before.priority == 50)
        #expect(before.lastUpdated == nil)
        let due = try #require(DateTime.parse("2026-03-01T10:00:00.000Z"))
        try await engine.updateTask(
            task,
            UserTaskFields(
                name: "Check carefully", description: "Big order", priority: 90, assignee: "ann", owner: "bob",
                delegationState: nil, dueDate: due, followUpDate: nil),
            origin: CommandOrigin(actor: "admin"))
        let after = try await engine.task(task)
        #expect(after.name == "Check carefully")
        #expect(after.description == "Big order")
        #expect(after.priority == 90)
        #expect(after.assignee == "ann")
        #expect(after.owner == "bob")
        #expect(after.due?.epochMilliseconds == due.epochMilliseconds)
        #expect(after.lastUpdated != nil)
        #expect(after.taskDefinitionKey == "check")
        #expect(after.processDefinitionKey == "review")
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: instance).isEmpty)
    }

    @Test func identityLinksListAddAndDelete() async throws {
        let engine = try await TaskTestSupport.engine()
        let (_, task) = try await TaskTestSupport.start(engine)
        var links = try await engine.taskIdentityLinks(task)
        #expect(
            links == [
                TaskIdentityLink(userID: "kim", groupID: nil, type: .candidate),
                TaskIdentityLink(userID: nil, groupID: "reviewers", type: .candidate),
            ])
        try await engine.addTaskIdentityLink(task, userID: nil, groupID: "auditors", type: "candidate")
        try await engine.addTaskIdentityLink(task, userID: "ann", groupID: nil, type: "assignee")
        try await engine.addTaskIdentityLink(task, userID: "olga", groupID: nil, type: "owner")
        try await engine.deleteTaskIdentityLink(task, userID: "kim", groupID: nil, type: "candidate")
        links = try await engine.taskIdentityLinks(task)
        #expect(
            links == [
                TaskIdentityLink(userID: "ann", groupID: nil, type: .assignee),
                TaskIdentityLink(userID: "olga", groupID: nil, type: .owner),
                TaskIdentityLink(userID: nil, groupID: "auditors", type: .candidate),
                TaskIdentityLink(userID: nil, groupID: "reviewers", type: .candidate),
            ])
        try await engine.deleteTaskIdentityLink(task, userID: "ann", groupID: nil, type: "assignee")
        #expect(try await engine.task(task).assignee == nil)
        let neither = await TaskTestSupport.taskError {
            try await engine.addTaskIdentityLink(task, userID: nil, groupID: nil, type: "candidate")
        }
        guard case .invalidArgument? = neither else {
            Issue.record("a link without user and group must be refused, got \(String(describing: neither))")
            return
        }
        let groupAssignee = await TaskTestSupport.taskError {
            try await engine.addTaskIdentityLink(task, userID: nil, groupID: "g", type: "assignee")
        }
        guard case .invalidArgument? = groupAssignee else {
            Issue.record("a group cannot be the assignee")
            return
        }
    }

    @Test func commentsAreStoredWithTheirAuthorAndOutliveTheTask() async throws {
        let engine = try await TaskTestSupport.engine()
        let (instance, task) = try await TaskTestSupport.start(engine)
        let first = try await engine.addTaskComment(task, message: "Looks fine", origin: CommandOrigin(actor: "ann"))
        #expect(first.userID == "ann")
        #expect(first.taskID == task)
        #expect(first.processInstanceID == instance)
        _ = try await engine.addTaskComment(task, message: "Agreed", origin: CommandOrigin(actor: "bob"))
        #expect(try await engine.taskComments(task).map(\.message) == ["Looks fine", "Agreed"])
        #expect(try await engine.taskComment(task, commentID: first.id) == first)
        _ = try await engine.completeTask(task)
        #expect(try await engine.taskComments(task).count == 2)
        let history = try await TaskTestSupport.history(engine, instance).filter { $0.0 == "taskCommentAdded" }
        #expect(history.map(\.1) == ["ann", "bob"])
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: instance).isEmpty)
        let missing = await TaskTestSupport.taskError {
            _ = try await engine.taskComment(task, commentID: "00000000-0000-0000-0000-000000000009")
        }
        #expect(missing == .commentNotFound(taskID: task, commentID: "00000000-0000-0000-0000-000000000009"))
    }

    @Test func aBPMNErrorFromATaskFollowsTheErrorBoundary() async throws {
        let engine = try await TaskTestSupport.engine()
        let (instance, task) = try await TaskTestSupport.start(engine)
        try await engine.throwTaskError(
            task, errorCode: "REJECT", errorMessage: "too expensive", variables: ["by": .string("ann")],
            origin: CommandOrigin(actor: "ann"))
        #expect(await TaskTestSupport.taskError { _ = try await engine.task(task) } == .notFound(taskID: task))
        var query = TaskQuery()
        query.processInstanceID = instance
        let open = try await engine.queryTasks(query)
        #expect(open.map(\.taskDefinitionKey) == ["rejected"])
        let rejected = try #require(open.first)
        #expect(try await engine.taskVariable(rejected.id, name: "code") == .string("REJECT"))
        #expect(try await engine.taskVariable(rejected.id, name: "reason") == .string("too expensive"))
        #expect(try await engine.taskVariable(rejected.id, name: "by") == .string("ann"))
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: instance).isEmpty)
    }

    @Test func anEscalationFromATaskFollowsTheNonInterruptingBoundary() async throws {
        let engine = try await TaskTestSupport.engine()
        let (instance, task) = try await TaskTestSupport.start(engine)
        try await engine.throwTaskEscalation(task, escalationCode: "NUDGE", variables: ["nudges": .integer(1)])
        var query = TaskQuery()
        query.processInstanceID = instance
        query.sorting = [TaskSorting(.taskDefinitionKey)]
        #expect(try await engine.queryTasks(query).map(\.taskDefinitionKey) == ["check", "nudged"])
        #expect(try await engine.taskVariable(task, name: "nudges") == .integer(1))
    }

    @Test func suspendedInstancesRefuseTaskChanges() async throws {
        let engine = try await TaskTestSupport.engine()
        let (instance, task) = try await TaskTestSupport.start(engine)
        try await engine.setSuspended(instance, true)
        #expect(try await engine.task(task).suspended)
        do {
            try await engine.claimTask(task, userID: "ann")
            Issue.record("a task of a suspended instance cannot be claimed")
        } catch let error as EngineError {
            #expect(error.description.contains("suspended"))
        }
    }
}

/// The consistency check compares task rows with the snapshot.
@Suite struct TaskConsistencyTests {
    @Test func aTamperedTaskRowIsReported() async throws {
        let engine = try await TaskTestSupport.engine()
        let (instance, task) = try await TaskTestSupport.start(engine)
        try await engine.claimTask(task, userID: "ann")
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: instance).isEmpty)
        try await engine.pool.withConnection { connection in
            try connection.execute("UPDATE user_tasks SET assignee = 'mallory' WHERE id = $1::uuid", [.text(task)])
            try connection.execute(
                "DELETE FROM task_candidates WHERE task_id = $1::uuid AND kind = 'user'", [.text(task)])
        }
        let problems = try await ConsistencyCheck(engine: engine).problems(instanceID: instance)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("mallory") })
        #expect(problems.contains { $0.contains("candidates") })
    }
}
