import BPMN
import EngineCore
import Expressions
import Testing

/// Sub-processes, event sub-processes, terminate, link, signals, multi-instance, call activities, mappings.
@Suite struct ContainerBehaviorTests {
    @Test func terminateInsideASubProcessEndsOnlyTheSubProcess() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="sub"/>
            <subProcess id="sub">
              <startEvent id="ss"/><sequenceFlow id="s0" sourceRef="ss" targetRef="fork"/><parallelGateway id="fork"/>
              <sequenceFlow id="s1" sourceRef="fork" targetRef="wait"/><userTask id="wait"/>
              <sequenceFlow id="s2" sourceRef="fork" targetRef="stop"/>
              <endEvent id="stop"><terminateEventDefinition/></endEvent>
            </subProcess>
            <sequenceFlow id="f1" sourceRef="sub" targetRef="after"/><userTask id="after"/>
            """)
        var driver = Driver(process)
        let lines = try driver.start()
        #expect(lines.contains("completed stop"))
        #expect(lines.contains("terminated wait"))
        #expect(lines.contains("completed sub"))
        #expect(driver.live == ["after"])
    }

    @Test func interruptingMessageEventSubProcessReplacesTheScopeContent() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="work"/><userTask id="work"/>
            <sequenceFlow id="f1" sourceRef="work" targetRef="end"/><endEvent id="end"/>
            <subProcess id="onCancel" triggeredByEvent="true">
              <startEvent id="cancelled"><messageEventDefinition messageRef="m"/></startEvent>
              <sequenceFlow id="c1" sourceRef="cancelled" targetRef="cleanup"/><userTask id="cleanup"/>
            </subProcess>
            """, roots: "<message id=\"m\" name=\"CancelOrder\"/>")
        var driver = Driver(process)
        let started = try driver.start()
        #expect(started.contains("subscribe message CancelOrder at cancelled"))
        let lines = try driver.run(.correlateMessage(name: "CancelOrder", correlationKey: nil, variables: [:]))
        #expect(
            lines == [
                "message CancelOrder", "unsubscribe", "terminated work", "activated onCancel", "activated cancelled",
                "completed cancelled", "flow c1", "activated cleanup", "user task 7",
            ])
        let done = try driver.complete("cleanup")
        #expect(done.suffix(2) == ["completed onCancel", "completed p"])
    }

    @Test func nonInterruptingEventSubProcessRunsBesideTheScope() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="work"/><userTask id="work"/>
            <sequenceFlow id="f1" sourceRef="work" targetRef="end"/><endEvent id="end"/>
            <subProcess id="onNote" triggeredByEvent="true">
              <startEvent id="noted" isInterrupting="false"><messageEventDefinition messageRef="m"/></startEvent>
              <sequenceFlow id="c1" sourceRef="noted" targetRef="read"/><userTask id="read"/>
            </subProcess>
            """, roots: "<message id=\"m\" name=\"Note\"/>")
        var driver = Driver(process)
        try driver.start()
        try driver.run(.correlateMessage(name: "Note", correlationKey: nil, variables: [:]))
        try driver.run(.correlateMessage(name: "Note", correlationKey: nil, variables: [:]))
        #expect(driver.live == ["onNote", "onNote", "read", "read", "work"])
        try driver.complete("work")
        #expect(driver.state.status == .active)  // the event sub-processes still run
        try driver.complete("read")
        let last = try driver.complete("read")
        #expect(last.last == "completed p")
    }

    @Test func errorEventSubProcessCatchesAnErrorThrownInItsScope() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="fail"/>
            <endEvent id="fail"><errorEventDefinition errorRef="e"/></endEvent>
            <subProcess id="handler" triggeredByEvent="true">
              <startEvent id="caught"><errorEventDefinition/></startEvent>
              <sequenceFlow id="h1" sourceRef="caught" targetRef="fix"/><userTask id="fix"/>
            </subProcess>
            """, roots: "<error id=\"e\" errorCode=\"E\"/>")
        var driver = Driver(process)
        let lines = try driver.start()
        #expect(
            lines.suffix(8) == [
                "error E caught by caught", "completed fail", "activated handler", "activated caught",
                "completed caught", "flow h1", "activated fix", "user task 6",
            ])
        #expect(driver.live == ["fix", "handler"])
    }

    @Test func linkThrowJumpsToTheCatchWithTheSameName() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="jump"/>
            <intermediateThrowEvent id="jump"><linkEventDefinition name="L"/></intermediateThrowEvent>
            <intermediateCatchEvent id="land"><linkEventDefinition name="L"/></intermediateCatchEvent>
            <sequenceFlow id="f1" sourceRef="land" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        let lines = try driver.start()
        #expect(lines.suffix(7) == ["completed jump", "activated land", "completed land", "flow f1", "activated end", "completed end", "completed p"])
    }

    @Test func signalThrownInsideTheInstanceReachesItsOwnCatchAndIsBroadcast() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="fork"/><parallelGateway id="fork"/>
            <sequenceFlow id="fa" sourceRef="fork" targetRef="wait"/>
            <intermediateCatchEvent id="wait"><signalEventDefinition signalRef="s"/></intermediateCatchEvent>
            <sequenceFlow id="fb" sourceRef="fork" targetRef="shout"/>
            <intermediateThrowEvent id="shout"><signalEventDefinition signalRef="s"/></intermediateThrowEvent>
            """, roots: "<signal id=\"s\" name=\"Go\"/>")
        var driver = Driver(process)
        let lines = try driver.start()
        #expect(lines.contains("signal thrown Go"))
        #expect(lines.contains("completed wait"))
        #expect(driver.state.status == .completed)
        #expect(driver.effects.contains(.broadcastSignal(name: "Go", variables: [:])))
    }

    @Test func parallelMultiInstanceByCardinalityWaitsForEveryInstance() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="review"/>
            <userTask id="review"><multiInstanceLoopCharacteristics><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics></userTask>
            <sequenceFlow id="f1" sourceRef="review" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        let lines = try driver.start()
        #expect(lines.contains("activated review body"))
        #expect(lines.contains("multi-instance 3"))
        #expect(driver.live == ["review", "review", "review"])
        try driver.complete("review")
        try driver.complete("review")
        #expect(driver.state.variable("nrOfCompletedInstances", from: try driver.key("review")) == .integer(2))
        let last = try driver.complete("review")
        #expect(last.suffix(5) == ["completed review", "flow f1", "activated end", "completed end", "completed p"])
    }

    @Test func sequentialMultiInstanceRunsOneAfterAnother() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="review"/>
            <userTask id="review"><multiInstanceLoopCharacteristics isSequential="true"><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics></userTask>
            <sequenceFlow id="f1" sourceRef="review" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        try driver.start()
        #expect(driver.live == ["review"])
        let first = try driver.complete("review")
        #expect(first.contains("activated review #1"))
        let second = try driver.complete("review")
        #expect(second.last == "completed p")
    }

    @Test func callActivityAsksForTheCalledProcessAndMapsVariablesBack() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="call"/>
            <callActivity id="call" calledElement="child">
              <extensionElements><camunda:in source="order" target="input"/><camunda:out source="result" target="outcome"/></extensionElements>
            </callActivity>
            <sequenceFlow id="f1" sourceRef="call" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        let lines = try driver.start(["order": .integer(7), "secret": .string("x")])
        #expect(lines.last == "call child")
        guard case .startCalledProcess(_, let request)? = driver.effects.last else {
            Issue.record("expected a startCalledProcess effect")
            return
        }
        #expect(request.variables == ["input": .integer(7)])
        try driver.complete("call", ["result": .string("ok"), "other": .integer(1)])
        #expect(driver.state.processVariables["outcome"] == .string("ok"))
        #expect(driver.state.processVariables["other"] == nil)
    }

    @Test func inputMappingsAreLocalAndOutputMappingsSetTheProcessVariable() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="task"/>
            <userTask id="task"><extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="greeting">hello</camunda:inputParameter>
              <camunda:outputParameter name="answer">yes</camunda:outputParameter>
            </camunda:inputOutput></extensionElements></userTask>
            <sequenceFlow id="f1" sourceRef="task" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        try driver.start()
        let task = try driver.key("task")
        #expect(driver.state.variables[task]?["greeting"] == .string("hello"))
        #expect(driver.state.processVariables["greeting"] == nil)
        try driver.complete("task")
        #expect(driver.state.processVariables["answer"] == .string("yes"))
        #expect(driver.state.processVariables["greeting"] == nil)
    }
}
