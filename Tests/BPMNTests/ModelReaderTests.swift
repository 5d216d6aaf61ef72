import BPMN
import Testing

/// The reader turns every part of a BPMN document into the model, matching namespaces by URI.
@Suite struct ModelReaderTests {
    let definitions: Definitions
    let diagnostics: [Diagnostic]

    init() throws {
        let parsed = try BPMNParser().parse(contentsOfFile: TestPaths.fixture("model/everything.bpmn"))
        definitions = parsed.definitions
        diagnostics = parsed.diagnostics
    }

    private var process: Process? { definitions.processes.first }

    private func node(_ id: ElementID) -> FlowNode? {
        process?.elements.allFlowNodes.first { $0.id == id }
    }

    @Test func readsWithoutDiagnostics() {
        #expect(diagnostics == [])
    }

    @Test func definitionsAttributes() {
        #expect(definitions.id == "Defs")
        #expect(definitions.name == "Everything")
        #expect(definitions.targetNamespace == "http://example.com/t")
        #expect(definitions.exporter == "Hand")
        #expect(definitions.exporterVersion == "1.0")
        #expect(definitions.expressionLanguage == "http://www.w3.org/1999/XPath")
        #expect(definitions.typeLanguage == "http://www.w3.org/2001/XMLSchema")
        #expect(definitions.location == SourceLocation(line: 2, column: 1))
    }

    @Test func rootElements() {
        #expect(definitions.itemDefinitions.map(\.id) == ["Item_Order"])
        #expect(definitions.itemDefinitions.first?.isCollection == true)
        #expect(definitions.messages.first?.name == "order-received")
        #expect(definitions.messages.first?.itemRef == "Item_Order")
        #expect(definitions.signals.first?.name == "stop")
        #expect(definitions.errors.first?.errorCode == "PAYMENT_DECLINED")
        #expect(definitions.escalations.first?.escalationCode == "LATE")
        #expect(definitions.dataStores.first?.capacity == 10)
        #expect(definitions.dataStores.first?.isUnlimited == false)
        #expect(definitions.categories.first?.values == [
            CategoryValue(id: "CatVal", value: "Billing", location: SourceLocation(line: 14, column: 31))
        ])
        #expect(definitions.eventDefinitions.map(\.id) == ["SharedTimer"])
        #expect(definitions.otherElements.map(\.name.localName) == ["meta"])
        #expect(definitions.otherElements.first?.text == "kept")
    }

    @Test func collaboration() throws {
        let collaboration = try #require(definitions.collaborations.first)
        #expect(collaboration.participants.map(\.id) == ["Pool", "Customer"])
        #expect(collaboration.participants.first?.processRef == "Proc")
        #expect(
            collaboration.participants.first?.multiplicity
                == ParticipantMultiplicity(minimum: 1, maximum: 3, location: SourceLocation(line: 18, column: 7)))
        #expect(collaboration.messageFlows.first?.sourceRef == "Customer")
        #expect(collaboration.messageFlows.first?.targetRef == "Start")
        #expect(collaboration.messageFlows.first?.messageRef == "Msg_Order")
        guard case .textAnnotation(let text, _) = collaboration.artifacts.first?.kind else {
            Issue.record("text annotation missing")
            return
        }
        #expect(text == "Orders arrive by mail")
    }

    @Test func processAttributesLanesDataAndArtifacts() throws {
        let process = try #require(process)
        #expect(process.id == "Proc")
        #expect(process.isExecutable == true)
        #expect(process.processType == "Private")
        #expect(process.documentation.map(\.text) == ["Handles orders."])
        let lane = try #require(process.elements.laneSets.first?.lanes.first)
        #expect(lane.flowNodeRefs == ["Start", "Review"])
        #expect(lane.childLaneSet?.lanes.map(\.id) == ["LaneA1"])
        #expect(process.elements.dataObjects.first?.itemSubjectRef == "Item_Order")
        #expect(process.elements.dataReferences.map(\.reference) == ["DO", "Store_Crm"])
        #expect(process.elements.dataReferences.map(\.kind) == [.dataObject, .dataStore])
        #expect(process.elements.artifacts.map(\.kind) == [
            .association(sourceRef: "Note", targetRef: "Review", direction: "One"),
            .group(categoryValueRef: "CatVal"),
        ])
    }

    @Test func everyFlowNodeKindIsRead() throws {
        let counts = try #require(process?.elements.flowNodeCounts)
        #expect(counts == [
            "startEvent": 4, "exclusiveGateway": 1, "userTask": 1, "boundaryEvent": 2, "serviceTask": 1,
            "sendTask": 1, "receiveTask": 1, "scriptTask": 1, "businessRuleTask": 1, "manualTask": 1, "task": 2,
            "callActivity": 1, "subProcess": 2, "transaction": 1, "adHocSubProcess": 1, "inclusiveGateway": 1,
            "parallelGateway": 1, "complexGateway": 1, "eventBasedGateway": 1, "intermediateCatchEvent": 4,
            "intermediateThrowEvent": 2, "endEvent": 3,
        ])
        #expect(Set(counts.keys) == Set(FlowNodeKind.elementNames))
    }

    @Test func sequenceFlowsConditionsAndDefaults() throws {
        let flows = try #require(process?.elements.sequenceFlows)
        #expect(flows.map(\.id) == ["F1", "F2", "F3"])
        let condition = try #require(flows[1].conditionExpression)
        #expect(condition.body == "${amount > 1000}")
        #expect(condition.isFormal)
        #expect(condition.language == "juel")
        #expect(flows[1].location == SourceLocation(line: 42, column: 5))
        #expect(node("Split")?.defaultFlow == "F3")
        #expect(node("Start")?.outgoing == ["F1"])
    }

    @Test func eventDefinitions() throws {
        #expect(
            node("Start")?.kind.eventDefinitions.first?.kind == .message(messageRef: "Msg_Order", operationRef: nil))
        guard case .boundaryEvent(let boundary) = node("ReviewTimer")?.kind else {
            Issue.record("boundary missing")
            return
        }
        #expect(boundary.attachedTo == "Review")
        #expect(boundary.cancelActivity == false)
        guard case .timer(let shared) = boundary.eventDefinitions.first?.kind else {
            Issue.record("eventDefinitionRef not resolved")
            return
        }
        #expect(shared.timeDuration?.body == "PT1H")
        #expect(node("PayError")?.kind.eventDefinitions.first?.kind == .error(errorRef: "Err_Pay"))
        #expect(node("CatchSignal")?.kind.eventDefinitions.first?.kind == .signal(signalRef: "Sig_Stop"))
        guard case .conditional(let condition, _, _) = node("CatchCond")?.kind.eventDefinitions.first?.kind else {
            Issue.record("conditional missing")
            return
        }
        #expect(condition?.body == "${ready}")
        #expect(
            node("LinkIn")?.kind.eventDefinitions.first?.kind == .link(name: "jump", sources: ["LinkOut"], target: nil))
        #expect(
            node("LinkOut")?.kind.eventDefinitions.first?.kind == .link(name: "jump", sources: [], target: "LinkIn"))
        #expect(node("Compensate")?.kind.eventDefinitions.first?.kind
            == .compensate(activityRef: "Auto", waitForCompletion: false))
        guard case .timer(let cycle) = node("Wait")?.kind.eventDefinitions.first?.kind else {
            Issue.record("timer missing")
            return
        }
        #expect(cycle.timeCycle?.body == "R3/PT10M")
        #expect(node("Kill")?.kind.eventDefinitions.first?.kind == .terminate)
        #expect(node("TxCancel")?.kind.eventDefinitions.first?.kind == .cancel)
        guard case .startEvent(let escalationStart) = node("EscStart")?.kind else {
            Issue.record("event sub-process start missing")
            return
        }
        #expect(escalationStart.isInterrupting == false)
    }

    @Test func tasksAndLoops() throws {
        guard case .multiInstance(let multi) = node("Review")?.loopCharacteristics else {
            Issue.record("multi-instance missing")
            return
        }
        #expect(multi.isSequential)
        #expect(multi.loopCardinality?.body == "3")
        #expect(multi.completionCondition?.body == "${done}")
        #expect(multi.behavior == "All")
        guard case .standard(let loop) = node("Auto")?.loopCharacteristics else {
            Issue.record("standard loop missing")
            return
        }
        #expect(loop.testBefore && loop.loopMaximum == 5 && loop.loopCondition?.body == "${again}")
        let data = try #require(node("Auto")?.data)
        #expect(data.ioSpecification?.dataInputs.map(\.name) == ["order"])
        #expect(data.ioSpecification?.inputSets == [["In1"]])
        #expect(data.ioSpecification?.location == SourceLocation(line: 59, column: 7))
        #expect(data.inputAssociations.first?.sourceRefs == ["DORef"])
        #expect(data.inputAssociations.first?.assignments == [])
        #expect(data.outputAssociations.first?.targetRef == "DSRef")
        #expect(data.outputAssociations.first?.assignments == [
            DataAssignment(
                from: Expression(body: "${out}", location: SourceLocation(line: 66, column: 115)),
                to: Expression(body: "${stored}", location: SourceLocation(line: 66, column: 152)),
                location: SourceLocation(line: 66, column: 94)),
        ])
        #expect(node("Script")?.kind == .scriptTask(ScriptTask(
            scriptFormat: "juel", script: "${1 + 1}", scriptLocation: SourceLocation(line: 71, column: 58))))
        #expect(node("Send")?.kind == .sendTask(SendTask(messageRef: "Msg_Order")))
        #expect(node("Call")?.kind == .callActivity(CallActivity(calledElement: "Billing")))
        #expect(
            node("Evb")?.kind == .eventBasedGateway(EventBasedGateway(instantiate: true, eventGatewayType: "Parallel")))
        guard case .complexGateway(let complex) = node("Cx")?.kind else {
            Issue.record("complex gateway missing")
            return
        }
        #expect(complex.activationCondition?.body == "${n > 1}")
    }

    @Test func containers() throws {
        let sub = try #require(node("Sub")?.kind.subProcess)
        #expect(sub.elements.flowNodes.map(\.id) == ["SubStart", "EventSub"])
        #expect(node("EventSub")?.kind.subProcess?.triggeredByEvent == true)
        #expect(node("Tx")?.kind.subProcess?.transactionMethod == "##Compensate")
        let adHoc = try #require(node("AdHoc")?.kind.subProcess)
        #expect(adHoc.ordering == "Sequential")
        #expect(adHoc.cancelRemainingInstances == false)
        #expect(adHoc.completionCondition?.body == "${finished}")
    }

    @Test func diagram() throws {
        let plane = try #require(definitions.diagrams.first?.plane)
        #expect(definitions.diagrams.first?.name == "Main")
        #expect(plane.bpmnElement == "Collab")
        #expect(plane.shapes.first?.bounds == Bounds(x: 100, y: 80.5, width: 36, height: 36))
        #expect(plane.shapes.first?.labelBounds == Bounds(x: 90, y: 120, width: 56, height: 14))
        #expect(plane.shapes.first?.location == SourceLocation(line: 109, column: 7))
        #expect(plane.shapes[1].isMarkerVisible == true)
        #expect(plane.shapes[2].isHorizontal == true)
        #expect(plane.edges.first?.waypoints == [Point(x: 136, y: 98), Point(x: 200, y: 98)])
    }

    @Test func defaultNamespaceMultiLineTagsAndForeignNamespaces() throws {
        let parsed = try BPMNParser().parse(contentsOfFile: TestPaths.fixture("model/default-namespace.bpmn"))
        let process = try #require(parsed.definitions.processes.first)
        #expect(process.isExecutable == false)
        #expect(process.elements.flowNodes.map(\.id) == ["S", "T", "Prefixed"])
        let task = try #require(process.elements.flowNodes.first { $0.id == "T" })
        #expect(task.name == "Prüfen")
        #expect(task.location == SourceLocation(line: 6, column: 5))
        #expect(process.elements.sequenceFlows.first?.conditionExpression?.isFormal == true)
    }
}
