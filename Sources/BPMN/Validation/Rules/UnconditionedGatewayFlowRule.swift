/// `unconditioned-gateway-flow` (executable processes only): the outgoing flows of an exclusive or inclusive gateway
/// do not let it choose. A condition that is empty counts as none.
///
/// Exclusive gateways follow Camunda 7's `BpmnParse.validateExclusiveGateway`, which refuses the model (errors):
/// no outgoing flow at all; a single outgoing flow with a condition; a default flow with a condition; with a
/// default, any other flow without a condition; without a default, more than one flow without a condition (each is
/// reported). Exactly one unconditioned flow and no default is only a warning: Camunda 7 deploys it and takes that
/// flow as the default.
///
/// Inclusive gateways with more than one outgoing flow: a flow without a condition that is not the default is a
/// warning — Camunda 7 and BPMN take it every time, which is legal but often not what the author meant.
struct UnconditionedGatewayFlowRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for nodeIndex in index.nodes.indices where index.isInExecutableProcess(node: nodeIndex) {
            switch index.nodes[nodeIndex].node.kind {
            case .exclusiveGateway:
                found += exclusive(nodeIndex, index)
            case .inclusiveGateway:
                found += inclusive(nodeIndex, index)
            case .startEvent, .endEvent, .intermediateCatchEvent, .intermediateThrowEvent, .boundaryEvent, .task,
                .userTask, .serviceTask, .sendTask, .receiveTask, .scriptTask, .businessRuleTask, .manualTask,
                .subProcess, .transaction, .adHocSubProcess, .callActivity, .parallelGateway, .complexGateway,
                .eventBasedGateway:
                continue
            }
        }
        return found
    }

    private func exclusive(_ nodeIndex: Int, _ index: ModelIndex) -> [Diagnostic] {
        let node = index.nodes[nodeIndex].node
        let gateway = index.describe(node: nodeIndex)
        let flows = index.outgoing[nodeIndex].map { index.flows[$0].flow }
        guard let first = flows.first else {
            return [Diagnostic(
                .error, .unconditionedGatewayFlow,
                "\(gateway) has no outgoing sequence flows; a token reaching it could go nowhere, and Camunda 7 "
                    + "refuses such a gateway — connect it to the next element, or end the path with an end event",
                at: node.location, element: index.elementID(node: nodeIndex))]
        }
        if flows.count == 1 {
            guard Self.hasCondition(first) else { return [] }
            return [error(
                first, "is the only flow leaving \(gateway) but has a condition; when the condition is false the "
                    + "token has nowhere to go, and Camunda 7 refuses a single outgoing flow with a condition — "
                    + "remove the conditionExpression, or add a second flow and make it the default")]
        }
        let defaultFlow = node.defaultFlow.flatMap { $0.rawValue.isEmpty ? nil : $0 }
        var found: [Diagnostic] = []
        var unconditioned: [SequenceFlow] = []
        for flow in flows {
            let isDefault = flow.id == defaultFlow
            if isDefault, Self.hasCondition(flow) {
                found.append(error(
                    flow, "is the default flow of \(gateway) but has a condition; the default is taken when no "
                        + "other condition holds, so it must not have one — remove its conditionExpression, or name "
                        + "another flow in the gateway's default attribute"))
            } else if !isDefault, !Self.hasCondition(flow) {
                unconditioned.append(flow)
            }
        }
        if let defaultFlow {
            found += unconditioned.map { flow in
                error(
                    flow, "leaves \(gateway) without a condition and is not its default flow ('\(defaultFlow)'); "
                        + "with a default flow every other outgoing flow needs a condition — add a "
                        + "conditionExpression, or make this flow the default")
            }
        } else if unconditioned.count > 1 {
            found += unconditioned.map { flow in
                let others = unconditioned.filter { $0.id != flow.id }.map { "'\($0.id)'" }.joined(separator: ", ")
                return error(
                    flow, "leaves \(gateway) without a condition, and so does \(others); the gateway cannot choose "
                        + "between unconditioned flows — add a conditionExpression to all but one, and name that one "
                        + "in the gateway's default attribute")
            }
        } else if let flow = unconditioned.first {
            found.append(Diagnostic(
                .warning, .unconditionedGatewayFlow,
                "sequence flow '\(flow.id)' leaves \(gateway) without a condition and is not its default flow; "
                    + "Camunda 7 takes it as the default when no condition holds — say so with "
                    + "default=\"\(flow.id)\" on the gateway, or add a conditionExpression",
                at: flow.location, element: flow.id.reportable))
        }
        return found
    }

    private func inclusive(_ nodeIndex: Int, _ index: ModelIndex) -> [Diagnostic] {
        let node = index.nodes[nodeIndex].node
        let outgoing = index.outgoing[nodeIndex]
        guard outgoing.count > 1 else { return [] }
        return outgoing.compactMap { flowIndex in
            let flow = index.flows[flowIndex].flow
            guard !Self.hasCondition(flow), flow.id != node.defaultFlow else { return nil }
            return Diagnostic(
                .warning, .unconditionedGatewayFlow,
                "sequence flow '\(flow.id)' leaves \(index.describe(node: nodeIndex)) without a condition and is not "
                    + "its default flow, so it is taken every time the gateway is passed — add a conditionExpression "
                    + "if it should be optional, or make it the default flow",
                at: flow.location, element: flow.id.reportable)
        }
    }

    private func error(_ flow: SequenceFlow, _ problem: String) -> Diagnostic {
        Diagnostic(
            .error, .unconditionedGatewayFlow, "sequence flow '\(flow.id)' " + problem, at: flow.location,
            element: flow.id.reportable)
    }

    /// Whether the flow has a non-empty `conditionExpression`.
    private static func hasCondition(_ flow: SequenceFlow) -> Bool {
        !(flow.conditionExpression?.body.isEmpty ?? true)
    }
}
