import BPMN
import Expressions

extension Interpreter {
    mutating func handle(_ command: Command) throws(CommandRejection) {
        if case .start(let variables, let businessKey, let startEvent) = command {
            try start(variables: variables, businessKey: businessKey, startEvent: startEvent)
            return
        }
        guard state.status == .active else {
            throw CommandRejection(.invalidState, "the process instance is \(state.status.rawValue), not active")
        }
        switch command {
        case .start:
            break
        case .complete(let key, let variables, let localVariables):
            let element = try waitingTask(key, for: "complete")
            setLocals(localVariables, on: key)
            if case .callActivity(let spec) = process[element.node].behavior {
                passOut(spec, childVariables: variables, to: key)
            } else {
                setVariables(variables, from: key)
            }
            agenda.append(.complete(key))
        case .throwError(let key, let code, let message, let variables):
            _ = try waitingTask(key, for: "throw a BPMN error from")
            setVariables(variables, from: key)
            throwError(from: key, code: code, message: message)
        case .throwEscalation(let key, let code, let variables):
            _ = try waitingTask(key, for: "throw an escalation from")
            setVariables(variables, from: key)
            _ = escalate(from: key, code: code)
        case .fireTimer(let subscriptionKey):
            try fireTimer(subscriptionKey)
        case .correlateMessage(let name, let correlationKey, let variables):
            try correlate(name: name, correlationKey: correlationKey, variables: variables)
        case .broadcastSignal(let name, let variables):
            deliverSignal(name, variables: variables)
        case .cancel:
            if let root = state.rootKey {
                terminate(root)
            }
        case .setVariables(let scope, let variables, let local):
            guard let target = scope ?? state.rootKey, state.elements[target] != nil else {
                throw CommandRejection(.notFound, "no live scope \(scope.map(\.description) ?? "") in the instance")
            }
            if local { setLocals(variables, on: target) } else { setVariables(variables, from: target) }
        case .resolveIncident(let key):
            try resolveIncident(key)
        case .continueAsync(let key):
            switch state.asyncPoints[key] {
            case .waitingBefore?:
                emit(.asyncContinued(key, point: .before))
                agenda.append(.execute(key))
            case .waitingAfter?:
                emit(.asyncContinued(key, point: .after))
                agenda.append(.complete(key))
            case nil, .passedBefore?, .passedAfter?:
                throw CommandRejection(.notWaiting, "element instance \(key) waits for no asynchronous continuation")
            }
        case .raiseIncident(let key, let kind, let message):
            guard state.elements[key] != nil else {
                throw CommandRejection(.notFound, "element instance \(key) does not exist (any more)")
            }
            raiseIncident(on: key, kind, message, retry: .acknowledge)
        case .completeConnector(let key, let response):
            let element = try waitingTask(key, for: "complete the connector call of")
            guard case .connectorTask(let spec) = process[element.node].behavior else {
                throw CommandRejection(.notWaiting, "\(describe(element.node)) is not a connector task")
            }
            var outputs: [(String, Value)] = []
            for mapping in spec.outputs {
                guard
                    let value = mappingValue(
                        mapping.value, in: key, for: key, what: "connector output '\(mapping.target)'",
                        retry: .acknowledge, overrides: response)
                else { return }
                outputs.append((mapping.target, value))
            }
            for (name, value) in outputs { setVariable(name, value, from: key) }
            agenda.append(.complete(key))
        case .deleteVariables(let scope, let names, let local):
            guard let target = scope ?? state.rootKey, state.elements[target] != nil else {
                throw CommandRejection(.notFound, "no live scope \(scope.map(\.description) ?? "") in the instance")
            }
            deleteVariables(names, from: target, local: local)
        }
    }

    private mutating func start(
        variables: [String: Value], businessKey: String?, startEvent: ElementID?
    ) throws(CommandRejection) {
        guard state.status == .notStarted else {
            throw CommandRejection(.invalidState, "the process instance has already started")
        }
        let start: NodeIndex
        if let startEvent {
            guard let index = process.nodeIndexByID[startEvent], case .startEvent = process[index].behavior,
                process[index].scope == .process
            else {
                let known = process.nodes[0].startEvents.map { process[$0].id.rawValue }.joined(separator: ", ")
                throw CommandRejection(
                    .invalidArgument,
                    "'\(startEvent.rawValue)' is not a start event of process '\(process.id.rawValue)' (its start "
                        + "events: \(known))")
            }
            start = index
        } else if let none = process.nodes[0].noneStartEvent {
            start = none
        } else if process.nodes[0].startEvents.count == 1, let only = process.nodes[0].startEvents.first {
            start = only
        } else {
            throw CommandRejection(
                .invalidArgument,
                "process '\(process.id.rawValue)' has no none start event; say which start event starts the instance")
        }
        let root = ElementInstanceKey(takeKey())
        emit(.instanceCreated(root, businessKey: businessKey, startEvent: start))
        emit(.elementActivated(root, node: .process, parent: nil, role: .plain))
        setLocals(variables, on: root)
        agenda.append(.execute(root))
    }

    /// The element instance, checked to be a task that waits for a completion from outside.
    private func waitingTask(_ key: ElementInstanceKey, for action: String) throws(CommandRejection) -> ElementInstance {
        guard let element = state.elements[key] else {
            throw CommandRejection(.notFound, "element instance \(key) does not exist (any more)")
        }
        guard process[element.node].behavior.acceptsCompletion, element.role != .multiInstanceBody else {
            throw CommandRejection(.notWaiting, "cannot \(action) \(describe(element.node)): it is not a waiting task")
        }
        guard !state.incidents.values.contains(where: { $0.element == key && $0.retry == .execute }) else {
            throw CommandRejection(
                .notWaiting, "cannot \(action) \(describe(element.node)): it has an open incident; resolve it first")
        }
        return element
    }

    /// Applies a call activity's out mappings to the called process's variables.
    private mutating func passOut(_ spec: CallActivitySpec, childVariables: [String: Value], to key: ElementInstanceKey) {
        if spec.passAllOut { setVariables(childVariables, from: key) }
        for mapping in spec.outMappings {
            if let expression = mapping.sourceExpression {
                if case .success(let value) = expression.evaluate(in: DictionaryContext(values: childVariables, now: now)) {
                    setVariable(mapping.target, value, from: key)
                }
            } else if let source = mapping.source {
                setVariable(mapping.target, childVariables[source] ?? .null, from: key)
            }
        }
    }

    private mutating func resolveIncident(_ key: IncidentKey) throws(CommandRejection) {
        guard let incident = state.incidents[key] else {
            throw CommandRejection(.notFound, "incident \(key) does not exist (any more)")
        }
        emit(.incidentResolved(key))
        guard state.elements[incident.element] != nil else { return }
        switch incident.retry {
        case .execute:
            closeSubscriptions(ownedBy: incident.element)
            for mapping in process[incident.node].inputs {
                if let old = state.variables[incident.element]?[mapping.target] {
                    emit(.variableDeleted(scope: incident.element, name: mapping.target, old: old))
                }
            }
            agenda.append(.execute(incident.element))
        case .complete:
            agenda.append(.complete(incident.element))
        case .checkJoins:
            let points = state.joinArrivals.keys.filter { $0.scope == incident.element }.sorted { $0.gateway < $1.gateway }
            agenda.append(contentsOf: points.reversed().map { .checkJoin($0.gateway, scope: $0.scope) })
        case .acknowledge:
            if case .endEvent = process[incident.node].behavior {
                endWithoutFlows(incident.element)
            }
        }
    }

    /// Completes an element that takes no outgoing flow, then lets its scope see whether it is done.
    mutating func endWithoutFlows(_ key: ElementInstanceKey) {
        guard let element = state.elements[key] else { return }
        closeSubscriptions(ownedBy: key)
        emit(.elementCompleted(key, node: element.node))
        if let parent = element.parent { agenda.append(.checkScope(parent)) }
    }
}
