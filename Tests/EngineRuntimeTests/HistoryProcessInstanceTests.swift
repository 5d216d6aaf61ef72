import BatonTestSupport
import EngineRuntime
import Expressions
import Testing

/// Historic process instances, activity instances and tasks, derived from the history of real runs.
@Suite(.serialized) struct HistoryProcessInstanceTests {
    @Test func instancesShowStateStartUserDurationAndFilters() async throws {
        let run = try await HistoryHarness.make(Models.approval)
        let done = try await run.engine.startInstance(
            key: "approval", businessKey: "order-7", origin: CommandOrigin(actor: "ann"))
        let cancelled = try await run.engine.startInstance(key: "approval", businessKey: "order-8")
        let waiting = try await run.engine.startInstance(key: "approval", businessKey: "other")
        run.clock.advance(minutes: 5)
        try await run.engine.completeUserTask(try await run.taskID(done.id), origin: CommandOrigin(actor: "bob"))
        try await run.engine.cancelInstance(cancelled.id, origin: CommandOrigin(actor: "carl"))
        try await run.engine.setSuspended(waiting.id, true)

        let all = try await run.history.processInstances()
        #expect(all.count == 3)
        let first = try await run.history.processInstance(done.id)
        #expect(first.state == "COMPLETED")
        #expect(first.startUserID == "ann")
        #expect(first.startActivityID == "start")
        #expect(first.businessKey == "order-7")
        #expect(first.processDefinitionKey == "approval")
        #expect(first.processDefinitionName == "Approval")
        #expect(first.processDefinitionVersion == 1)
        #expect(first.durationInMillis == 300_000)
        #expect(first.endTime?.epochMilliseconds == first.startTime.epochMilliseconds + 300_000)
        #expect(first.rootProcessInstanceID == done.id)
        #expect(first.superProcessInstanceID == nil)
        #expect(try await run.history.processInstance(cancelled.id).state == "EXTERNALLY_TERMINATED")
        let suspended = try await run.history.processInstance(waiting.id)
        #expect(suspended.state == "SUSPENDED")
        #expect(suspended.endTime == nil && suspended.durationInMillis == nil)

        var query = HistoricProcessInstanceQuery()
        query.finished = true
        query.sorting = [HistorySort(.businessKey, ascending: false)]
        #expect(try await run.history.processInstances(query).map(\.id) == [cancelled.id, done.id])
        #expect(try await run.history.countProcessInstances(query) == 2)
        query = HistoricProcessInstanceQuery()
        query.processInstanceBusinessKeyLike = "order-%"
        query.sorting = [HistorySort(.businessKey)]
        #expect(try await run.history.processInstances(query).map(\.id) == [done.id, cancelled.id])
        #expect(
            try await run.history.processInstances(query, page: .init(firstResult: 1, maxResults: 5)).map(\.id)
                == [cancelled.id])
        for (flag, expected) in [
            (\HistoricProcessInstanceQuery.completed, done.id), (\.externallyTerminated, cancelled.id),
            (\.suspended, waiting.id), (\.unfinished, waiting.id),
        ] {
            var filtered = HistoricProcessInstanceQuery()
            filtered[keyPath: flag] = true
            #expect(try await run.history.processInstances(filtered).map(\.id) == [expected])
        }
        query = HistoricProcessInstanceQuery()
        query.startedBy = "ann"
        #expect(try await run.history.processInstances(query).map(\.id) == [done.id])
        query = HistoricProcessInstanceQuery()
        query.activeActivityIDIn = ["review"]
        #expect(try await run.history.processInstances(query).map(\.id) == [waiting.id])
        query = HistoricProcessInstanceQuery()
        query.finishedAfter = first.startTime
        #expect(try await run.history.countProcessInstances(query) == 2)
        query.finishedAfter = first.endTime
        #expect(try await run.history.countProcessInstances(query) == 0)
    }

    @Test func unknownIdsAndBadPagesAreClearErrors() async throws {
        let run = try await HistoryHarness.make(Models.approval)
        await #expect(throws: HistoryError.self) {
            _ = try await run.history.processInstance("1b4e28ba-2fa1-11d2-883f-0016d3cca427")
        }
        await #expect(throws: HistoryError.self) { _ = try await run.history.processInstance("not-a-uuid") }
        await #expect(throws: HistoryError.self) {
            _ = try await run.history.processInstances(page: .init(firstResult: -1))
        }
        await #expect(throws: HistoryError.self) { _ = try await run.history.activityInstance("start:x:1") }
    }

    @Test func deletingHistoryRemovesOnlyFinishedInstancesBehindATombstone() async throws {
        let run = try await HistoryHarness.make(Models.approval)
        let running = try await run.engine.startInstance(key: "approval")
        let ended = try await run.engine.startInstance(key: "approval")
        try await run.engine.cancelInstance(ended.id)
        let rows = try await run.historyRows()
        do {
            try await run.history.deleteProcessInstance(running.id)
            Issue.record("a running instance's history must not be deleted")
        } catch let error as HistoryError {
            guard case .rejected(let message) = error else { throw error }
            #expect(message.contains("still running"))
        }
        #expect(try await run.historyRows() == rows)
        let tombstone = try await run.history.deleteProcessInstance(ended.id, by: "ops")
        #expect(tombstone.reason == .deleted && tombstone.removedBy == "ops")
        #expect(try await run.historyRows() == rows - tombstone.eventCount)
        await #expect(throws: HistoryError.self) {
            try await run.history.deleteProcessInstance("1b4e28ba-2fa1-11d2-883f-0016d3cca427")
        }
        await #expect(throws: HistoryError.self) { try await run.history.deleteProcessInstance(ended.id) }
        #expect(try await run.history.countProcessInstances() == 1)
    }

    @Test func activityInstancesCarryCamundaTypesTimesAndParents() async throws {
        let run = try await HistoryHarness.make(Models.approval)
        let done = try await run.engine.startInstance(key: "approval")
        let cancelled = try await run.engine.startInstance(key: "approval")
        let taskID = try await run.taskID(done.id)
        run.clock.advance(minutes: 2)
        try await run.engine.completeUserTask(taskID)
        try await run.engine.cancelInstance(cancelled.id)

        var query = HistoricActivityInstanceQuery()
        query.processInstanceID = done.id
        query.sorting = [HistorySort(.startTime), HistorySort(.activityId)]
        let activities = try await run.history.activityInstances(query)
        // The start event and the task start together; the end event two minutes later.
        #expect(activities.map(\.activityID) == ["review", "start", "end"])
        #expect(activities.map(\.activityType) == ["userTask", "startEvent", "noneEndEvent"])
        #expect(activities.allSatisfy { $0.parentActivityInstanceID == done.id && !$0.canceled })
        let review = activities[0]
        #expect(review.activityName == "Review")
        #expect(review.taskID == taskID)
        #expect(review.durationInMillis == 120_000)
        #expect(
            review.id == HistoryIDs.activityInstance(activityID: "review", processInstanceID: done.id, key: 2)
                || review.id.hasPrefix("review:\(done.id):"))
        #expect(activities.map(\.completeScope) == [false, false, true])
        #expect(try await run.history.activityInstance(review.id) == review)

        query = HistoricActivityInstanceQuery()
        query.canceled = true
        let canceled = try await run.history.activityInstances(query)
        #expect(canceled.map(\.activityID) == ["review"])
        #expect(canceled.first?.processInstanceID == cancelled.id)
        #expect(canceled.first?.endTime != nil)
        query = HistoricActivityInstanceQuery()
        query.activityType = "userTask"
        #expect(try await run.history.countActivityInstances(query) == 2)
        query.unfinished = true
        #expect(try await run.history.countActivityInstances(query) == 0)
        query = HistoricActivityInstanceQuery()
        query.sorting = [HistorySort(.duration, ascending: false)]
        query.finished = true
        #expect(try await run.history.activityInstances(query).first?.activityID == "review")
    }

    @Test func tasksHaveDeleteReasonsCandidatesAndTheRuntimeId() async throws {
        let run = try await HistoryHarness.make(Models.approval, HistoryModels.route)
        let done = try await run.engine.startInstance(key: "approval")
        let cancelled = try await run.engine.startInstance(key: "approval")
        let open = try await run.engine.startInstance(key: "route", variables: ["amount": .integer(50)])
        let doneTask = try await run.taskID(done.id)
        let openTask = try await run.taskID(open.id)
        run.clock.advance(minutes: 1)
        try await run.engine.completeUserTask(doneTask)
        try await run.engine.cancelInstance(cancelled.id)

        var query = HistoricTaskQuery()
        query.processInstanceID = done.id
        let completed = try await run.history.tasks(query)
        #expect(completed.count == 1)
        #expect(completed.first?.id == doneTask)
        #expect(completed.first?.deleteReason == "completed")
        #expect(completed.first?.taskState == "Completed")
        #expect(completed.first?.duration == 60_000)
        #expect(completed.first?.name == "Review")
        #expect(completed.first?.taskDefinitionKey == "review")
        #expect(completed.first?.priority == 50)
        #expect(completed.first?.activityInstanceID.hasPrefix("review:\(done.id):") == true)

        query = HistoricTaskQuery()
        query.processInstanceID = cancelled.id
        #expect(try await run.history.tasks(query).map(\.deleteReason) == ["deleted"])
        query = HistoricTaskQuery()
        query.unfinished = true
        let openOnes = try await run.history.tasks(query)
        #expect(openOnes.map(\.id) == [openTask])
        #expect(openOnes.first?.assignee == "boss")
        #expect(openOnes.first?.taskState == "Created")
        query = HistoricTaskQuery()
        query.taskHadCandidateGroup = "reviewers"
        #expect(try await run.history.countTasks(query) == 2)
        query = HistoricTaskQuery()
        query.taskInvolvedUser = "boss"
        #expect(try await run.history.tasks(query).map(\.id) == [openTask])
        query = HistoricTaskQuery()
        query.taskAssignee = "boss"
        #expect(try await run.history.countTasks(query) == 1)
        query = HistoricTaskQuery()
        query.processFinished = true
        #expect(Set(try await run.history.tasks(query).map(\.processInstanceID)) == [done.id, cancelled.id])
        query = HistoricTaskQuery()
        query.taskDefinitionKey = "approve"
        #expect(try await run.history.countTasks(query) == 1)
    }

    @Test func calledInstancesKnowTheirCallerAndRoot() async throws {
        let run = try await HistoryHarness.make(Models.calls)
        let parent = try await run.engine.startInstance(key: "parent", variables: ["amount": .integer(3)])
        let child = try await run.history.processInstances().first { $0.id != parent.id }
        #expect(child?.superProcessInstanceID == parent.id)
        #expect(child?.rootProcessInstanceID == parent.id)
        var query = HistoricActivityInstanceQuery()
        query.activityType = "callActivity"
        let call = try await run.history.activityInstances(query).first
        #expect(call?.calledProcessInstanceID == child?.id)
        #expect(call?.processInstanceID == parent.id)
        query = HistoricActivityInstanceQuery()
        query.processInstanceID = child?.id
        query.activityID = "work"
        #expect(try await run.history.activityInstances(query).first?.rootProcessInstanceID == parent.id)

        try await run.engine.cancelInstance(parent.id, origin: CommandOrigin(actor: "op"))
        #expect(try await run.history.processInstance(child?.id ?? "").state == "EXTERNALLY_TERMINATED")
        // One operation: the caller's cancellation (the called instance's end is its consequence).
        let operations = try await run.history.userOperations()
        #expect(operations.map(\.processInstanceID) == [parent.id])
        #expect(operations.map(\.operationType) == ["Delete"])
    }

    @Test func instancesFilterByTheirVariables() async throws {
        let run = try await HistoryHarness.make(Models.approval)
        let small = try await run.engine.startInstance(
            key: "approval", variables: ["amount": .integer(5), "customer": .string("Anna"), "rate": .decimal(0.5)])
        let large = try await run.engine.startInstance(
            key: "approval", variables: ["amount": .integer(500), "customer": .string("Bert")])
        try await run.engine.cancelInstance(large.id)
        func ids(_ conditions: [HistoryVariableCondition], names: Bool = false, values: Bool = false) async throws
            -> [String]
        {
            var query = HistoricProcessInstanceQuery()
            query.variables = conditions
            query.variableNamesIgnoreCase = names
            query.variableValuesIgnoreCase = values
            query.sorting = [HistorySort(.instanceId)]
            return try await run.history.processInstances(query).map(\.id)
        }
        let both = [small.id, large.id].sorted()
        #expect(try await ids([.init(name: "amount", op: .eq, value: .integer(5))]) == [small.id])
        #expect(try await ids([.init(name: "amount", op: .neq, value: .integer(5))]) == [large.id])
        #expect(try await ids([.init(name: "amount", op: .gt, value: .integer(5))]) == [large.id])
        #expect(try await ids([.init(name: "amount", op: .gteq, value: .integer(5))]) == both)
        #expect(try await ids([.init(name: "rate", op: .lt, value: .decimal(0.75))]) == [small.id])
        #expect(try await ids([.init(name: "customer", op: .like, value: .string("B%"))]) == [large.id])
        #expect(try await ids([.init(name: "customer", op: .notLike, value: .string("B%"))]) == [small.id])
        #expect(try await ids([.init(name: "customer", op: .eq, value: .string("anna"))]).isEmpty)
        #expect(try await ids([.init(name: "customer", op: .eq, value: .string("anna"))], values: true) == [small.id])
        #expect(try await ids([.init(name: "CUSTOMER", op: .eq, value: .string("Anna"))], names: true) == [small.id])
        #expect(
            try await ids([
                .init(name: "amount", op: .lt, value: .integer(1000)), .init(name: "customer", op: .gt, value: .string("B")),
            ]) == [large.id])
        await #expect(throws: HistoryError.self) {
            _ = try await ids([.init(name: "amount", op: .like, value: .integer(5))])
        }
    }

    @Test func aCalledInstanceCutOffByABoundaryEventIsInternallyTerminated() async throws {
        let model = Models.definitions(
            """
            <process id="parent" isExecutable="true">
              <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="call"/>
              <callActivity id="call" calledElement="child"/>
              <sequenceFlow id="f1" sourceRef="call" targetRef="end"/><endEvent id="end"/>
              <boundaryEvent id="late" attachedToRef="call">
                <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
              <sequenceFlow id="f2" sourceRef="late" targetRef="escalate"/><userTask id="escalate"/>
            </process>
            <process id="child" isExecutable="true">
              <startEvent id="cs"/><sequenceFlow id="c0" sourceRef="cs" targetRef="work"/><userTask id="work"/>
              <sequenceFlow id="c1" sourceRef="work" targetRef="ce"/><endEvent id="ce"/>
            </process>
            """)
        let run = try await HistoryHarness.make(model)
        let parent = try await run.engine.startInstance(key: "parent")
        run.clock.advance(minutes: 61)
        #expect(try await JobExecutor(engine: run.engine).runDueJobs() == 1)
        var query = HistoricProcessInstanceQuery()
        query.superProcessInstanceID = parent.id
        let child = try await run.history.processInstances(query)
        #expect(child.map(\.state) == ["INTERNALLY_TERMINATED"])
        #expect(try await run.history.processInstance(parent.id).state == "ACTIVE")
        var activities = HistoricActivityInstanceQuery()
        activities.processInstanceID = parent.id
        activities.canceled = true
        #expect(try await run.history.activityInstances(activities).map(\.activityType) == ["callActivity"])
    }

    @Test func multiInstanceBodiesAndTheirInstancesAreListed() async throws {
        let model = Models.definitions(
            """
            <process id="multi" isExecutable="true">
              <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="each"/>
              <userTask id="each" name="Each">
                <multiInstanceLoopCharacteristics isSequential="false">
                  <loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>
              </userTask>
              <sequenceFlow id="f1" sourceRef="each" targetRef="end"/><endEvent id="end"/>
            </process>
            """)
        let run = try await HistoryHarness.make(model)
        let instance = try await run.engine.startInstance(key: "multi")
        var query = HistoricActivityInstanceQuery()
        query.processInstanceID = instance.id
        query.sorting = [HistorySort(.activityId)]
        let activities = try await run.history.activityInstances(query)
        #expect(activities.map(\.activityID) == ["each", "each", "each#multiInstanceBody", "start"])
        let body = activities.first { $0.activityType == "multiInstanceBody" }
        #expect(body?.parentActivityInstanceID == instance.id)
        #expect(activities.filter { $0.activityType == "userTask" }.allSatisfy { $0.parentActivityInstanceID == body?.id })
        #expect(try await run.history.countTasks() == 2)
    }
}
