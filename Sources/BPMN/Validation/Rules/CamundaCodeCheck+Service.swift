/// How a service task, send task, business-rule task or message throw event is implemented, following Camunda 7's
/// `parseServiceTaskLike`: exactly one of `camunda:type`, a `<camunda:connector>`, `camunda:class`,
/// `camunda:delegateExpression` or `camunda:expression` (or a Zeebe job type). Part of `NotExecutableRule`.
extension CamundaCodeCheck {
    /// The problems of a service task, send task or business-rule task: no implementation at all, a `camunda:type`
    /// other than `external`, an external task without a topic, or a DMN decision.
    func taskImplementation(_ extensions: Extensions) -> [Diagnostic] {
        if let decision = extensions.camunda?.decisionReference["decisionRef"]
            ?? extensions.zeebe?.calledDecision.map({ $0.decisionID ?? "" })
        {
            return [error(
                "\(owner) evaluates the DMN decision '\(decision)'; DMN decisions are not supported by Baton — use "
                    + "camunda:type=\"external\" camunda:topic=\"…\" and evaluate the decision in the worker that "
                    + "serves the topic", at: location)]
        }
        if extensions.hasZeebeImplementation { return [] }
        return implementation(extensions.camunda ?? CamundaExtensions())
    }

    /// The problems of a message throw or end event's `messageEventDefinition`: Camunda 7 treats it like a service
    /// task once it carries service attributes, and as a plain throw event (no diagnostic) otherwise.
    func messageThrowImplementation(_ camunda: CamundaExtensions?) -> [Diagnostic] {
        guard let camunda else { return [] }
        let serviceAttributes: [String?] = [
            camunda.type, camunda.topic, camunda.className, camunda.delegateExpression, camunda.expression,
            camunda.resultVariable, camunda.taskPriority,
        ]
        guard camunda.connector != nil || serviceAttributes.contains(where: { $0 != nil }) else { return [] }
        return implementation(camunda)
    }

    private func implementation(_ camunda: CamundaExtensions) -> [Diagnostic] {
        if let type = camunda.type?.trimmingWhitespace() {
            guard type.lowercased() == "external" else {
                return [error(
                    "\(owner) has camunda:type=\"\(type)\", which Baton does not have (its only type is "
                        + "\"external\"); " + Self.externalTaskAdvice, at: location)]
            }
            guard camunda.topic?.trimmingWhitespace().isEmpty ?? true else { return [] }
            return [error(
                "\(owner) is an external task without a topic; add camunda:topic=\"…\" naming the topic its workers "
                    + "fetch", at: location)]
        }
        let expression = camunda.expression?.trimmingWhitespace() ?? ""
        let implemented = camunda.className != nil || camunda.delegateExpression != nil || !expression.isEmpty
            || camunda.connector != nil
        guard !implemented else { return [] }
        let topic = camunda.topic.map { " (it has camunda:topic '\($0)' but no camunda:type=\"external\")" } ?? ""
        return [error(
            "\(owner) has no implementation\(topic): none of camunda:type, camunda:expression, camunda:class, "
                + "camunda:delegateExpression or a <camunda:connector> (nor a zeebe:taskDefinition); add "
                + "camunda:type=\"external\" camunda:topic=\"…\" for a worker to serve it, or a <camunda:connector> "
                + "with connectorId \"http-connector\"", at: location)]
    }
}

extension Extensions {
    /// Whether Zeebe extensions make the element a FEEL script or a job-worker task (typed, or still verbatim).
    var hasZeebeImplementation: Bool {
        if zeebe?.script != nil || zeebe?.taskDefinition != nil { return true }
        return otherElements.contains { element in
            element.name.namespaceURI == Namespaces.zeebe
                && (element.name.localName == "script" || element.name.localName == "taskDefinition")
        }
    }
}
