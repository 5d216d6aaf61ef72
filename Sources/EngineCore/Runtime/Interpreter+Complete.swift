import BPMN
import Expressions

extension Interpreter {
    /// Leaves an element: output mappings, the choice of outgoing flows, then the flows themselves.
    mutating func complete(_ key: ElementInstanceKey) {
        guard let element = state.elements[key] else { return }
        let node = process[element.node]
        var isInner = false
        if case .multiInstanceInner = element.role { isInner = true }
        if node.asyncAfter, element.parent != nil, !isInner {
            switch state.asyncPoints[key] {
            case nil, .passedBefore:
                emit(.asyncContinuationScheduled(key, point: .after))
                effects.append(.scheduleContinuation(key, point: .after))
                return
            case .waitingBefore, .waitingAfter:
                return
            case .passedAfter:
                break
            }
        }
        // Outputs are evaluated first but set only once nothing else can fail, so a retried completion never
        // applies them twice; conditions see them already.
        var outputs: [(String, Value)] = []
        if element.role != .multiInstanceBody, !node.outputs.isEmpty {
            for mapping in node.outputs {
                guard
                    let value = mappingValue(
                        mapping.value, in: key, for: key, what: "output '\(mapping.target)'", retry: .complete)
                else { return }
                outputs.append((mapping.target, value))
            }
        }
        let overrides = outputs.isEmpty ? nil : Dictionary(outputs, uniquingKeysWith: { _, last in last })
        if case .multiInstanceInner(let loopCounter) = element.role {
            completeInner(key, element, loopCounter: loopCounter, outputs: outputs, overrides: overrides)
            return
        }
        if element.role == .multiInstanceBody, let name = node.multiInstance?.outputCollection,
            let value = state.variables[key]?[name], let parent = element.parent
        {
            setVariable(name, value, from: parent)
        }
        guard let flows = chooseFlows(node, key, overrides: overrides) else { return }
        for (name, value) in outputs { setVariable(name, value, from: element.parent ?? key) }
        closeSubscriptions(ownedBy: key)
        emit(.elementCompleted(key, node: element.node))
        guard let parent = element.parent else {
            effects.append(.instanceEnded(completed: true, variables: state.processVariables))
            return
        }
        take(flows, scope: parent)
    }

    /// Takes flows out of an element into its scope: each target gets a token (or a join arrival), and they run in
    /// flow order.
    mutating func take(_ flows: [FlowIndex], scope: ElementInstanceKey) {
        guard !flows.isEmpty else {
            agenda.append(.checkScope(scope))
            return
        }
        if flows.count == 1, let flow = flows.first {
            emit(.flowTaken(flow, scope: scope))
            let taken = process[flow]
            agenda.append(
                taken.targetIsJoin
                    ? .checkJoin(taken.target, scope: scope) : .execute(activate(taken.target, parent: scope)))
            return
        }
        var work: [Work] = []
        for flow in flows {
            emit(.flowTaken(flow, scope: scope))
            let target = process[flow].target
            if process[target].isJoin {
                work.append(.checkJoin(target, scope: scope))
            } else {
                work.append(.execute(activate(target, parent: scope)))
            }
        }
        agenda.append(contentsOf: work.reversed())
    }

    /// The outgoing flows to take; nil when none can be chosen (an incident is raised).
    private mutating func chooseFlows(
        _ node: ExecutableNode, _ key: ElementInstanceKey, overrides: [String: Value]?
    ) -> [FlowIndex]? {
        let outgoing = node.outgoing
        if outgoing.isEmpty { return [] }
        switch node.behavior {
        case .parallelGateway:
            return outgoing
        case .eventBasedGateway:
            return []
        case .exclusiveGateway:
            for flow in outgoing where !process[flow].isDefault {
                guard let taken = condition(process[flow], key, overrides) else { return nil }
                if taken { return [flow] }
            }
        case .inclusiveGateway, .process, .startEvent, .endEvent, .catchEvent, .throwEvent, .boundaryEvent,
            .passThrough, .userTask, .externalTask, .expressionTask, .connectorTask, .receiveTask, .subProcess,
            .eventSubProcess, .callActivity:
            if node.takesEveryFlow { return outgoing }
            var taken: [FlowIndex] = []
            for flow in outgoing where !process[flow].isDefault {
                guard let result = condition(process[flow], key, overrides) else { return nil }
                if result { taken.append(flow) }
            }
            if !taken.isEmpty { return taken }
        }
        if let defaultFlow = node.defaultFlow { return [defaultFlow] }
        raiseIncident(
            on: key, .noFlowSelected,
            "no outgoing sequence flow of \(describe(key: key)) could be selected: every condition is false and "
                + "there is no default flow", retry: .complete)
        return nil
    }

    /// Evaluates a flow's condition (no condition is true); nil when it fails (an incident is raised).
    private mutating func condition(
        _ flow: ExecutableFlow, _ key: ElementInstanceKey, _ overrides: [String: Value]?
    ) -> Bool? {
        guard let expression = flow.condition else { return true }
        guard
            let value = evaluate(
                expression, in: key, for: key, what: "condition of sequence flow '\(flow.id.rawValue)'",
                retry: .complete, overrides: overrides)
        else { return nil }
        switch value {
        case .bool(let result):
            return result
        case .null where expression.language == .juel:
            return false
        case .string(let text) where expression.language == .juel && (text == "true" || text == "false"):
            return text == "true"
        default:
            raiseIncident(
                on: key, .expressionFailed,
                "the condition of sequence flow '\(flow.id.rawValue)' gave \(value.kindName), not a boolean "
                    + "(expression '\(expression.source)')", retry: .complete)
            return nil
        }
    }

    /// Fires a joining gateway when it has what it waits for: a parallel gateway one token per incoming flow, an
    /// inclusive gateway a token on some flow and no other token in the scope that could still reach it.
    mutating func checkJoin(_ gateway: NodeIndex, scope: ElementInstanceKey) {
        guard state.elements[scope] != nil, let arrivals = state.joinArrivals[JoinPoint(scope: scope, gateway: gateway)]
        else { return }
        let node = process[gateway]
        let consumed: [FlowIndex]
        switch node.behavior {
        case .parallelGateway:
            guard node.incoming.allSatisfy({ (arrivals[$0] ?? 0) > 0 }) else { return }
            consumed = node.incoming
        case .inclusiveGateway:
            consumed = node.incoming.filter { (arrivals[$0] ?? 0) > 0 }
            guard !consumed.isEmpty, !tokenCanStillArrive(at: gateway, scope: scope) else { return }
        default:
            return
        }
        emit(.joinFired(gateway, scope: scope, consumed: consumed))
        if state.joinArrivals[JoinPoint(scope: scope, gateway: gateway)] != nil {
            agenda.append(.checkJoin(gateway, scope: scope))
        }
        agenda.append(.execute(activate(gateway, parent: scope)))
    }

    /// Whether a live token of the scope (or one waiting at another join) could still reach the gateway.
    private func tokenCanStillArrive(at gateway: NodeIndex, scope: ElementInstanceKey) -> Bool {
        for element in state.elements.values where element.parent == scope {
            if process.canReach(from: element.node, to: gateway) { return true }
        }
        for point in state.joinArrivals.keys where point.scope == scope && point.gateway != gateway {
            if process.canReach(from: point.gateway, to: gateway) { return true }
        }
        return false
    }

    /// A token ended in `scope`: inclusive joins may now fire, and a scope with nothing left completes.
    mutating func checkScope(_ scope: ElementInstanceKey) {
        guard let element = state.elements[scope] else { return }
        if state.joinArrivals.isEmpty {
            if element.childCount == 0, element.role != .multiInstanceBody { agenda.append(.complete(scope)) }
            return
        }
        let waitingJoins = state.joinArrivals.keys.filter { $0.scope == scope }.sorted { $0.gateway < $1.gateway }
        for point in waitingJoins {
            guard case .inclusiveGateway = process[point.gateway].behavior else { continue }
            checkJoin(point.gateway, scope: scope)
        }
        guard element.childCount == 0, state.joinArrivals.keys.allSatisfy({ $0.scope != scope }) else { return }
        switch element.role {
        case .multiInstanceBody:
            return  // bodies complete through their instances
        case .plain, .multiInstanceInner:
            agenda.append(.complete(scope))
        }
    }
}
