import BPMN
import EngineCore
import Expressions
import Testing

/// Start and end events, pass-through tasks, user tasks, sequence flows: exact event sequences.
@Suite struct SequenceBehaviorTests {
    @Test func noneStartTaskEndCompletesTheInstance() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="task"/>
            <task id="task"/><sequenceFlow id="f2" sourceRef="task" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        let lines = try driver.start(["a": .integer(1)])
        #expect(
            lines == [
                "created", "activated p", "variable a = 1", "activated start", "completed start", "flow f1",
                "activated task", "completed task", "flow f2", "activated end", "completed end", "completed p",
            ])
        #expect(driver.state.status == .completed)
        #expect(driver.state.processVariables == ["a": .integer(1)])
        #expect(driver.effects == [.instanceEnded(completed: true, variables: ["a": .integer(1)])])
    }

    @Test func userTaskWaitsAndCompletionVariablesGoToTheProcess() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
            <userTask id="approve" camunda:assignee="demo" camunda:candidateGroups="reviewers, auditors"/>
            <sequenceFlow id="f2" sourceRef="approve" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        let started = try driver.start()
        #expect(started.suffix(3) == ["flow f1", "activated approve", "user task 3 assignee demo groups reviewers,auditors"])
        #expect(driver.state.status == .active)
        guard case .createUserTask(_, let details)? = driver.effects.first else {
            Issue.record("expected a createUserTask effect, got \(driver.effects)")
            return
        }
        #expect(details.priority == 50)
        let completed = try driver.complete("approve", ["approved": .bool(true)])
        #expect(
            completed == [
                "variable approved = true", "completed approve", "flow f2", "activated end", "completed end",
                "completed p",
            ])
        #expect(driver.state.processVariables["approved"] == .bool(true))
    }

    @Test func anElementWithoutOutgoingFlowsEndsItsTokenImplicitly() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="task"/><manualTask id="task"/>
            """)
        var driver = Driver(process)
        let lines = try driver.start()
        #expect(lines.suffix(2) == ["completed task", "completed p"])
    }

    @Test func completingAnElementThatDoesNotWaitIsRejected() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
            <userTask id="wait"/><sequenceFlow id="f2" sourceRef="wait" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        try driver.start()
        let root = try #require(driver.state.rootKey)
        let result = EngineCore.step(process, driver.state, .complete(root, variables: [:], localVariables: [:]),
            StepContext(now: driver.now))
        guard case .failure(let rejection) = result else {
            Issue.record("completing the process itself must be rejected")
            return
        }
        #expect(rejection.reason == .notWaiting)
        let again = EngineCore.step(process, driver.state, .start(variables: [:], businessKey: nil, startEvent: nil),
            StepContext(now: driver.now))
        guard case .failure(let second) = again else {
            Issue.record("starting twice must be rejected")
            return
        }
        #expect(second.reason == .invalidState)
    }

    @Test func cancelTerminatesEverythingAndWithdrawsTheWork() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
            <parallelGateway id="fork"/>
            <sequenceFlow id="f2" sourceRef="fork" targetRef="a"/><sequenceFlow id="f3" sourceRef="fork" targetRef="b"/>
            <userTask id="a"/><serviceTask id="b" camunda:type="external" camunda:topic="charge"/>
            """)
        var driver = Driver(process)
        try driver.start()
        let lines = try driver.run(.cancel)
        #expect(lines == ["terminated b", "terminated a", "terminated p"])
        #expect(driver.state.status == .terminated)
        #expect(driver.effects.contains(.cancelWork(try #require(driver.events.compactMap { event -> ElementInstanceKey? in
            if case .externalTaskCreated(let key, _) = event { return key }
            return nil
        }.first))))
    }
}
