/// `flow-mismatch` (error): an event-based gateway is followed by something other than an intermediate catch event
/// (message, timer, signal or conditional) or a receive task. The gateway waits for the first of those events, so
/// anything else after it could never be chosen.
struct EventGatewayTargetRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for nodeIndex in index.nodes.indices {
            guard case .eventBasedGateway = index.nodes[nodeIndex].node.kind else { continue }
            for flowIndex in index.outgoing[nodeIndex] {
                let flow = index.flows[flowIndex].flow
                guard let target = index.node(flow.targetRef), !Self.canFollowGateway(index.nodes[target].node.kind)
                else { continue }
                found.append(Diagnostic(
                    .error, .flowMismatch,
                    "sequence flow '\(flow.id)' leads from \(index.describe(node: nodeIndex)) to "
                        + "\(index.describe(node: target)); an event-based gateway waits for the first of the events "
                        + "after it, so it can only be followed by intermediate catch events (message, timer, signal "
                        + "or conditional) or receive tasks — put such an event between them",
                    at: flow.location, element: flow.id.reportable))
            }
        }
        return found
    }

    /// Whether a node of this kind may directly follow an event-based gateway.
    static func canFollowGateway(_ kind: FlowNodeKind) -> Bool {
        switch kind {
        case .receiveTask:
            return true
        case .intermediateCatchEvent(let event):
            return !event.eventDefinitions.isEmpty && event.eventDefinitions.allSatisfy { definition in
                switch definition.kind {
                case .message, .timer, .signal, .conditional: true
                case .error, .escalation, .compensate, .link, .cancel, .terminate: false
                }
            }
        case .startEvent, .endEvent, .intermediateThrowEvent, .boundaryEvent, .task, .userTask, .serviceTask,
            .sendTask, .scriptTask, .businessRuleTask, .manualTask, .subProcess, .transaction, .adHocSubProcess,
            .callActivity, .exclusiveGateway, .inclusiveGateway, .parallelGateway, .complexGateway,
            .eventBasedGateway:
            return false
        }
    }
}
