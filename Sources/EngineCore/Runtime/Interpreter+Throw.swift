import BPMN
import Expressions

extension Interpreter {
    /// The result of an end or intermediate throw event.
    mutating func throwResult(_ key: ElementInstanceKey, _ trigger: EventTrigger) {
        guard let element = state.elements[key] else { return }
        switch trigger {
        case .none, .message, .timer:
            agenda.append(.complete(key))
        case .terminate:
            guard let scope = element.parent else { return }
            emit(.elementCompleted(key, node: element.node))
            for child in state.children(of: scope) { terminate(child.key) }
            clearJoins(in: scope)
            agenda.append(.checkScope(scope))
        case .error(let spec):
            throwError(from: key, code: spec.code ?? "", message: spec.message)
        case .escalation(let spec):
            if escalate(from: key, code: spec.code ?? "") { agenda.append(.complete(key)) }
        case .signal(let expression):
            guard let name = evaluate(expression, in: key, for: key, what: "signal name") else { return }
            let signal = name.textValue ?? ""
            emit(.signalThrown(name: signal))
            effects.append(.broadcastSignal(name: signal, variables: [:]))
            deliverSignal(signal, variables: [:])
            agenda.append(.complete(key))
        case .link(let name):
            guard let parent = element.parent else { return }
            let scope = process[element.node].scope
            let target = process.nodes.indices.first { index in
                guard process.nodes[index].scope == scope, case .catchEvent(.link(let caught)) = process.nodes[index].behavior
                else { return false }
                return caught == name
            }
            emit(.elementCompleted(key, node: element.node))
            if let target {
                agenda.append(.complete(activate(NodeIndex(target), parent: parent)))
            } else {
                agenda.append(.checkScope(parent))
            }
        }
    }

    /// Ends an element instance and everything inside it, closing what it waits for.
    mutating func terminate(_ key: ElementInstanceKey) {
        guard let element = state.elements[key] else { return }
        for child in state.children(of: key).reversed() { terminate(child.key) }
        for (incident, _) in state.incidents.filter({ $0.value.element == key }).sorted(by: { $0.key < $1.key }) {
            emit(.incidentResolved(incident))
        }
        closeSubscriptions(ownedBy: key)
        clearJoins(in: key)
        if element.role != .multiInstanceBody, let withdrawal = process[element.node].behavior.withdrawal(key) {
            effects.append(withdrawal)
        }
        emit(.elementTerminated(key, node: element.node))
        if element.parent == nil {
            effects.append(.instanceEnded(completed: false, variables: state.processVariables))
        }
    }

    // MARK: Errors

    /// Where a thrown error or escalation is caught.
    struct Catch {
        /// The element instance owning the catcher: the activity of a boundary event, or the scope of an event
        /// sub-process.
        let owner: ElementInstanceKey
        /// The boundary event or the event sub-process start event.
        let catcher: NodeIndex
        /// Whether catching interrupts.
        let interrupting: Bool
        /// The variable to receive the code, and the variable to receive the message.
        let codeVariable: String?
        let messageVariable: String?
    }

    /// Throws a BPMN error from an element: the nearest matching boundary event or error event sub-process up the
    /// scope chain catches it; nothing catching it is an incident on the thrower (unlike Camunda, which ends the
    /// token silently).
    mutating func throwError(from key: ElementInstanceKey, code: String, message: String?) {
        guard let thrower = state.elements[key] else { return }
        let isEvent = process[thrower.node].behavior.isThrowEvent
        let found = findCatch(from: isEvent ? thrower.parent : key) { trigger in
            guard case .error(let spec) = trigger else { return nil }
            return (spec.code, spec.codeVariable, spec.messageVariable)
        } matching: { $0 == code }
        guard let found else {
            emit(.errorThrown(key, code: code, message: message, caughtBy: nil))
            raiseIncident(
                on: key, .unhandledError,
                "\(describe(key: key)) threw the BPMN error '\(code)'\(message.map { " (\($0))" } ?? ""), but no "
                    + "boundary event or event sub-process catches it", retry: .acknowledge)
            return
        }
        emit(.errorThrown(key, code: code, message: message, caughtBy: found.catcher))
        if isEvent { emit(.elementCompleted(key, node: thrower.node)) }
        var variables: [String: Value] = [:]
        if let name = found.codeVariable { variables[name] = .string(code) }
        if let name = found.messageVariable { variables[name] = message.map(Value.string) ?? .null }
        perform(found, variables: variables)
    }

    /// Throws an escalation; returns whether the thrower goes on (false when an interrupting catch ended it).
    mutating func escalate(from key: ElementInstanceKey, code: String) -> Bool {
        guard let thrower = state.elements[key] else { return false }
        let isEvent = process[thrower.node].behavior.isThrowEvent
        let found = findCatch(from: isEvent ? thrower.parent : key) { trigger in
            guard case .escalation(let spec) = trigger else { return nil }
            return (spec.code, spec.codeVariable, nil)
        } matching: { $0 == code }
        emit(.escalationThrown(key, code: code, caughtBy: found?.catcher))
        guard let found else { return true }
        var variables: [String: Value] = [:]
        if let name = found.codeVariable { variables[name] = .string(code) }
        if found.interrupting {
            if isEvent { emit(.elementCompleted(key, node: thrower.node)) }
            perform(found, variables: variables)
            return false
        }
        perform(found, variables: variables)
        return true
    }

    private mutating func perform(_ found: Catch, variables: [String: Value]) {
        if case .boundaryEvent = process[found.catcher].behavior {
            if let boundary = triggerBoundary(
                owner: found.owner, boundary: found.catcher, interrupting: found.interrupting)
            {
                setVariables(variables, from: boundary)
                agenda.append(.complete(boundary))
            }
        } else if let start = triggerEventSubProcess(
            scope: found.owner, start: found.catcher, interrupting: found.interrupting, variables: variables)
        {
            agenda.append(.complete(start))
        }
    }

    /// Walks up from `start`: in each scope, its event sub-processes first, then the boundary events of the activity
    /// (a specific code wins over a catch-all on the same element).
    private func findCatch(
        from start: ElementInstanceKey?,
        spec: (EventTrigger) -> (code: String?, codeVariable: String?, messageVariable: String?)?,
        matching: (String) -> Bool
    ) -> Catch? {
        var current = start
        while let key = current, let element = state.elements[key] {
            let node = process[element.node]
            if node.isContainer, element.role != .multiInstanceBody {
                let starts = node.eventSubProcesses.flatMap { process[$0].startEvents }
                if let found = best(starts, owner: key, spec: spec, matching: matching) { return found }
            }
            if element.role == .plain || element.role == .multiInstanceBody {
                if let found = best(node.boundaryEvents, owner: key, spec: spec, matching: matching) { return found }
            }
            current = element.parent
        }
        return nil
    }

    private func best(
        _ candidates: [NodeIndex], owner: ElementInstanceKey,
        spec: (EventTrigger) -> (code: String?, codeVariable: String?, messageVariable: String?)?,
        matching: (String) -> Bool
    ) -> Catch? {
        var catchAll: Catch?
        for candidate in candidates {
            guard let (trigger, interrupting) = process[candidate].behavior.catching else { continue }
            guard let (code, codeVariable, messageVariable) = spec(trigger) else { continue }
            let found = Catch(
                owner: owner, catcher: candidate, interrupting: interrupting, codeVariable: codeVariable,
                messageVariable: messageVariable)
            if let code {
                if matching(code) { return found }
            } else if catchAll == nil {
                catchAll = found
            }
        }
        return catchAll
    }
}
