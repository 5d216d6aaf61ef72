import BPMN
import Expressions

extension GraphBuilder {
    /// What the node does; refuses (with a diagnostic) what Baton does not execute.
    mutating func behavior(of node: FlowNode) -> NodeBehavior {
        if node.isForCompensation {
            unsupported(node, "is a compensation handler (isForCompensation); compensation is not supported yet")
        }
        if case .standard = node.loopCharacteristics {
            unsupported(node, "has standardLoopCharacteristics, which Baton does not run; use multi-instance")
        }
        let camunda = node.extensions.camunda
        let zeebe = node.extensions.zeebe
        switch node.kind {
        case .startEvent(let event):
            return .startEvent(trigger(event.eventDefinitions, node), interrupting: event.isInterrupting)
        case .endEvent(let event):
            let result = trigger(event.eventDefinitions, node)
            return .endEvent(result, external: messageThrowExternal(result, node))
        case .intermediateCatchEvent(let event):
            return .catchEvent(trigger(event.eventDefinitions, node))
        case .intermediateThrowEvent(let event):
            let result = trigger(event.eventDefinitions, node)
            return .throwEvent(result, external: messageThrowExternal(result, node))
        case .boundaryEvent(let event):
            let attached = event.attachedTo.flatMap { indexByID[$0] } ?? .process
            let caught = trigger(event.eventDefinitions, node)
            // An error boundary event always interrupts (BPMN 10.5.4; Camunda ignores cancelActivity="false").
            var interrupting = event.cancelActivity
            if case .error = caught { interrupting = true }
            return .boundaryEvent(caught, attachedTo: attached, interrupting: interrupting)
        case .task, .manualTask:
            return .passThrough
        case .userTask:
            return .userTask(userTask(node))
        case .serviceTask, .sendTask:
            return serviceLike(node)
        case .businessRuleTask:
            if let decision = camunda?.decisionReference["decisionRef"] ?? zeebe?.calledDecision?.decisionID {
                unsupported(
                    node,
                    "calls the DMN decision '\(decision)'; Baton has no DMN engine — make it an external task "
                        + "(camunda:type=\"external\" camunda:topic=\"…\") that a worker serves")
            }
            return serviceLike(node)
        case .receiveTask(let task):
            return .receiveTask(task.messageRef.flatMap { message($0, node) })
        case .scriptTask(let task):
            return scriptTask(task, node)
        case .subProcess(let sub):
            return sub.triggeredByEvent ? .eventSubProcess : .subProcess
        case .transaction:
            unsupported(node, "is a transaction sub-process; transactions and compensation are not supported yet")
            return .subProcess
        case .adHocSubProcess:
            unsupported(node, "is an ad-hoc sub-process, which Baton does not run yet")
            return .subProcess
        case .callActivity(let call):
            return .callActivity(callActivity(call, node))
        case .exclusiveGateway:
            return .exclusiveGateway
        case .inclusiveGateway:
            return .inclusiveGateway
        case .parallelGateway:
            return .parallelGateway
        case .complexGateway:
            unsupported(node, "is a complex gateway, which Baton does not run; use an inclusive gateway")
            return .parallelGateway
        case .eventBasedGateway:
            return .eventBasedGateway
        }
    }

    mutating func unsupported(_ node: FlowNode, _ what: String) {
        report("\(node.elementName) '\(node.id.rawValue)' \(what)", .unsupportedElement, at: node.location, element: node.id)
    }

    private mutating func trigger(_ definitions: [EventDefinition], _ node: FlowNode) -> EventTrigger {
        guard let definition = definitions.first else { return .none }
        if definitions.count > 1 {
            unsupported(node, "has several event definitions (a multiple event), which Baton does not run yet")
        }
        switch definition.kind {
        case .message(let messageRef, _):
            guard let messageRef, let spec = message(messageRef, node) else {
                unsupported(node, "has a messageEventDefinition without a messageRef; name the message it waits for")
                return .none
            }
            return .message(spec)
        case .timer(let timer):
            return timerTrigger(timer, node, definition.location)
        case .error(let errorRef):
            let error = errorRef.flatMap { errorDefinition($0) }
            let camunda = definition.extensions.camunda
            return .error(
                ErrorSpec(
                    code: error?.code ?? errorRef?.rawValue, message: error?.message,
                    codeVariable: camunda?.errorCodeVariable, messageVariable: camunda?.errorMessageVariable))
        case .escalation(let escalationRef):
            let escalation = escalationRef.flatMap { ref in self.definitions.escalations.first { $0.id == ref } }
            return .escalation(
                EscalationSpec(
                    code: escalation?.escalationCode ?? escalationRef?.rawValue,
                    codeVariable: definition.extensions.camunda?.escalationCodeVariable))
        case .signal(let signalRef):
            let signal = signalRef.flatMap { ref in self.definitions.signals.first { $0.id == ref } }
            let name = signal?.name ?? signalRef?.rawValue ?? ""
            guard let parsed = expression(name, "signal name", of: node, at: definition.location) else { return .none }
            return .signal(parsed)
        case .link(let name, _, _):
            return .link(name ?? "")
        case .terminate:
            return .terminate
        case .compensate:
            unsupported(node, "uses compensation, which Baton does not support yet")
            return .none
        case .conditional:
            unsupported(node, "is a conditional event, which Baton does not support yet")
            return .none
        case .cancel:
            unsupported(node, "is a cancel event; transactions are not supported yet")
            return .none
        }
    }

    private func errorDefinition(_ ref: ElementID) -> (code: String?, message: String?)? {
        guard let error = definitions.errors.first(where: { $0.id == ref }) else { return nil }
        return (error.errorCode ?? error.id.rawValue, error.errorMessage)
    }

    mutating func message(_ ref: ElementID, _ node: FlowNode) -> MessageSpec? {
        let message = definitions.messages.first { $0.id == ref }
        let name = message?.name ?? ref.rawValue
        guard let parsed = expression(name, "message name", of: node) else { return nil }
        let key = message?.extensions.zeebe?.correlationKey.flatMap {
            expression($0, "correlation key", of: node, at: message?.extensions.zeebe?.correlationKeyLocation)
        }
        return MessageSpec(name: parsed, correlationKey: key)
    }

    private mutating func timerTrigger(
        _ timer: TimerDefinition, _ node: FlowNode, _ location: SourceLocation
    ) -> EventTrigger {
        let choices: [(Expression?, TimerSchedule.Source)] = [
            (timer.timeDate, .date), (timer.timeDuration, .duration), (timer.timeCycle, .cycle),
        ]
        guard let (value, source) = choices.first(where: { $0.0 != nil }), let value else {
            return .none  // the validator reports timers without a value
        }
        guard let text = expression(value.body, "timer", of: node, at: value.location) else { return .none }
        var schedule: TimerSchedule?
        if text.isLiteral {
            switch TimerSchedule.parse(value.body, source: source) {
            case .success(let parsed):
                schedule = parsed
            case .failure(let error):
                report(
                    "the timer of \(node.elementName) '\(node.id.rawValue)' is invalid: \(error.description)",
                    .invalidTimer, at: value.location, element: node.id)
            }
        }
        return .timer(TimerSpec(source: source, text: text, schedule: schedule))
    }

    private mutating func messageThrowExternal(_ trigger: EventTrigger, _ node: FlowNode) -> ExternalTaskSpec? {
        guard case .message = trigger else { return nil }
        return externalSpec(node)
    }

    /// The external-task settings of a node, when it is served by a worker.
    mutating func externalSpec(_ node: FlowNode) -> ExternalTaskSpec? {
        if let camunda = node.extensions.camunda, camunda.type?.lowercased() == "external" {
            let topic = expression(camunda.topic ?? "", "topic", of: node) ?? CompiledExpressionLiteral.empty
            return ExternalTaskSpec(
                topic: topic, priority: expression(camunda.taskPriority, "task priority", of: node), retries: nil)
        }
        if let definition = node.extensions.zeebe?.taskDefinition, let type = definition.type {
            let topic = expression(type, "job type", of: node, at: definition.location) ?? CompiledExpressionLiteral.empty
            return ExternalTaskSpec(
                topic: topic, priority: nil,
                retries: expression(definition.retries, "retries", of: node, at: definition.location))
        }
        return nil
    }

    private mutating func serviceLike(_ node: FlowNode) -> NodeBehavior {
        if let external = externalSpec(node) { return .externalTask(external) }
        let camunda = node.extensions.camunda
        if let text = camunda?.expression {
            let parsed = expression(text, "expression", of: node) ?? CompiledExpressionLiteral.empty
            return .expressionTask(parsed, resultVariable: camunda?.resultVariable)
        }
        if let connector = camunda?.connector {
            return .connectorTask(
                ConnectorSpec(
                    connectorID: connector.connectorID ?? "",
                    inputs: mappings(connector.inputParameters, zeebe: [], node),
                    outputs: mappings(connector.outputParameters, zeebe: [], node)))
        }
        // The validator refuses Java classes and tasks without implementation; what is left waits for completion.
        return .externalTask(ExternalTaskSpec(topic: CompiledExpressionLiteral.empty, priority: nil, retries: nil))
    }

    private mutating func scriptTask(_ task: ScriptTask, _ node: FlowNode) -> NodeBehavior {
        if let script = node.extensions.zeebe?.script, let text = script.expression {
            let parsed = expression(text, "script", of: node, at: script.location) ?? CompiledExpressionLiteral.empty
            return .expressionTask(parsed, resultVariable: script.resultVariable)
        }
        let format = task.scriptFormat?.lowercased() ?? ""
        // Other languages (and a missing scriptFormat) are refused by the validator (`not-executable`).
        guard format == "juel" || format == "feel" else {
            return .expressionTask(CompiledExpressionLiteral.empty, resultVariable: nil)
        }
        let language: CompiledExpression.Language = format == "feel" ? .feel : .juel
        let body = task.script ?? ""
        let text = body.trimmedWhitespace
        let parsed: CompiledExpression?
        if text.hasPrefix("${") || text.hasPrefix("#{") || text.hasPrefix("=") {
            parsed = expression(text, "script", of: node, at: task.scriptLocation)
        } else {
            parsed = parse(
                text, "script", element: node.id, elementName: node.elementName, at: task.scriptLocation ?? node.location,
                as: language)
        }
        return .expressionTask(
            parsed ?? CompiledExpressionLiteral.empty, resultVariable: node.extensions.camunda?.resultVariable)
    }

    private mutating func userTask(_ node: FlowNode) -> UserTaskSpec {
        let camunda = node.extensions.camunda
        let zeebe = node.extensions.zeebe
        var assignee = camunda?.assignee ?? zeebe?.assignment?.assignee
        var candidateUsers = camunda?.candidateUsers ?? []
        var candidateGroups = camunda?.candidateGroups ?? []
        if let users = zeebe?.assignment?.candidateUsers { candidateUsers.append(users) }
        if let groups = zeebe?.assignment?.candidateGroups { candidateGroups.append(groups) }
        for role in node.resourceRoles {
            guard let body = role.assignment?.body else { continue }
            switch role.kind {
            case .humanPerformer, .performer:
                if assignee == nil { assignee = body }
            case .potentialOwner:
                for part in body.split(separator: ",") {
                    let item = part.trimmedWhitespace
                    if item.hasPrefix("user(") && item.hasSuffix(")") {
                        candidateUsers.append(String(item.dropFirst(5).dropLast()))
                    } else if item.hasPrefix("group(") && item.hasSuffix(")") {
                        candidateGroups.append(String(item.dropFirst(6).dropLast()))
                    } else {
                        candidateGroups.append(item)
                    }
                }
            case .resourceRole:
                break
            }
        }
        var description: CompiledExpression?
        if let text = node.documentation.first?.text.trimmedWhitespace, !text.isEmpty {
            // Documentation is free text: a template only when it parses as one, never FEEL (`= …`) or an error.
            description =
                text.hasPrefix("=") ? .literal(text) : (try? CompiledExpression.parse(text)) ?? .literal(text)
        }
        return UserTaskSpec(
            assignee: expression(assignee, "assignee", of: node),
            candidateUsers: candidateUsers.compactMap { expression($0, "candidate user", of: node) },
            candidateGroups: candidateGroups.compactMap { expression($0, "candidate group", of: node) },
            dueDate: expression(camunda?.dueDate ?? zeebe?.dueDate, "due date", of: node),
            followUpDate: expression(camunda?.followUpDate ?? zeebe?.followUpDate, "follow-up date", of: node),
            priority: expression(camunda?.priority ?? zeebe?.priority, "priority", of: node),
            formKey: expression(camunda?.formKey ?? zeebe?.form?.formKey, "form key", of: node),
            description: description)
    }

    private mutating func callActivity(_ call: CallActivity, _ node: FlowNode) -> CallActivitySpec {
        let camunda = node.extensions.camunda
        let zeebe = node.extensions.zeebe?.calledElement
        let called = call.calledElement ?? zeebe?.processID ?? ""
        func mapping(_ mapping: CamundaVariableMapping) -> CallMapping? {
            guard let target = mapping.target ?? mapping.source else { return nil }
            return CallMapping(
                source: mapping.source,
                sourceExpression: mapping.sourceExpression.flatMap { expression($0, "sourceExpression", of: node) },
                target: target)
        }
        let ins = camunda?.inMappings ?? []
        let outs = camunda?.outMappings ?? []
        let isZeebe = zeebe != nil
        return CallActivitySpec(
            calledElement: expression(called, "called element", of: node) ?? CompiledExpressionLiteral.empty,
            binding: camunda?.calledElementBinding ?? zeebe?.bindingType,
            version: camunda?.calledElementVersion ?? camunda?.calledElementVersionTag ?? zeebe?.versionTag,
            inMappings: ins.compactMap { $0.businessKey == nil && !$0.allVariables ? mapping($0) : nil },
            outMappings: outs.compactMap { $0.allVariables ? nil : mapping($0) },
            passAllIn: ins.contains { $0.allVariables } || (isZeebe && zeebe?.propagateAllParentVariables != false),
            passAllOut: outs.contains { $0.allVariables } || (isZeebe && zeebe?.propagateAllChildVariables != false),
            businessKey: ins.first { $0.businessKey != nil }?.businessKey.flatMap {
                expression($0, "business key", of: node)
            })
    }

    /// Multi-instance characteristics from the BPMN element and its Camunda/Zeebe extensions.
    mutating func multiInstance(of node: FlowNode) -> MultiInstanceSpec? {
        guard case .multiInstance(let loop) = node.loopCharacteristics else { return nil }
        let camunda = loop.extensions.camunda
        let zeebe = loop.extensions.zeebe?.loopCharacteristics
        var collection = camunda?.collection ?? zeebe?.inputCollection
        if collection == nil, let ref = loop.loopDataInputRef { collection = "${\(ref)}" }
        // camunda:collection may name a variable instead of holding an expression.
        if let text = collection, !text.contains("${"), !text.contains("#{"), !text.hasPrefix("=") {
            collection = "${\(text)}"
        }
        let cardinality = loop.loopCardinality.flatMap { expression($0.body, "loop cardinality", of: node) }
        let parsedCollection = collection.flatMap { expression($0, "collection", of: node) }
        if cardinality == nil && parsedCollection == nil {
            unsupported(node, "is multi-instance without loopCardinality or a collection; say how many instances")
        }
        return MultiInstanceSpec(
            isSequential: loop.isSequential, cardinality: cardinality, collection: parsedCollection,
            elementVariable: camunda?.elementVariable ?? zeebe?.inputElement ?? loop.inputDataItem,
            completionCondition: loop.completionCondition.flatMap {
                expression($0.body, "completion condition", of: node)
            },
            outputCollection: zeebe?.outputCollection,
            outputElement: zeebe?.outputElement.flatMap { expression($0, "output element", of: node) })
    }
}

/// A literal used where a diagnostic has already refused the element.
enum CompiledExpressionLiteral {
    static let empty = CompiledExpression.literal("")
}
