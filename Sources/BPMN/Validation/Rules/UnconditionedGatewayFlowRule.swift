/// `unconditioned-gateway-flow` (executable processes only): a gateway with more than one outgoing flow has an
/// outgoing flow that has no condition (or an empty one) and is not the gateway's default. A gateway with a single
/// outgoing flow may leave it unconditioned.
///
/// On an exclusive gateway this is an error: the gateway cannot choose, and Camunda 7 refuses the model at deploy.
/// On an inclusive gateway it is a warning: Camunda 7 and BPMN take such a flow every time, which is legal but often
/// not what the author meant.
struct UnconditionedGatewayFlowRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for nodeIndex in index.nodes.indices where index.isInExecutableProcess(node: nodeIndex) {
            let node = index.nodes[nodeIndex].node
            switch node.kind {
            case .exclusiveGateway, .inclusiveGateway:
                break
            case .startEvent, .endEvent, .intermediateCatchEvent, .intermediateThrowEvent, .boundaryEvent, .task,
                .userTask, .serviceTask, .sendTask, .receiveTask, .scriptTask, .businessRuleTask, .manualTask,
                .subProcess, .transaction, .adHocSubProcess, .callActivity, .parallelGateway, .complexGateway,
                .eventBasedGateway:
                continue
            }
            let isExclusive = if case .exclusiveGateway = node.kind { true } else { false }
            let outgoing = index.outgoing[nodeIndex]
            guard outgoing.count > 1 else { continue }
            for flowIndex in outgoing {
                let flow = index.flows[flowIndex].flow
                let hasCondition = !(flow.conditionExpression?.body.isEmpty ?? true)
                guard !hasCondition, flow.id != node.defaultFlow else { continue }
                let problem = "sequence flow '\(flow.id)' leaves \(index.describe(node: nodeIndex)) without a "
                    + "condition and is not its default flow"
                found.append(isExclusive
                    ? Diagnostic(
                        .error, .unconditionedGatewayFlow,
                        problem + "; an exclusive gateway with \(outgoing.count) outgoing flows must be able to choose "
                            + "one — add a conditionExpression, or name this flow in the gateway's default attribute",
                        at: flow.location, element: flow.id.reportable)
                    : Diagnostic(
                        .warning, .unconditionedGatewayFlow,
                        problem + ", so it is taken every time the gateway is passed — add a conditionExpression if "
                            + "it should be optional, or make it the default flow",
                        at: flow.location, element: flow.id.reportable))
            }
        }
        return found
    }
}
