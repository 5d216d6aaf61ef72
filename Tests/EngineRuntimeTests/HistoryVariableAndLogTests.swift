import BatonTestSupport
import EngineRuntime
import Expressions
import Testing

/// Historic variables, details, incidents and the operation, job and external task logs, derived from the history
/// of real runs.
@Suite(.serialized) struct HistoryVariableAndLogTests {
    @Test func variablesKeepTheirLatestValueAndDetailsEveryValue() async throws {
        let run = try await HistoryHarness.make(Models.approval)
        let started = try await run.engine.startInstance(key: "approval", variables: ["amount": .integer(1200)])
        run.clock.advance(minutes: 1)
        try await run.engine.setVariables(started.id, ["amount": .integer(1300), "note": .string("checked")])
        run.clock.advance(minutes: 1)
        try await run.engine.completeUserTask(try await run.taskID(started.id), variables: ["approved": .bool(true)])

        var query = HistoricVariableInstanceQuery()
        query.processInstanceID = started.id
        query.sorting = [HistorySort(.variableName)]
        let variables = try await run.history.variableInstances(query)
        #expect(variables.map(\.name) == ["amount", "approved", "note"])
        #expect(variables.map(\.value) == [.integer(1300), .bool(true), .string("checked")])
        #expect(variables.map(\.typeName) == ["Integer", "Boolean", "String"])
        #expect(variables.allSatisfy { $0.state == "CREATED" && $0.activityInstanceID == started.id })
        #expect(try await run.history.variableInstance(variables[0].id) == variables[0])
        query = HistoricVariableInstanceQuery()
        query.variableValue = .integer(1300)
        #expect(try await run.history.variableInstances(query).map(\.name) == ["amount"])
        query.variableValue = .integer(1200)
        #expect(try await run.history.countVariableInstances(query) == 0)
        query = HistoricVariableInstanceQuery()
        query.variableNameLike = "a%"
        #expect(try await run.history.countVariableInstances(query) == 2)

        var details = HistoricDetailQuery()
        details.variableInstanceID = variables[0].id
        details.sorting = [HistorySort(.variableRevision)]
        let updates = try await run.history.details(details)
        #expect(updates.map(\.value) == [.integer(1200), .integer(1300)])
        #expect(updates.map(\.revision) == [0, 1])
        #expect(updates.map(\.initial) == [true, false])
        #expect(updates.map(\.variableType) == ["Integer", "Integer"])
        #expect(updates[1].time.epochMilliseconds - updates[0].time.epochMilliseconds == 60_000)
        #expect(try await run.history.detail(updates[1].id) == updates[1])
        details = HistoricDetailQuery()
        details.processInstanceID = started.id
        #expect(try await run.history.countDetails(details) == 4)
        details.formFields = true
        #expect(try await run.history.countDetails(details) == 0)
    }

    @Test func removedVariablesAreDeletedAndSettingThemAgainStartsANewInstance() async throws {
        let run = try await HistoryHarness.make(Models.approval)
        let started = try await run.engine.startInstance(key: "approval", variables: ["note": .string("a")])
        run.clock.advance(minutes: 1)
        try await run.engine.modifyVariables(started.id, set: [:], delete: ["note"], origin: CommandOrigin(actor: "ann"))
        run.clock.advance(minutes: 1)
        try await run.engine.setVariables(started.id, ["note": .string("b")])

        var query = HistoricVariableInstanceQuery()
        query.processInstanceID = started.id
        #expect(try await run.history.variableInstances(query).map(\.value) == [.string("b")])
        query.includeDeleted = true
        let all = try await run.history.variableInstances(query)
        #expect(all.map(\.state) == ["DELETED", "CREATED"])
        #expect(all.map(\.value) == [.string("a"), .string("b")])
        #expect(all[0].id != all[1].id)
        #expect(try await run.history.variableInstance(all[0].id).state == "DELETED")
        var operations = UserOperationLogQuery()
        operations.operationType = "RemoveVariable"
        let removed = try await run.history.userOperations(operations)
        #expect(removed.map(\.property) == ["note"])
        #expect(removed.first?.orgValue == "\"a\"" && removed.first?.userID == "ann")
    }

    @Test func incidentsAreOpenThenResolvedOrDeleted() async throws {
        let run = try await HistoryHarness.make(HistoryModels.route)
        let fixed = try await run.engine.startInstance(key: "route")
        let dropped = try await run.engine.startInstance(key: "route")
        let runtimeIDs = try await run.strings(
            "SELECT id::text AS v FROM incidents WHERE process_instance_id = $1::uuid", [.text(fixed.id)])
        let key = try await run.strings(
            "SELECT incident_key::text AS v FROM incidents WHERE process_instance_id = $1::uuid", [.text(fixed.id)])

        var query = HistoricIncidentQuery()
        query.open = true
        let open = try await run.history.incidents(query)
        #expect(open.count == 2)
        #expect(open.allSatisfy { $0.incidentType == "expressionFailed" && $0.activityID == "gw" && $0.endTime == nil })
        query = HistoricIncidentQuery()
        query.processInstanceID = fixed.id
        #expect(try await run.history.incidents(query).map(\.id) == runtimeIDs)

        run.clock.advance(minutes: 3)
        try await run.engine.setVariables(fixed.id, ["amount": .integer(20)])
        try await run.engine.resolveIncident(fixed.id, incidentKey: Int(key.first ?? "") ?? -1)
        try await run.engine.cancelInstance(dropped.id)

        let resolved = try await run.history.incidents(query)
        #expect(resolved.map(\.resolved) == [true])
        #expect(
            resolved.first.map { ($0.endTime?.epochMilliseconds ?? 0) - $0.createTime.epochMilliseconds }
                == 180_000)
        query = HistoricIncidentQuery()
        query.deleted = true
        #expect(try await run.history.incidents(query).map(\.processInstanceID) == [dropped.id])
        query = HistoricIncidentQuery()
        query.open = true
        #expect(try await run.history.countIncidents(query) == 0)
        var instances = HistoricProcessInstanceQuery()
        instances.withIncidents = true
        #expect(try await run.history.countProcessInstances(instances) == 2)
        var tasks = HistoricTaskQuery()
        tasks.processInstanceID = fixed.id
        #expect(try await run.history.tasks(tasks).map(\.assignee) == ["boss"])
    }

    @Test func theOperationLogSaysWhoDidWhat() async throws {
        let run = try await HistoryHarness.make(Models.approval)
        let first = try await run.engine.startInstance(key: "approval", variables: ["amount": .integer(1)])
        let second = try await run.engine.startInstance(key: "approval")
        let taskID = try await run.taskID(first.id)
        run.clock.advance(minutes: 1)
        try await run.engine.setVariables(first.id, ["amount": .integer(2)], origin: CommandOrigin(actor: "ann"))
        run.clock.advance(minutes: 1)
        try await run.engine.completeUserTask(taskID, origin: CommandOrigin(actor: "bob"))
        run.clock.advance(minutes: 1)
        try await run.engine.setSuspended(second.id, true, origin: CommandOrigin(actor: "carl"))
        run.clock.advance(minutes: 1)
        try await run.engine.setSuspended(second.id, false, origin: CommandOrigin(actor: "carl"))
        try await run.engine.cancelInstance(second.id, origin: CommandOrigin(actor: "dora"))

        var query = UserOperationLogQuery()
        query.sorting = [HistorySort(.timestamp)]
        let entries = try await run.history.userOperations(query)
        #expect(entries.map(\.operationType) == ["SetVariable", "Complete", "Suspend", "Activate", "Delete"])
        #expect(entries.map(\.userID) == ["ann", "bob", "carl", "carl", "dora"])
        #expect(
            entries.map(\.entityType) == ["Variable", "Task", "ProcessInstance", "ProcessInstance", "ProcessInstance"])
        #expect(entries[0].property == "amount" && entries[0].orgValue == "1" && entries[0].newValue == "2")
        #expect(entries[1].taskID == taskID && entries[1].category == "TaskWorker")
        #expect(entries[1].property == "delete" && entries[1].newValue == "true")
        #expect(entries[2].newValue == "suspended" && entries[3].newValue == "active")
        query.userID = "carl"
        #expect(try await run.history.countUserOperations(query) == 2)
        query = UserOperationLogQuery()
        query.operationType = "Complete"
        query.taskID = taskID
        #expect(try await run.history.userOperations(query).map(\.processInstanceID) == [first.id])
        query = UserOperationLogQuery()
        query.sorting = [HistorySort(.timestamp, ascending: false)]
        #expect(
            try await run.history.userOperations(query, page: .init(maxResults: 1)).map(\.operationType)
                == ["Delete"])
    }

    @Test func theExternalTaskLogFollowsCreationFailureAndSuccess() async throws {
        let harness = try await ExternalTaskHarness.make()
        let instance = try await harness.start(priority: 7)
        let locked = try await harness.fetch("w1")
        let taskID = locked.first?.id ?? ""
        try await harness.engine.handleExternalTaskFailure(
            taskID, workerID: "w1", errorMessage: "disk full", retries: 2, origin: CommandOrigin(actor: "w1"))
        try await harness.engine.setExternalTaskPriority(taskID, priority: 9, origin: CommandOrigin(actor: "op"))
        _ = try await harness.fetch("w2")
        try await harness.engine.completeExternalTask(taskID, workerID: "w2")

        var query = HistoricExternalTaskLogQuery()
        query.processInstanceID = instance
        query.sorting = [HistorySort(.timestamp)]
        let log = try await harness.engine.history.externalTaskLogs(query)
        #expect(log.map(\.creationLog) == [true, false, false])
        #expect(log.map(\.failureLog) == [false, true, false])
        #expect(log.map(\.successLog) == [false, false, true])
        #expect(log.allSatisfy { $0.externalTaskID == taskID && $0.topicName == "t" && $0.activityID == "task" })
        #expect(log.map(\.priority) == [7, 7, 9])
        #expect(log[1].errorMessage == "disk full" && log[1].retries == 2 && log[1].workerID == "w1")
        #expect(log[2].workerID == "w2")
        #expect(try await harness.engine.history.externalTaskLog(log[1].id) == log[1])
        query.failureLog = true
        #expect(try await harness.engine.history.countExternalTaskLogs(query) == 1)

        var operations = UserOperationLogQuery()
        operations.externalTaskID = taskID
        let entries = try await harness.engine.history.userOperations(operations)
        #expect(entries.map(\.operationType) == ["SetPriority"])
        #expect(entries.first?.orgValue == "7" && entries.first?.newValue == "9" && entries.first?.userID == "op")
    }

    @Test func aCancelledExternalTaskLeavesADeletionEntry() async throws {
        let harness = try await ExternalTaskHarness.make()
        let instance = try await harness.start()
        try await harness.engine.cancelInstance(instance)
        var query = HistoricExternalTaskLogQuery()
        query.deletionLog = true
        let log = try await harness.engine.history.externalTaskLogs(query)
        #expect(log.count == 1)
        #expect(log.first?.activityID == "task" && log.first?.externalTaskID != nil)
    }

    @Test func theJobLogShowsTimersCreatedAndFired() async throws {
        let model = Models.definitions(
            """
            <process id="p" isExecutable="true">
              <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="work"/>
              <userTask id="work"/><sequenceFlow id="f1" sourceRef="work" targetRef="end"/><endEvent id="end"/>
              <boundaryEvent id="late" attachedToRef="work">
                <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
              <sequenceFlow id="f2" sourceRef="late" targetRef="remind"/><userTask id="remind"/>
            </process>
            """)
        let run = try await HistoryHarness.make(model)
        let instance = try await run.engine.startInstance(key: "p")
        let jobID = try await run.strings("SELECT id::text AS v FROM jobs").first
        run.clock.advance(minutes: 61)
        #expect(try await JobExecutor(engine: run.engine).runDueJobs() == 1)

        var query = HistoricJobLogQuery()
        query.processInstanceID = instance.id
        query.sorting = [HistorySort(.timestamp)]
        let log = try await run.history.jobLogs(query)
        #expect(log.map(\.creationLog) == [true, false])
        #expect(log.map(\.successLog) == [false, true])
        #expect(log.allSatisfy { $0.jobID == jobID && $0.activityID == "late" })
        #expect(log.allSatisfy { $0.jobDefinitionType == "timer-transition" })
        #expect(
            log.first?.jobDueDate?.epochMilliseconds == log.first.map { $0.timestamp.epochMilliseconds + 3_600_000 })
        #expect(try await run.history.jobLog(log[1].id) == log[1])

        var activities = HistoricActivityInstanceQuery()
        activities.processInstanceID = instance.id
        activities.activityType = "boundaryTimer"
        #expect(try await run.history.activityInstances(activities).map(\.activityID) == ["late"])
        activities.activityType = nil
        activities.canceled = true
        #expect(try await run.history.activityInstances(activities).map(\.activityID) == ["work"])
    }

    @Test func asynchronousContinuationsAndFailedJobsAppearInTheJobLog() async throws {
        let model = Models.definitions(
            """
            <process id="a" isExecutable="true">
              <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="later"/>
              <task id="later" camunda:asyncBefore="true"/><sequenceFlow id="f1" sourceRef="later" targetRef="end"/>
              <endEvent id="end"/>
            </process>
            """)
        let run = try await HistoryHarness.make(model)
        let instance = try await run.engine.startInstance(key: "a")
        #expect(try await JobExecutor(engine: run.engine).runDueJobs() == 1)
        var query = HistoricJobLogQuery()
        query.processInstanceID = instance.id
        query.sorting = [HistorySort(.timestamp), HistorySort(.occurrence)]
        let log = try await run.history.jobLogs(query)
        #expect(log.map(\.jobDefinitionType) == ["async-continuation", "async-continuation"])
        #expect(log.map(\.jobDefinitionConfiguration) == ["async-before", "async-before"])
        #expect(log.map(\.successLog) == [false, true])
        #expect(log.map(\.activityID) == ["later", "later"])
        #expect(Set(log.map(\.jobID)).count == 1)
        #expect(try await run.history.processInstance(instance.id).state == "COMPLETED")
    }
}
