import BPMN
import EngineCore
import Expressions
import Testing

/// Task list operations on open user tasks as core commands: each change is an event that replay rebuilds.
@Suite struct UserTaskChangeTests {
    static func approval() throws -> ExecutableProcess {
        try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="review"/>
            <userTask id="review" name="Review" camunda:candidateGroups="reviewers"/>
            <boundaryEvent id="rejected" attachedToRef="review">
              <errorEventDefinition errorRef="reject"/></boundaryEvent>
            <sequenceFlow id="f1" sourceRef="review" targetRef="end"/><endEvent id="end"/>
            <sequenceFlow id="f2" sourceRef="rejected" targetRef="endRejected"/><endEvent id="endRejected"/>
            """, roots: "<error id=\"reject\" errorCode=\"REJECT\"/>")
    }

    @Test func claimIsRefusedForAnotherUserAndANoOpForTheSameUser() throws {
        var driver = Driver(try Self.approval())
        try driver.start()
        let key = try driver.key("review")
        #expect(driver.state.userTasks[key]?.name == "Review")
        #expect(
            try driver.run(.changeUserTask(key, .claim(userID: "ann"), variables: [:])) == [
                "user task \(key) claim assignee ann"
            ])
        #expect(try driver.run(.changeUserTask(key, .claim(userID: "ann"), variables: [:])).isEmpty)
        let refused = EngineCore.step(
            driver.process, driver.state, .changeUserTask(key, .claim(userID: "bob"), variables: [:]),
            StepContext(now: driver.now))
        guard case .failure(let rejection) = refused else {
            Issue.record("a claim by another user must be refused")
            return
        }
        #expect(rejection.reason == .invalidState)
        #expect(rejection.message.contains("'ann'"))
        try driver.run(.changeUserTask(key, .unclaim, variables: [:]))
        #expect(driver.state.userTasks[key]?.assignee == nil)
    }

    @Test func delegateAndResolveMoveTheTaskBetweenOwnerAndAssignee() throws {
        var driver = Driver(try Self.approval())
        try driver.start()
        let key = try driver.key("review")
        try driver.run(.changeUserTask(key, .setAssignee("ann"), variables: [:]))
        try driver.run(.changeUserTask(key, .delegate(userID: "bob"), variables: [:]))
        var details = try #require(driver.state.userTasks[key])
        #expect(details.owner == "ann")
        #expect(details.assignee == "bob")
        #expect(details.delegationState == .pending)
        let complete = EngineCore.step(
            driver.process, driver.state, .complete(key, variables: [:], localVariables: [:]),
            StepContext(now: driver.now))
        guard case .failure(let rejection) = complete else {
            Issue.record("a pending delegated task cannot be completed")
            return
        }
        #expect(rejection.message == "A delegated task cannot be completed, but should be resolved instead.")
        try driver.run(.changeUserTask(key, .resolve, variables: ["checked": .bool(true)]))
        details = try #require(driver.state.userTasks[key])
        #expect(details.assignee == "ann")
        #expect(details.delegationState == .resolved)
        #expect(driver.state.processVariables["checked"] == .bool(true))
        try driver.complete("review")
        #expect(driver.state.status == .completed)
    }

    @Test func candidatesAndFieldUpdatesSurviveTheSnapshot() throws {
        var driver = Driver(try Self.approval())
        try driver.start()
        let key = try driver.key("review")
        try driver.run(.changeUserTask(key, .addCandidateUser("kim"), variables: [:]))
        try driver.run(.changeUserTask(key, .addCandidateGroup("managers"), variables: [:]))
        #expect(try driver.run(.changeUserTask(key, .addCandidateGroup("managers"), variables: [:])).isEmpty)
        try driver.run(.changeUserTask(key, .removeCandidateGroup("reviewers"), variables: [:]))
        let due = try #require(DateTime.parse("2026-02-01T12:00:00Z"))
        try driver.run(
            .changeUserTask(
                key,
                .update(
                    UserTaskFields(
                        name: "Check", description: "Look closely", priority: 80, assignee: "lee", owner: "max",
                        delegationState: .resolved, dueDate: due, followUpDate: nil)), variables: [:]))
        let details = try #require(driver.state.userTasks[key])
        #expect(details.candidateUsers == ["kim"])
        #expect(details.candidateGroups == ["managers"])
        #expect(details.name == "Check")
        #expect(details.description == "Look closely")
        #expect(details.priority == 80)
        #expect(details.owner == "max")
        #expect(details.dueDate == due)
        #expect(try InstanceState(snapshotJSON: driver.state.snapshotJSON) == driver.state)
        let record = try #require(driver.events.last).historyRecord(in: driver.process)
        #expect(record.type == "userTaskChanged")
    }

    @Test func aBPMNErrorFromAUserTaskIsCaughtByItsBoundaryEvent() throws {
        var driver = Driver(try Self.approval())
        try driver.start()
        let lines = try driver.run(
            .throwError(try driver.key("review"), code: "REJECT", message: "no", variables: ["why": .string("x")]))
        #expect(lines.contains("error REJECT caught by rejected"))
        #expect(lines.contains("completed endRejected"))
        #expect(driver.state.status == .completed)
        #expect(driver.state.userTasks.isEmpty)
    }

    @Test func deleteVariablesLocallyOrWhereverTheyAre() throws {
        var driver = Driver(try Self.approval())
        try driver.start(["a": .integer(1), "b": .integer(2)])
        let key = try driver.key("review")
        try driver.run(.setVariables(scope: key, variables: ["a": .integer(10)], local: true))
        #expect(
            try driver.run(.deleteVariables(scope: key, names: ["a", "b", "missing"], local: true)) == [
                "variable a deleted"
            ])
        #expect(driver.state.processVariables == ["a": .integer(1), "b": .integer(2)])
        #expect(try driver.run(.deleteVariables(scope: key, names: ["b"], local: false)) == ["variable b deleted"])
        #expect(driver.state.processVariables == ["a": .integer(1)])
    }

    @Test func theDescriptionIsTheDocumentationAsATemplate() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="a"/>
            <userTask id="a"><documentation>Check order ${order} now</documentation></userTask>
            <sequenceFlow id="f1" sourceRef="a" targetRef="b"/>
            <userTask id="b"><documentation>= not FEEL, ${missing} stays text</documentation></userTask>
            <sequenceFlow id="f2" sourceRef="b" targetRef="c"/>
            <userTask id="c"><documentation>Plain words</documentation></userTask>
            """)
        var driver = Driver(process)
        try driver.start(["order": .integer(7)])
        let first = driver.state.userTasks[try driver.key("a")]
        #expect(first?.description == "Check order 7 now", "\(String(describing: first))")
        try driver.complete("a")
        #expect(driver.state.userTasks[try driver.key("b")]?.description == "= not FEEL, ${missing} stays text")
        #expect(driver.state.incidents.isEmpty)
        try driver.complete("b")
        #expect(driver.state.userTasks[try driver.key("c")]?.description == "Plain words")
    }

    @Test func changingATaskThatIsNotOpenIsRefused() throws {
        var driver = Driver(try Self.approval())
        try driver.start()
        let result = EngineCore.step(
            driver.process, driver.state, .changeUserTask(ElementInstanceKey(99), .unclaim, variables: [:]),
            StepContext(now: driver.now))
        guard case .failure(let rejection) = result else {
            Issue.record("must be refused")
            return
        }
        #expect(rejection.reason == .notFound)
    }
}
