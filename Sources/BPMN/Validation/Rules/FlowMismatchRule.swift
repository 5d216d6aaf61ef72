/// `flow-mismatch` (error): a sequence flow leaves or enters the wrong element or container — a default flow that
/// does not leave its node, a `default` on an element that cannot have one, a flow crossing a sub-process boundary,
/// a flow written in another container than the nodes it connects, a flow into a start or boundary event, or a flow
/// out of an end event.
struct FlowMismatchRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for nodeIndex in index.nodes.indices { found += defaultFlow(nodeIndex, index) }
        for entry in index.flows { found += ends(of: entry, index) }
        return found
    }

    private func defaultFlow(_ nodeIndex: Int, _ index: ModelIndex) -> [Diagnostic] {
        let node = index.nodes[nodeIndex].node
        guard let reference = node.defaultFlow else { return [] }
        guard Self.canHaveDefaultFlow(node.kind) else {
            return [Diagnostic(
                .error, .flowMismatch,
                "\(index.describe(node: nodeIndex)) has a default flow ('\(reference)'), but only activities and "
                    + "exclusive, inclusive and complex gateways choose between outgoing flows; remove the default "
                    + "attribute",
                at: node.location, element: index.elementID(node: nodeIndex))]
        }
        // A default naming no flow is `dangling-reference`.
        guard let flowIndex = index.flowByID[reference] else { return [] }
        let source = index.flows[flowIndex].flow.sourceRef
        guard source != node.id else { return [] }
        let actual = source.map { "it leaves '\($0)'" } ?? "it has no sourceRef"
        return [Diagnostic(
            .error, .flowMismatch,
            "default flow '\(reference)' does not leave \(index.describe(node: nodeIndex)) (\(actual)); the default "
                + "must be one of the node's own outgoing flows — name one of them in default",
            at: node.location, element: index.elementID(node: nodeIndex))]
    }

    private func ends(of entry: ModelIndex.Flow, _ index: ModelIndex) -> [Diagnostic] {
        let flow = entry.flow
        // Missing or unknown ends are `dangling-reference`.
        guard let source = index.node(flow.sourceRef), let target = index.node(flow.targetRef) else { return [] }
        var found: [Diagnostic] = []
        let sourceContainer = index.nodes[source].container
        let targetContainer = index.nodes[target].container
        if sourceContainer != targetContainer {
            found.append(Diagnostic(
                .error, .flowMismatch,
                "sequence flow '\(flow.id)' connects \(index.describe(node: source)) in "
                    + "\(index.describe(container: sourceContainer)) to \(index.describe(node: target)) in "
                    + "\(index.describe(container: targetContainer)); sequence flows cannot cross a sub-process "
                    + "boundary — connect the sub-process itself, and use start and end events inside it",
                at: flow.location, element: flow.id.reportable))
        } else if sourceContainer != entry.container {
            let home = index.describe(container: sourceContainer)
            found.append(Diagnostic(
                .error, .flowMismatch,
                "sequence flow '\(flow.id)' is written in \(index.describe(container: entry.container)), but it "
                    + "connects \(index.describe(node: source)) to \(index.describe(node: target)) in \(home); "
                    + "a sequence flow belongs to the container of the nodes it connects (Camunda 7: \"Invalid "
                    + "source '\(index.nodes[source].node.id)' of sequence flow\") — move the <sequenceFlow> "
                    + "element into \(home)",
                at: flow.location, element: flow.id.reportable))
        }
        switch index.nodes[target].node.kind {
        case .startEvent:
            found.append(Diagnostic(
                .error, .flowMismatch,
                "sequence flow '\(flow.id)' enters \(index.describe(node: target)); a start event begins a path and "
                    + "cannot have incoming sequence flows — connect the flow to the element after the start event",
                at: flow.location, element: flow.id.reportable))
        case .boundaryEvent:
            found.append(Diagnostic(
                .error, .flowMismatch,
                "sequence flow '\(flow.id)' enters \(index.describe(node: target)); a boundary event is triggered "
                    + "while its activity runs, never by a sequence flow — connect the flow to the activity instead",
                at: flow.location, element: flow.id.reportable))
        case .endEvent, .intermediateCatchEvent, .intermediateThrowEvent, .task, .userTask, .serviceTask, .sendTask,
            .receiveTask, .scriptTask, .businessRuleTask, .manualTask, .subProcess, .transaction, .adHocSubProcess,
            .callActivity, .exclusiveGateway, .inclusiveGateway, .parallelGateway, .complexGateway,
            .eventBasedGateway:
            break
        }
        if case .endEvent = index.nodes[source].node.kind {
            found.append(Diagnostic(
                .error, .flowMismatch,
                "sequence flow '\(flow.id)' leaves \(index.describe(node: source)); an end event finishes its path "
                    + "and cannot have outgoing sequence flows — use an intermediate throw event, or delete the flow",
                at: flow.location, element: flow.id.reportable))
        }
        return found
    }

    /// Whether BPMN allows a `default` attribute on this kind of node.
    static func canHaveDefaultFlow(_ kind: FlowNodeKind) -> Bool {
        switch kind {
        case .task, .userTask, .serviceTask, .sendTask, .receiveTask, .scriptTask, .businessRuleTask, .manualTask,
            .subProcess, .transaction, .adHocSubProcess, .callActivity, .exclusiveGateway, .inclusiveGateway,
            .complexGateway:
            true
        case .startEvent, .endEvent, .intermediateCatchEvent, .intermediateThrowEvent, .boundaryEvent,
            .parallelGateway, .eventBasedGateway:
            false
        }
    }
}
