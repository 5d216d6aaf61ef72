import BPMN
import EngineCore
import Expressions
import Testing

/// Boundary events (timer, message, signal, error, escalation), interrupting and not.
@Suite struct BoundaryBehaviorTests {
    static func task(boundary: String, cancel: Bool = true) -> String {
        """
        <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="work"/>
        <userTask id="work"/><sequenceFlow id="f1" sourceRef="work" targetRef="done"/><endEvent id="done"/>
        <boundaryEvent id="b" attachedToRef="work" cancelActivity="\(cancel)">\(boundary)</boundaryEvent>
        <sequenceFlow id="f2" sourceRef="b" targetRef="escalated"/><userTask id="escalated"/>
        """
    }

    @Test func interruptingTimerEndsTheTaskAndWithdrawsIt() throws {
        var driver = Driver(
            try TestProcess.compile(
                Self.task(boundary: "<timerEventDefinition><timeDuration>PT4H</timeDuration></timerEventDefinition>")))
        let started = try driver.start()
        #expect(started.suffix(2) == ["timer 1767240000000 #0 at b", "user task 3"])
        let fired = try driver.run(.fireTimer(try #require(driver.timers.first)))
        #expect(
            fired == [
                "timer fired", "unsubscribe", "terminated work", "activated b", "completed b", "flow f2",
                "activated escalated", "user task 6",
            ])
        #expect(driver.effects.contains(.cancelWork(try driver.key("escalated").advanced(-3))))
    }

    @Test func nonInterruptingCycleFiresUntilTheRepetitionsRunOut() throws {
        var driver = Driver(
            try TestProcess.compile(
                Self.task(
                    boundary: "<timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition>",
                    cancel: false)))
        try driver.start()
        let first = try driver.run(.fireTimer(try #require(driver.timers.first)))
        #expect(first.prefix(3) == ["timer fired", "unsubscribe", "timer 1767232800000 #1 at b"])
        #expect(first.contains("activated escalated"))
        let second = try driver.run(.fireTimer(try #require(driver.timers.first)))
        #expect(!second.contains { $0.hasPrefix("timer 1") })  // R2: no third firing
        #expect(driver.live == ["escalated", "escalated", "work"])
        let done = try driver.complete("work")
        #expect(done.contains("completed done"))
        #expect(driver.state.status == .active)  // the two escalations still wait
    }

    @Test func messageBoundaryInterrupts() throws {
        var driver = Driver(
            try TestProcess.compile(
                Self.task(boundary: "<messageEventDefinition messageRef=\"m\"/>"),
                roots: "<message id=\"m\" name=\"Cancel\"/>"))
        try driver.start()
        let lines = try driver.run(
            .correlateMessage(name: "Cancel", correlationKey: nil, variables: ["reason": .string("customer")]))
        #expect(
            lines == [
                "message Cancel", "unsubscribe", "terminated work", "activated b", "variable reason = 'customer'",
                "completed b", "flow f2", "activated escalated", "user task 6",
            ])
        let again = EngineCore.step(
            driver.process, driver.state, .correlateMessage(name: "Cancel", correlationKey: nil, variables: [:]),
            StepContext(now: driver.now))
        guard case .failure(let rejection) = again else {
            Issue.record("a second message has nothing to reach")
            return
        }
        #expect(rejection.reason == .noSubscription)
    }

    @Test func signalBoundaryWithoutInterruptingKeepsListening() throws {
        var driver = Driver(
            try TestProcess.compile(
                Self.task(boundary: "<signalEventDefinition signalRef=\"s\"/>", cancel: false),
                roots: "<signal id=\"s\" name=\"Alert\"/>"))
        try driver.start()
        try driver.run(.broadcastSignal(name: "Alert", variables: [:]))
        try driver.run(.broadcastSignal(name: "Alert", variables: [:]))
        #expect(driver.live == ["escalated", "escalated", "work"])
        try driver.complete("work")
        #expect(driver.state.subscriptions.isEmpty)
    }

    @Test func bpmnErrorFromAWaitingTaskIsCaughtBySpecificCodeBeforeCatchAll() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="charge"/>
            <serviceTask id="charge" camunda:type="external" camunda:topic="payments"/>
            <sequenceFlow id="f1" sourceRef="charge" targetRef="done"/><endEvent id="done"/>
            <boundaryEvent id="any" attachedToRef="charge"><errorEventDefinition/></boundaryEvent>
            <boundaryEvent id="declined" attachedToRef="charge">
              <errorEventDefinition errorRef="e" camunda:errorCodeVariable="code" camunda:errorMessageVariable="why"/>
            </boundaryEvent>
            <sequenceFlow id="f2" sourceRef="any" targetRef="other"/><endEvent id="other"/>
            <sequenceFlow id="f3" sourceRef="declined" targetRef="notify"/><userTask id="notify"/>
            """, roots: "<error id=\"e\" errorCode=\"PAYMENT_DECLINED\"/>")
        var driver = Driver(process)
        let started = try driver.start()
        #expect(started.last == "external task payments")
        let lines = try driver.run(
            .throwError(try driver.key("charge"), code: "PAYMENT_DECLINED", message: "card expired", variables: [:]))
        #expect(
            lines == [
                "error PAYMENT_DECLINED caught by declined", "terminated charge", "activated declined",
                "variable code = 'PAYMENT_DECLINED'", "variable why = 'card expired'", "completed declined", "flow f3",
                "activated notify", "user task 5",
            ])
    }

    @Test func uncaughtErrorBecomesAnIncidentAndTheTokenStays() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="charge"/>
            <serviceTask id="charge" camunda:type="external" camunda:topic="payments"/>
            <sequenceFlow id="f1" sourceRef="charge" targetRef="done"/><endEvent id="done"/>
            """)
        var driver = Driver(process)
        try driver.start()
        let lines = try driver.run(.throwError(try driver.key("charge"), code: "BOOM", message: nil, variables: [:]))
        #expect(lines == ["error BOOM uncaught", "incident unhandledError at charge"])
        #expect(driver.live == ["charge"])
        #expect(driver.state.incidents.first?.value.message.contains("no boundary event") == true)
    }

    @Test func errorEndEventPropagatesFromANestedSubProcessToTheOuterBoundary() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="outer"/>
            <subProcess id="outer">
              <startEvent id="os"/><sequenceFlow id="o1" sourceRef="os" targetRef="inner"/>
              <subProcess id="inner">
                <startEvent id="is"/><sequenceFlow id="i1" sourceRef="is" targetRef="fail"/>
                <endEvent id="fail"><errorEventDefinition errorRef="e"/></endEvent>
              </subProcess>
              <sequenceFlow id="o2" sourceRef="inner" targetRef="oe"/><endEvent id="oe"/>
            </subProcess>
            <boundaryEvent id="caught" attachedToRef="outer"><errorEventDefinition errorRef="e"/></boundaryEvent>
            <sequenceFlow id="f1" sourceRef="outer" targetRef="ok"/><endEvent id="ok"/>
            <sequenceFlow id="f2" sourceRef="caught" targetRef="handled"/><endEvent id="handled"/>
            """, roots: "<error id=\"e\" errorCode=\"E1\"/>")
        var driver = Driver(process)
        let lines = try driver.start()
        #expect(
            Array(lines.suffix(12)) == [
                "flow i1", "activated fail", "error E1 caught by caught", "completed fail", "terminated inner",
                "terminated outer", "activated caught", "completed caught", "flow f2", "activated handled",
                "completed handled", "completed p",
            ])
        #expect(driver.state.status == .completed)
        #expect(!lines.contains("completed ok"))
        #expect(!lines.contains("completed outer"))
    }

    @Test func escalationCaughtByANonInterruptingBoundaryLetsTheThrowerGoOn() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="sub"/>
            <subProcess id="sub">
              <startEvent id="ss"/><sequenceFlow id="s1" sourceRef="ss" targetRef="raise"/>
              <intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="x"/></intermediateThrowEvent>
              <sequenceFlow id="s2" sourceRef="raise" targetRef="inside"/><userTask id="inside"/>
            </subProcess>
            <boundaryEvent id="heard" attachedToRef="sub" cancelActivity="false">
              <escalationEventDefinition escalationRef="x"/>
            </boundaryEvent>
            <sequenceFlow id="f2" sourceRef="heard" targetRef="notify"/><userTask id="notify"/>
            """, roots: "<escalation id=\"x\" escalationCode=\"LATE\"/>")
        var driver = Driver(process)
        let lines = try driver.start()
        #expect(lines.contains("escalation LATE caught by heard"))
        #expect(driver.live == ["inside", "notify", "sub"])
    }
}

extension ElementInstanceKey {
    func advanced(_ offset: Int) -> ElementInstanceKey { ElementInstanceKey(rawValue + offset) }
}
