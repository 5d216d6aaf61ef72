extension ReadContext {
    /// Reads a flow node, or returns nil when `element` is not a flow-node element.
    mutating func flowNode(_ element: XMLFragment) -> FlowNode? {
        guard let kind = flowNodeKind(element) else { return nil }
        // Everything read first, then one initialiser call: the node keeps its details in one box, built once.
        let isActivity = kind.isActivity
        return FlowNode(
            id: requiredID(element),
            name: element.nameAttribute,
            kind: kind,
            incoming: element.bpmnChildReferences("incoming"),
            outgoing: element.bpmnChildReferences("outgoing"),
            defaultFlow: element.reference("default"),
            loopCharacteristics: isActivity ? loopCharacteristics(element) : nil,
            isForCompensation: isActivity ? bool(element, "isForCompensation", default: false) : false,
            startQuantity: isActivity ? int(element, "startQuantity") ?? 1 : 1,
            completionQuantity: isActivity ? int(element, "completionQuantity") ?? 1 : 1,
            data: activityData(element),
            resourceRoles: isActivity ? resourceRoles(element) : [],
            documentation: documentation(element),
            extensions: extensions(element),
            location: element.location)
    }

    private mutating func flowNodeKind(_ element: XMLFragment) -> FlowNodeKind? {
        switch element.name.localName {
        case "startEvent":
            return .startEvent(StartEvent(
                eventDefinitions: eventDefinitions(element),
                isInterrupting: bool(element, "isInterrupting", default: true),
                parallelMultiple: bool(element, "parallelMultiple", default: false)))
        case "endEvent":
            return .endEvent(EndEvent(eventDefinitions: eventDefinitions(element)))
        case "intermediateCatchEvent":
            return .intermediateCatchEvent(CatchEvent(
                eventDefinitions: eventDefinitions(element),
                parallelMultiple: bool(element, "parallelMultiple", default: false)))
        case "intermediateThrowEvent":
            return .intermediateThrowEvent(ThrowEvent(eventDefinitions: eventDefinitions(element)))
        case "boundaryEvent":
            return .boundaryEvent(BoundaryEvent(
                attachedTo: element.reference("attachedToRef"),
                cancelActivity: bool(element, "cancelActivity", default: true),
                eventDefinitions: eventDefinitions(element),
                parallelMultiple: bool(element, "parallelMultiple", default: false)))
        case "task":
            return .task
        case "manualTask":
            return .manualTask
        case "userTask":
            return .userTask(UserTask(
                implementation: element.attribute("implementation"),
                renderings: element.bpmnChildren("rendering")))
        case "serviceTask":
            return .serviceTask(ServiceTask(
                implementation: element.attribute("implementation"), operationRef: element.reference("operationRef")))
        case "sendTask":
            return .sendTask(SendTask(
                messageRef: element.reference("messageRef"), operationRef: element.reference("operationRef"),
                implementation: element.attribute("implementation")))
        case "receiveTask":
            return .receiveTask(ReceiveTask(
                messageRef: element.reference("messageRef"), operationRef: element.reference("operationRef"),
                instantiate: bool(element, "instantiate", default: false),
                implementation: element.attribute("implementation")))
        case "scriptTask":
            let script = element.bpmnChild("script")
            return .scriptTask(ScriptTask(
                scriptFormat: element.attribute("scriptFormat"), script: script?.text,
                scriptLocation: script?.location))
        case "businessRuleTask":
            return .businessRuleTask(BusinessRuleTask(implementation: element.attribute("implementation")))
        case "callActivity":
            return .callActivity(CallActivity(calledElement: element.attribute("calledElement")))
        case "subProcess":
            return .subProcess(subProcess(element))
        case "transaction":
            var container = subProcess(element)
            container.transactionMethod = element.attribute("method")
            return .transaction(container)
        case "adHocSubProcess":
            var container = subProcess(element)
            container.completionCondition = expression(child: "completionCondition", of: element)
            container.ordering = element.attribute("ordering")
            container.cancelRemainingInstances = bool(element, "cancelRemainingInstances", default: true)
            return .adHocSubProcess(container)
        case "exclusiveGateway":
            return .exclusiveGateway
        case "inclusiveGateway":
            return .inclusiveGateway
        case "parallelGateway":
            return .parallelGateway
        case "complexGateway":
            return .complexGateway(ComplexGateway(
                activationCondition: expression(child: "activationCondition", of: element)))
        case "eventBasedGateway":
            return .eventBasedGateway(EventBasedGateway(
                instantiate: bool(element, "instantiate", default: false),
                eventGatewayType: element.attribute("eventGatewayType")))
        default:
            return nil
        }
    }

    private mutating func subProcess(_ element: XMLFragment) -> SubProcess {
        SubProcess(
            triggeredByEvent: bool(element, "triggeredByEvent", default: false),
            elements: flowElements(element))
    }

    /// Reads `standardLoopCharacteristics` or `multiInstanceLoopCharacteristics`.
    mutating func loopCharacteristics(_ element: XMLFragment) -> LoopCharacteristics? {
        if let loop = element.bpmnChild("standardLoopCharacteristics") {
            return .standard(StandardLoop(
                testBefore: bool(loop, "testBefore", default: false),
                loopMaximum: int(loop, "loopMaximum"),
                loopCondition: expression(child: "loopCondition", of: loop),
                location: loop.location))
        }
        guard let loop = element.bpmnChild("multiInstanceLoopCharacteristics") else { return nil }
        let dataItemName: (XMLFragment?) -> String? = { item in
            guard let item else { return nil }
            return item.nameAttribute ?? item.attribute("id")
        }
        return .multiInstance(MultiInstanceLoop(
            isSequential: bool(loop, "isSequential", default: false),
            loopCardinality: expression(child: "loopCardinality", of: loop),
            loopDataInputRef: loop.bpmnChild("loopDataInputRef")?.trimmedText,
            loopDataOutputRef: loop.bpmnChild("loopDataOutputRef")?.trimmedText,
            inputDataItem: dataItemName(loop.bpmnChild("inputDataItem")),
            outputDataItem: dataItemName(loop.bpmnChild("outputDataItem")),
            completionCondition: expression(child: "completionCondition", of: loop),
            behavior: loop.attribute("behavior"),
            extensions: extensions(loop),
            location: loop.location))
    }
}
