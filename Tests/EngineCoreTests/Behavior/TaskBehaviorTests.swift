import BPMN
import EngineCore
import Expressions
import Testing

/// Task kinds, expressions on tasks, incidents from failing expressions, Zeebe models, the step limit.
@Suite struct TaskBehaviorTests {
    @Test func scriptTaskEvaluatesJUELIntoItsResultVariable() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="calc"/>
            <scriptTask id="calc" scriptFormat="juel" camunda:resultVariable="total"><script>${price * quantity}</script></scriptTask>
            <sequenceFlow id="f1" sourceRef="calc" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        let lines = try driver.start(["price": .integer(3), "quantity": .integer(4)])
        #expect(
            Array(lines.suffix(8)) == [
                "flow f0", "activated calc", "variable total = 12", "completed calc", "flow f1", "activated end",
                "completed end", "completed p",
            ])
    }

    @Test func aFailingExpressionIsAnIncidentAndResolvingRetriesIt() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="calc"/>
            <scriptTask id="calc" scriptFormat="juel" camunda:resultVariable="total"><script>${price * 2}</script></scriptTask>
            <sequenceFlow id="f1" sourceRef="calc" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        let lines = try driver.start()
        #expect(lines.suffix(2) == ["activated calc", "incident expressionFailed at calc"])
        let incident = try #require(driver.state.incidents.first)
        #expect(incident.value.message.contains("Cannot resolve identifier 'price'"))
        try driver.run(.setVariables(scope: nil, variables: ["price": .integer(5)], local: false))
        let retried = try driver.run(.resolveIncident(incident.key))
        #expect(retried.prefix(2) == ["incident resolved", "variable total = 10"])
        #expect(driver.state.status == .completed)
    }

    @Test func userTaskAssignmentAndDatesComeFromExpressions() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="approve"/>
            <userTask id="approve" camunda:assignee="${initiator}" camunda:candidateUsers="ann, ${backup}"
              camunda:candidateGroups="${groups}" camunda:dueDate="PT4H" camunda:followUpDate="${followUp}"
              camunda:priority="${urgent ? 80 : 20}" camunda:formKey="embedded:app:forms/approve.html"/>
            """)
        var driver = Driver(process)
        try driver.start([
            "initiator": .string("kim"), "backup": .string("lee"), "groups": .list([.string("reviewers")]),
            "followUp": .string("2026-01-02T09:00:00Z"), "urgent": .bool(true),
        ])
        let details = try #require(driver.state.userTasks.values.first)
        #expect(details.assignee == "kim")
        #expect(details.candidateUsers == ["ann", "lee"])
        #expect(details.candidateGroups == ["reviewers"])
        #expect(details.dueDate?.epochMilliseconds == TestProcess.clock.epochMilliseconds + 4 * 3_600_000)
        #expect(details.followUpDate == DateTime.parse("2026-01-02T09:00:00Z"))
        #expect(details.priority == 80)
        #expect(details.formKey == "embedded:app:forms/approve.html")
    }

    @Test func externalTaskTopicAndPriorityAndCompletionWithLocalVariables() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="triage"/>
            <serviceTask id="triage" camunda:type="external" camunda:topic="ai-${kind}" camunda:taskPriority="7"/>
            <sequenceFlow id="f1" sourceRef="triage" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        let lines = try driver.start(["kind": .string("triage")])
        #expect(lines.last == "external task ai-triage")
        #expect(driver.state.externalTasks.values.first?.priority == 7)
        let key = try driver.key("triage")
        let done = try driver.run(
            .complete(key, variables: ["intent": .string("refund")], localVariables: ["raw": .string("…")]))
        #expect(done.prefix(3) == ["variable raw = '…'", "variable intent = 'refund'", "completed triage"])
        #expect(driver.state.processVariables["raw"] == nil)
    }

    @Test func receiveTaskWaitsForItsMessageAndTakesItsVariables() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="wait"/>
            <receiveTask id="wait" messageRef="m"/>
            <sequenceFlow id="f1" sourceRef="wait" targetRef="end"/><endEvent id="end"/>
            """, roots: "<message id=\"m\" name=\"Reply-${ticket}\"/>")
        var driver = Driver(process)
        let lines = try driver.start(["ticket": .integer(42)])
        #expect(lines.last == "subscribe message Reply-42 at wait")
        let done = try driver.run(
            .correlateMessage(name: "Reply-42", correlationKey: nil, variables: ["answer": .string("yes")]))
        #expect(
            done == [
                "message Reply-42", "unsubscribe", "variable answer = 'yes'", "completed wait", "flow f1",
                "activated end", "completed end", "completed p",
            ])
    }

    @Test func zeebeModelWithFEELConditionsJobWorkersAndIOMapping() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="check"/>
                <bpmn:serviceTask id="check">
                  <bpmn:extensionElements>
                    <zeebe:taskDefinition type="fraud-check" retries="5"/>
                    <zeebe:ioMapping><zeebe:input source="=order.total" target="amount"/>
                      <zeebe:output source="=score &lt; 50" target="safe"/></zeebe:ioMapping>
                  </bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="f1" sourceRef="check" targetRef="gw"/>
                <bpmn:exclusiveGateway id="gw" default="no"/>
                <bpmn:sequenceFlow id="yes" sourceRef="gw" targetRef="ok"><bpmn:conditionExpression>=safe</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="no" sourceRef="gw" targetRef="review"/>
                <bpmn:endEvent id="ok"/><bpmn:userTask id="review"/>
              </bpmn:process>
            </bpmn:definitions>
            """
        let definitions = try BPMNParser().parse(xml).definitions
        let process = try ProcessCompiler().compile(definitions, processID: "p").get()
        var driver = Driver(process)
        try driver.start(["order": .map(["total": .integer(250)])])
        let check = try driver.key("check")
        #expect(driver.state.variables[check]?["amount"] == .integer(250))
        #expect(driver.state.externalTasks[check] == ExternalTaskDetails(topic: "fraud-check", priority: 0, retries: 5))
        try driver.complete("check", ["score": .integer(20)])
        #expect(driver.state.processVariables["safe"] == .bool(true))
        #expect(driver.state.status == .completed)
    }

    @Test func multiInstanceOverACollectionWithElementVariableOutputAndCompletionCondition() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="vote"/>
                <bpmn:userTask id="vote">
                  <bpmn:multiInstanceLoopCharacteristics>
                    <bpmn:extensionElements>
                      <zeebe:loopCharacteristics inputCollection="=voters" inputElement="voter"
                        outputCollection="ballots" outputElement="=voter + &quot;:&quot; + string(choice)"/>
                    </bpmn:extensionElements>
                    <bpmn:completionCondition>=nrOfCompletedInstances &gt;= 2</bpmn:completionCondition>
                  </bpmn:multiInstanceLoopCharacteristics>
                </bpmn:userTask>
                <bpmn:sequenceFlow id="f1" sourceRef="vote" targetRef="end"/><bpmn:endEvent id="end"/>
              </bpmn:process>
            </bpmn:definitions>
            """
        let process = try ProcessCompiler().compile(try BPMNParser().parse(xml).definitions, processID: "p").get()
        var driver = Driver(process)
        try driver.start(["voters": .list([.string("ann"), .string("bob"), .string("cy")])])
        #expect(driver.live == ["vote", "vote", "vote"])
        let instances = driver.state.elements.values.filter { $0.role != .multiInstanceBody && $0.node != .process }
            .sorted { $0.key < $1.key }
        #expect(instances.map { driver.state.variables[$0.key]?["voter"] } == [.string("ann"), .string("bob"), .string("cy")])
        try driver.run(.complete(instances[1].key, variables: [:], localVariables: ["choice": .bool(true)]))
        let last = try driver.run(.complete(instances[0].key, variables: [:], localVariables: ["choice": .bool(false)]))
        #expect(last.contains("terminated vote"))  // cy's vote is no longer needed
        #expect(driver.state.status == .completed)
        #expect(driver.state.processVariables["ballots"] == .list([.string("ann:false"), .string("bob:true"), .null]))
    }

    @Test func aLoopWithoutAWaitStateStopsAtTheStepLimitAsIncidents() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="a"/>
            <task id="a"/><sequenceFlow id="f1" sourceRef="a" targetRef="b"/>
            <task id="b"/><sequenceFlow id="f2" sourceRef="b" targetRef="a"/>
            """)
        let result = try EngineCore.step(
            process, InstanceState(), .start(variables: [:], businessKey: nil, startEvent: nil),
            StepContext(now: TestProcess.clock, stepLimit: 500)
        ).get()
        #expect(result.state.incidents.count == 1)
        #expect(result.state.incidents.values.first?.kind == .stepLimitExceeded)
        #expect(result.state.status == .active)
    }

    @Test func unsupportedElementsAndBadExpressionsAreRefusedAtCompileTime() throws {
        let diagnostics = try TestProcess.diagnostics(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="tx"/>
            <transaction id="tx"><startEvent id="ts"/></transaction>
            <sequenceFlow id="f1" sourceRef="tx" targetRef="gw"/><exclusiveGateway id="gw" default="f3"/>
            <sequenceFlow id="f2" sourceRef="gw" targetRef="end"><conditionExpression>${amount &gt;}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f3" sourceRef="gw" targetRef="end"/><endEvent id="end"/>
            <intermediateCatchEvent id="cond"><conditionalEventDefinition><condition>${x}</condition></conditionalEventDefinition></intermediateCatchEvent>
            """)
        let rules = diagnostics.map(\.rule)
        #expect(rules.filter { $0 == .unsupportedElement }.count == 2)
        let expression = try #require(diagnostics.first { $0.rule == .invalidExpression })
        #expect(expression.elementID == "f2")
        #expect(expression.message.contains("column"))
    }
}

/// Commands the runtime uses for work done outside the core.
@Suite struct RuntimeCommandTests {
    @Test func connectorOutputsAreEvaluatedAgainstTheResponse() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="call"/>
            <serviceTask id="call"><extensionElements><camunda:connector>
              <camunda:connectorId>http-connector</camunda:connectorId>
              <camunda:inputOutput>
                <camunda:inputParameter name="url">https://example.org/orders/${order}</camunda:inputParameter>
                <camunda:inputParameter name="method">GET</camunda:inputParameter>
                <camunda:outputParameter name="status">${statusCode}</camunda:outputParameter>
              </camunda:inputOutput>
            </camunda:connector></extensionElements></serviceTask>
            <sequenceFlow id="f1" sourceRef="call" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        let started = try driver.start(["order": .integer(7)])
        #expect(started.last == "connector http-connector")
        guard case .invokeConnector(_, _, let input)? = driver.effects.last else {
            Issue.record("expected an invokeConnector effect")
            return
        }
        #expect(input["url"] == .string("https://example.org/orders/7"))
        let key = try driver.key("call")
        try driver.run(.completeConnector(key, response: ["statusCode": .integer(200), "response": .string("{}")]))
        #expect(driver.state.processVariables["status"] == .integer(200))
        #expect(driver.state.processVariables["statusCode"] == nil)
        #expect(driver.state.status == .completed)
    }

    @Test func aFailureSeenByTheRuntimeBecomesAnIncidentThatOnlyAcknowledges() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="work"/>
            <serviceTask id="work" camunda:type="external" camunda:topic="t"/>
            <sequenceFlow id="f1" sourceRef="work" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        try driver.start()
        let key = try driver.key("work")
        let raised = try driver.run(.raiseIncident(key, kind: .failedExternalTask, message: "worker said: boom"))
        #expect(raised == ["incident failedExternalTask at work"])
        let incident = try #require(driver.state.incidents.keys.first)
        #expect(try driver.run(.resolveIncident(incident)) == ["incident resolved"])
        #expect(driver.live == ["work"])
    }
}

/// `camunda:asyncBefore` / `asyncAfter`: the element waits for a continuation the runtime runs as a job.
@Suite struct AsyncContinuationTests {
    @Test func asyncBeforeAndAfterStopTheStepAndContinueOnCommand() throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="calc"/>
            <scriptTask id="calc" scriptFormat="juel" camunda:resultVariable="x" camunda:asyncBefore="true"
              camunda:asyncAfter="true"><script>${1 + 1}</script></scriptTask>
            <sequenceFlow id="f1" sourceRef="calc" targetRef="end"/><endEvent id="end"/>
            """)
        var driver = Driver(process)
        let started = try driver.start()
        #expect(started.suffix(2) == ["activated calc", "async before scheduled"])
        #expect(driver.effects.last == .scheduleContinuation(try driver.key("calc"), point: .before))
        let key = try driver.key("calc")
        let before = try driver.run(.continueAsync(key))
        #expect(before == ["async before continued", "variable x = 2", "async after scheduled"])
        let after = try driver.run(.continueAsync(key))
        #expect(after.prefix(2) == ["async after continued", "completed calc"])
        #expect(driver.state.status == .completed)
        let again = EngineCore.step(process, driver.state, .continueAsync(key), StepContext(now: driver.now))
        guard case .failure(let rejection) = again else {
            Issue.record("a continuation runs once")
            return
        }
        #expect(rejection.reason == .invalidState || rejection.reason == .notWaiting)
    }
}
