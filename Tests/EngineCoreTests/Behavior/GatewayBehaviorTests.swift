import BPMN
import EngineCore
import Expressions
import Testing

/// Parallel, inclusive and event-based gateways: exact event sequences.
@Suite struct GatewayBehaviorTests {
    static let forkJoin = """
        <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="fork"/>
        <parallelGateway id="fork"/>
        <sequenceFlow id="fa" sourceRef="fork" targetRef="a"/><sequenceFlow id="fb" sourceRef="fork" targetRef="b"/>
        <userTask id="a"/><userTask id="b"/>
        <sequenceFlow id="ja" sourceRef="a" targetRef="join"/><sequenceFlow id="jb" sourceRef="b" targetRef="join"/>
        <parallelGateway id="join"/><sequenceFlow id="f9" sourceRef="join" targetRef="end"/><endEvent id="end"/>
        """

    @Test func parallelForkActivatesEveryBranchInFlowOrderAndTheJoinWaitsForAll() throws {
        var driver = Driver(try TestProcess.compile(Self.forkJoin))
        let started = try driver.start()
        #expect(
            started.suffix(7) == [
                "completed fork", "flow fa", "activated a", "flow fb", "activated b", "user task 4", "user task 5",
            ])
        #expect(try driver.complete("a") == ["completed a", "flow ja"])
        #expect(driver.state.joinArrivals.count == 1)
        #expect(
            try driver.complete("b") == [
                "completed b", "flow jb", "join join 2", "activated join", "completed join", "flow f9",
                "activated end", "completed end", "completed p",
            ])
        #expect(driver.state.joinArrivals.isEmpty)
    }

    @Test func parallelJoinNeedsOneTokenPerIncomingFlowNotJustTwoTokens() throws {
        // Two tokens arrive on the same flow (a loop back around a); the join must not fire until b arrives.
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="fork"/>
            <parallelGateway id="fork"/>
            <sequenceFlow id="fa" sourceRef="fork" targetRef="a"/><sequenceFlow id="fa2" sourceRef="fork" targetRef="a2"/>
            <sequenceFlow id="fb" sourceRef="fork" targetRef="b"/>
            <userTask id="a"/><userTask id="a2"/><userTask id="b"/>
            <sequenceFlow id="ma" sourceRef="a" targetRef="merge"/><sequenceFlow id="ma2" sourceRef="a2" targetRef="merge"/>
            <exclusiveGateway id="merge"/><sequenceFlow id="ja" sourceRef="merge" targetRef="join"/>
            <sequenceFlow id="jb" sourceRef="b" targetRef="join"/>
            <parallelGateway id="join"/><sequenceFlow id="f9" sourceRef="join" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        try driver.start()
        try driver.complete("a")
        let second = try driver.complete("a2")
        #expect(!second.contains("activated join"))
        let last = try driver.complete("b")
        #expect(last.contains("join join 2"))
        // One token on ja is left over: it waits at the join for a second token from b, so the instance cannot end.
        #expect(driver.state.status == .active)
        #expect(driver.state.joinArrivals.values.first?.values.reduce(0, +) == 1)
    }

    @Test func inclusiveJoinWaitsOnlyForTokensThatCanStillArrive() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="fork"/>
            <parallelGateway id="fork"/>
            <sequenceFlow id="fa" sourceRef="fork" targetRef="a"/><sequenceFlow id="fb" sourceRef="fork" targetRef="b"/>
            <sequenceFlow id="fc" sourceRef="fork" targetRef="c"/>
            <userTask id="a"/><userTask id="b"/><userTask id="c"/>
            <sequenceFlow id="ja" sourceRef="a" targetRef="join"/><sequenceFlow id="jb" sourceRef="b" targetRef="join"/>
            <sequenceFlow id="ce" sourceRef="c" targetRef="elsewhere"/><endEvent id="elsewhere"/>
            <inclusiveGateway id="join"/><sequenceFlow id="f9" sourceRef="join" targetRef="after"/><userTask id="after"/>
            """)
        var driver = Driver(process)
        try driver.start()
        #expect(try driver.complete("a") == ["completed a", "flow ja"])  // b can still arrive
        // c cannot reach the join; completing it changes nothing at the join…
        let c = try driver.complete("c")
        #expect(!c.contains("activated join"))
        // …but once b arrives, nothing else can, and the join fires consuming both.
        let b = try driver.complete("b")
        #expect(b.contains("join join 2"))
        #expect(driver.live == ["after"])
    }

    @Test func inclusiveJoinFiresWhenTheLastOtherTokenEndsElsewhere() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="fork"/>
            <parallelGateway id="fork"/>
            <sequenceFlow id="fa" sourceRef="fork" targetRef="a"/><sequenceFlow id="fb" sourceRef="fork" targetRef="b"/>
            <userTask id="a"/><userTask id="b"/>
            <sequenceFlow id="ja" sourceRef="a" targetRef="join"/>
            <sequenceFlow id="bx" sourceRef="b" targetRef="choice"/>
            <exclusiveGateway id="choice" default="bEnd"/>
            <sequenceFlow id="bEnd" sourceRef="choice" targetRef="elsewhere"/>
            <sequenceFlow id="jb" sourceRef="choice" targetRef="join"><conditionExpression>${false}</conditionExpression></sequenceFlow>
            <endEvent id="elsewhere"/>
            <inclusiveGateway id="join"/><sequenceFlow id="f9" sourceRef="join" targetRef="after"/><userTask id="after"/>
            """)
        var driver = Driver(process)
        try driver.start()
        #expect(try driver.complete("a") == ["completed a", "flow ja"])
        let b = try driver.complete("b")
        #expect(b.contains("completed elsewhere"))
        #expect(b.contains("join join 1"))
        #expect(driver.live == ["after"])
    }

    @Test func eventBasedGatewayTakesTheFirstEventAndClosesTheOthers() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="gw"/>
            <eventBasedGateway id="gw"/>
            <sequenceFlow id="fm" sourceRef="gw" targetRef="paid"/><sequenceFlow id="ft" sourceRef="gw" targetRef="late"/>
            <intermediateCatchEvent id="paid"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
            <intermediateCatchEvent id="late"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f1" sourceRef="paid" targetRef="ok"/><endEvent id="ok"/>
            <sequenceFlow id="f2" sourceRef="late" targetRef="reminder"/><endEvent id="reminder"/>
            """, roots: "<message id=\"m\" name=\"Payment\"/>")
        var driver = Driver(process)
        let started = try driver.start()
        #expect(started.suffix(2) == ["subscribe message Payment at paid", "timer 1767229200000 #0 at late"])
        let timer = try #require(driver.timers.first)
        let fired = try driver.run(.fireTimer(timer))
        #expect(
            fired == [
                "timer fired", "unsubscribe", "unsubscribe", "completed gw", "flow ft", "activated late",
                "completed late", "flow f2", "activated reminder", "completed reminder", "completed p",
            ])
        #expect(driver.state.subscriptions.isEmpty)
    }

    @Test func exclusiveGatewayWithoutAMatchRaisesAnIncidentAndResolvingRetries() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="gw"/>
            <exclusiveGateway id="gw"/>
            <sequenceFlow id="yes" sourceRef="gw" targetRef="end"><conditionExpression>${false}</conditionExpression></sequenceFlow>
            <sequenceFlow id="no" sourceRef="gw" targetRef="end"><conditionExpression>${false}</conditionExpression></sequenceFlow>
            <endEvent id="end"/>
            """)
        var driver = Driver(process)
        let lines = try driver.start()
        #expect(lines.last == "incident noFlowSelected at gw")
        #expect(driver.state.incidents.count == 1)
        let incident = try #require(driver.state.incidents.keys.first)
        let retried = try driver.run(.resolveIncident(incident))
        #expect(retried == ["incident resolved", "incident noFlowSelected at gw"])
    }
}
