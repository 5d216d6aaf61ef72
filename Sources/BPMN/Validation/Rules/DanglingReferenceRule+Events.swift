extension DanglingReferenceRule {
    /// The references of a node's event definitions, of send and receive tasks, and of Camunda
    /// `errorEventDefinition`s on external tasks.
    func eventReferences(_ nodeIndex: Int, _ index: ModelIndex) -> [Diagnostic] {
        let node = index.nodes[nodeIndex].node
        var found: [Diagnostic] = []
        for definition in node.kind.eventDefinitions {
            found += eventDefinition(definition, of: nodeIndex, index)
        }
        switch node.kind {
        case .sendTask(let task):
            found += reference(task.messageRef, .message, of: nodeIndex, at: node.location, index)
        case .receiveTask(let task):
            found += reference(task.messageRef, .message, of: nodeIndex, at: node.location, index)
        case .startEvent, .endEvent, .intermediateCatchEvent, .intermediateThrowEvent, .boundaryEvent, .task,
            .userTask, .serviceTask, .scriptTask, .businessRuleTask, .manualTask, .subProcess, .transaction,
            .adHocSubProcess, .callActivity, .exclusiveGateway, .inclusiveGateway, .parallelGateway,
            .complexGateway, .eventBasedGateway:
            break
        }
        for definition in node.extensions.camunda?.errorEventDefinitions ?? [] {
            guard let errorRef = definition.errorRef, !index.errorIDs.contains(errorRef) else { continue }
            found.append(Diagnostic(
                .warning, .danglingReference,
                "camunda:errorEventDefinition of \(index.describe(node: nodeIndex)) has errorRef '\(errorRef)', "
                    + "which " + index.resolution(of: errorRef, expected: "error")
                    + "; the error code '\(errorRef)' is assumed (as Camunda 7 does) — declare "
                    + "<error id=\"\(errorRef)\" errorCode=\"\(errorRef)\"> to make that explicit, or fix errorRef",
                at: definition.location, element: index.elementID(node: nodeIndex)))
        }
        return found
    }

    private func eventDefinition(_ definition: EventDefinition, of nodeIndex: Int, _ index: ModelIndex)
        -> [Diagnostic]
    {
        let location = definition.location
        switch definition.kind {
        case .message(let messageRef, _):
            return reference(messageRef, .message, of: nodeIndex, at: location, index)
        case .error(let errorRef):
            return reference(errorRef, .error, of: nodeIndex, at: location, index)
        case .signal(let signalRef):
            return reference(signalRef, .signal, of: nodeIndex, at: location, index)
        case .escalation(let escalationRef):
            return reference(escalationRef, .escalation, of: nodeIndex, at: location, index)
        case .compensate(let activityRef, _):
            guard let activityRef else { return [] }
            if let target = index.node(activityRef), index.nodes[target].node.kind.isActivity { return [] }
            return [Diagnostic(
                .error, .danglingReference,
                "the compensateEventDefinition of \(index.describe(node: nodeIndex)) has activityRef "
                    + "'\(activityRef)', which " + index.resolution(of: activityRef, expected: "activity")
                    + "; name the activity to compensate, or remove activityRef to compensate every completed "
                    + "activity",
                at: location, element: index.elementID(node: nodeIndex))]
        case .timer, .conditional, .link, .cancel, .terminate:
            return []
        }
    }

    /// A `messageRef`, `errorRef`, `signalRef` or `escalationRef` that must name a root element of that kind.
    ///
    /// Two cases are only warnings, because Camunda 7 deploys and runs them: an `errorRef` naming no error (Camunda
    /// then uses the reference itself as the error code), and the `messageRef` of a throwing element (an
    /// intermediate throw event, end event or send task), which Camunda never looks up.
    private func reference(
        _ id: ElementID?, _ kind: RootReference, of nodeIndex: Int, at location: SourceLocation, _ index: ModelIndex
    ) -> [Diagnostic] {
        guard let id, !kind.known(in: index).contains(id) else { return [] }
        let node = index.nodes[nodeIndex].node
        let owner = node.kind.eventDefinitions.isEmpty
            ? index.describe(node: nodeIndex)
            : "the \(kind.elementName)EventDefinition of \(index.describe(node: nodeIndex))"
        let problem = "\(owner) has \(kind.attribute) '\(id)', which "
            + index.resolution(of: id, expected: kind.elementName)
        let declare = "<\(kind.elementName) id=\"\(id)\" \(kind.declarationHint)>"
        let element = index.elementID(node: nodeIndex)
        switch kind {
        case .error:
            return [Diagnostic(
                .warning, .danglingReference,
                problem + "; the error code '\(id)' is assumed (as Camunda 7 does) — declare "
                    + "<error id=\"\(id)\" errorCode=\"\(id)\"> to make that explicit, or fix errorRef",
                at: location, element: element)]
        case .message where Self.isThrowing(node.kind):
            return [Diagnostic(
                .warning, .danglingReference,
                problem + "; a throwing element runs without it, but its message is then unnamed — declare "
                    + declare + " at the top of the document or fix messageRef",
                at: location, element: element)]
        case .message, .signal, .escalation:
            return [Diagnostic(
                .error, .danglingReference,
                problem + "; declare \(declare) at the top of the document or fix \(kind.attribute)",
                at: location, element: element)]
        }
    }

    /// Whether the node sends rather than waits for what it refers to.
    static func isThrowing(_ kind: FlowNodeKind) -> Bool {
        switch kind {
        case .intermediateThrowEvent, .endEvent, .sendTask:
            true
        case .startEvent, .intermediateCatchEvent, .boundaryEvent, .task, .userTask, .serviceTask, .receiveTask,
            .scriptTask, .businessRuleTask, .manualTask, .subProcess, .transaction, .adHocSubProcess, .callActivity,
            .exclusiveGateway, .inclusiveGateway, .parallelGateway, .complexGateway, .eventBasedGateway:
            false
        }
    }
}

/// The root elements that events and tasks refer to by id.
private enum RootReference {
    case message, error, signal, escalation

    var elementName: String {
        switch self {
        case .message: "message"
        case .error: "error"
        case .signal: "signal"
        case .escalation: "escalation"
        }
    }

    var attribute: String { elementName + "Ref" }

    var declarationHint: String {
        switch self {
        case .message, .signal: "name=\"…\""
        case .error: "errorCode=\"…\""
        case .escalation: "escalationCode=\"…\""
        }
    }

    func known(in index: ModelIndex) -> Set<ElementID> {
        switch self {
        case .message: index.messageIDs
        case .error: index.errorIDs
        case .signal: index.signalIDs
        case .escalation: index.escalationIDs
        }
    }
}
