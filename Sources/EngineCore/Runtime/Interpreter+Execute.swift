import BPMN
import Expressions

extension Interpreter {
    /// Creates an element instance for a token arriving at `node` (a multi-instance activity gets its body).
    mutating func activate(
        _ node: NodeIndex, parent: ElementInstanceKey, role: InstanceRole = .plain
    ) -> ElementInstanceKey {
        let key = ElementInstanceKey(takeKey())
        var role = role
        if role == .plain, process[node].multiInstance != nil { role = .multiInstanceBody }
        emit(.elementActivated(key, node: node, parent: parent, role: role))
        return key
    }

    /// Runs what the element does when a token reaches it.
    mutating func execute(_ key: ElementInstanceKey) {
        guard let element = state.elements[key] else { return }
        let node = process[element.node]
        // An asynchronous continuation belongs to the activity as a whole (the body of a multi-instance one).
        var isInner = false
        if case .multiInstanceInner = element.role { isInner = true }
        if node.asyncBefore, !isInner, state.asyncPoints[key] == nil || state.asyncPoints[key] == .waitingBefore {
            if state.asyncPoints[key] == nil {
                emit(.asyncContinuationScheduled(key, point: .before))
                effects.append(.scheduleContinuation(key, point: .before))
            }
            return
        }
        if element.role == .multiInstanceBody {
            startMultiInstance(key)
            return
        }
        if !node.inputs.isEmpty {
            for mapping in node.inputs {
                guard
                    let value = mappingValue(
                        mapping.value, in: key, for: key, what: "input '\(mapping.target)'", retry: .execute)
                else { return }
                setLocal(mapping.target, value, on: key)
            }
        }
        let attachesBoundaries: Bool
        if case .multiInstanceInner = element.role { attachesBoundaries = false } else { attachesBoundaries = true }
        switch node.behavior {
        case .process:
            // The instance itself: its event sub-process subscriptions, then the start event it was started at.
            guard openScopeSubscriptions(key), let start = state.startEvent else { return }
            agenda.append(.complete(activate(start, parent: key)))
        case .startEvent, .boundaryEvent, .passThrough, .exclusiveGateway, .parallelGateway, .inclusiveGateway:
            agenda.append(.complete(key))
        case .endEvent(let trigger, let external), .throwEvent(let trigger, let external):
            if let external {
                createExternalTask(key, external)
                return
            }
            throwResult(key, trigger)
        case .catchEvent(let trigger):
            switch trigger {
            case .message, .timer, .signal:
                _ = openSubscription(owner: key, catcher: element.node, trigger)
            case .none, .link, .error, .escalation, .terminate:
                agenda.append(.complete(key))
            }
        case .userTask(let spec):
            guard !attachesBoundaries || openBoundaries(key) else { return }
            createUserTask(key, spec)
        case .externalTask(let spec):
            guard !attachesBoundaries || openBoundaries(key) else { return }
            createExternalTask(key, spec)
        case .expressionTask(let expression, let resultVariable):
            // A task without local variables sees exactly what its scope sees.
            let scope = element.hasVariables || !node.inputs.isEmpty ? key : element.parent ?? key
            guard let value = evaluate(expression, in: scope, for: key, what: "expression") else { return }
            if let resultVariable { setVariable(resultVariable, value, from: element.parent ?? key) }
            agenda.append(.complete(key))
        case .connectorTask(let spec):
            guard !attachesBoundaries || openBoundaries(key) else { return }
            var input: [String: Value] = [:]
            for mapping in spec.inputs {
                guard
                    let value = mappingValue(
                        mapping.value, in: key, for: key, what: "connector input '\(mapping.target)'", retry: .execute)
                else { return }
                input[mapping.target] = value
            }
            emit(.connectorInvoked(key, connectorID: spec.connectorID, input: input))
            effects.append(.invokeConnector(key, connectorID: spec.connectorID, input: input))
        case .receiveTask(let spec):
            guard !attachesBoundaries || openBoundaries(key) else { return }
            if let spec { _ = openSubscription(owner: key, catcher: element.node, .message(spec)) }
        case .subProcess:
            guard !attachesBoundaries || openBoundaries(key) else { return }
            guard openScopeSubscriptions(key) else { return }
            if let start = node.noneStartEvent {
                agenda.append(.complete(activate(start, parent: key)))
            } else {
                agenda.append(.checkScope(key))
            }
        case .eventSubProcess:
            // Only reached when resolving an incident on a triggered event sub-process: open its subscriptions and
            // let its waiting start event go on.
            guard openScopeSubscriptions(key) else { return }
            let starts = state.children(of: key).filter {
                if case .startEvent = process[$0.node].behavior { return true } else { return false }
            }
            if starts.isEmpty { agenda.append(.checkScope(key)) }
            agenda.append(contentsOf: starts.reversed().map { .complete($0.key) })
        case .callActivity(let spec):
            guard !attachesBoundaries || openBoundaries(key) else { return }
            startCalledProcess(key, spec)
        case .eventBasedGateway:
            for flow in node.outgoing {
                let target = process[flow].target
                switch process[target].behavior {
                case .catchEvent(let trigger):
                    guard openSubscription(owner: key, catcher: target, trigger) else { return }
                case .receiveTask(let spec?):
                    guard openSubscription(owner: key, catcher: target, .message(spec)) else { return }
                default:
                    continue
                }
            }
        }
    }

    private mutating func createUserTask(_ key: ElementInstanceKey, _ spec: UserTaskSpec) {
        func text(_ expression: CompiledExpression?, _ what: String) -> (ok: Bool, value: String?) {
            guard let expression else { return (true, nil) }
            guard let value = evaluate(expression, in: key, for: key, what: what) else { return (false, nil) }
            return (true, value.textValue)
        }
        func list(_ expressions: [CompiledExpression], _ what: String) -> [String]? {
            var result: [String] = []
            for expression in expressions {
                guard let value = evaluate(expression, in: key, for: key, what: what) else { return nil }
                result += Self.names(value)
            }
            return result
        }
        let assignee = text(spec.assignee, "assignee")
        guard assignee.ok, let users = list(spec.candidateUsers, "candidate users"),
            let groups = list(spec.candidateGroups, "candidate groups")
        else { return }
        guard let dueDate = date(spec.dueDate, key, "due date"), let followUp = date(spec.followUpDate, key, "follow-up date")
        else { return }
        let priorityText = text(spec.priority, "priority")
        let formKey = text(spec.formKey, "form key")
        guard priorityText.ok, formKey.ok else { return }
        var priority = 50
        if let raw = priorityText.value {
            guard let parsed = Int(raw) else {
                raiseIncident(
                    on: key, .expressionFailed, "the priority of \(describe(key: key)) is '\(raw)', not an integer",
                    retry: .execute)
                return
            }
            priority = parsed
        }
        let details = UserTaskDetails(
            assignee: assignee.value.flatMap { $0.isEmpty ? nil : $0 }, candidateUsers: users,
            candidateGroups: groups, dueDate: dueDate.value, followUpDate: followUp.value, priority: priority,
            formKey: formKey.value, name: state.elements[key].flatMap { process[$0.node].name },
            description: spec.description.map { expression in
                // A description that cannot be evaluated shows its text rather than stopping the task.
                (try? expression.evaluate(in: context(key)).get())?.textValue ?? expression.source
            })
        emit(.userTaskCreated(key, details))
        effects.append(.createUserTask(key, details))
    }

    /// A date field: an ISO date-time, or a duration from now. Nil means an incident was raised.
    private mutating func date(
        _ expression: CompiledExpression?, _ key: ElementInstanceKey, _ what: String
    ) -> (value: DateTime?, Void)? {
        guard let expression else { return (nil, ()) }
        guard let value = evaluate(expression, in: key, for: key, what: what) else { return nil }
        switch value {
        case .null: return (nil, ())
        case .dateTime(let date): return (date, ())
        case .duration(let duration): return (duration.added(to: now), ())
        case .string(let text):
            if let date = DateTime.parse(text) { return (date, ()) }
            if let duration = ISODuration.parse(text) { return (duration.added(to: now), ()) }
            fallthrough
        default:
            raiseIncident(
                on: key, .expressionFailed,
                "the \(what) of \(describe(key: key)) is \(value.kindName) '\(value.textValue ?? "")', not an "
                    + "ISO 8601 date-time or duration", retry: .execute)
            return nil
        }
    }

    static func names(_ value: Value) -> [String] {
        switch value {
        case .list(let items): return items.compactMap(\.textValue)
        case .null: return []
        default:
            return (value.textValue ?? "").split(separator: ",").map { $0.trimmedWhitespace }.filter { !$0.isEmpty }
        }
    }

    mutating func createExternalTask(_ key: ElementInstanceKey, _ spec: ExternalTaskSpec) {
        guard let topicValue = evaluate(spec.topic, in: key, for: key, what: "topic") else { return }
        var priority = 0
        if let expression = spec.priority {
            guard let value = evaluate(expression, in: key, for: key, what: "priority") else { return }
            priority = value.textValue.flatMap { Int($0) } ?? 0
        }
        var retries: Int?
        if let expression = spec.retries {
            guard let value = evaluate(expression, in: key, for: key, what: "retries") else { return }
            retries = value.textValue.flatMap { Int($0) }
        }
        let details = ExternalTaskDetails(topic: topicValue.textValue ?? "", priority: priority, retries: retries)
        emit(.externalTaskCreated(key, details))
        effects.append(.createExternalTask(key, details))
    }

    private mutating func startCalledProcess(_ key: ElementInstanceKey, _ spec: CallActivitySpec) {
        guard let called = evaluate(spec.calledElement, in: key, for: key, what: "called element") else { return }
        var variables: [String: Value] = [:]
        if spec.passAllIn {
            var chain: [ElementInstanceKey] = []
            var current: ElementInstanceKey? = key
            while let scope = current {
                chain.append(scope)
                current = state.elements[scope]?.parent
            }
            for scope in chain.reversed() {
                for (name, value) in state.variables[scope] ?? [:] { variables[name] = value }
            }
        }
        for mapping in spec.inMappings {
            if let expression = mapping.sourceExpression {
                guard let value = evaluate(expression, in: key, for: key, what: "in mapping '\(mapping.target)'")
                else { return }
                variables[mapping.target] = value
            } else if let source = mapping.source {
                variables[mapping.target] = state.variable(source, from: key) ?? .null
            }
        }
        var businessKey: String?
        if let expression = spec.businessKey {
            guard let value = evaluate(expression, in: key, for: key, what: "business key") else { return }
            businessKey = value.textValue
        }
        let request = CalledProcess(
            processID: called.textValue ?? "", binding: spec.binding, version: spec.version, businessKey: businessKey,
            variables: variables)
        emit(.calledProcessRequested(key, request))
        effects.append(.startCalledProcess(key, request))
    }
}
