/// `not-executable` (error, executable processes only): the model uses something Baton cannot execute — Java code
/// (`camunda:class`, `camunda:delegateExpression`, Java listeners, variable-mapping delegates), scripts in
/// languages other than JUEL/FEEL expressions (script tasks, listener and input/output scripts, conditions with a
/// `language`), scripts loaded from resources, script tasks without a `scriptFormat`, connectors other than the
/// http-connector, DMN decisions, `camunda:type` values other than `external`, and service, send and business-rule
/// tasks (and message throw events with service attributes) with no implementation at all
/// (`CamundaCodeCheck+Service`). Each message says what to use instead.
struct NotExecutableRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (processIndex, process) in index.definitions.processes.enumerated()
        where index.isExecutable(process: processIndex) {
            let check = CamundaCodeCheck(
                owner: "process '\(process.id)'", location: process.location,
                element: process.id.reportable)
            found += check.diagnostics(process.extensions.camunda)
        }
        for nodeIndex in index.nodes.indices where index.isInExecutableProcess(node: nodeIndex) {
            found += node(nodeIndex, index)
        }
        for entry in index.flows where index.isExecutable(process: entry.process) {
            let flow = entry.flow
            let element = flow.id.reportable
            found += CamundaCodeCheck(owner: "sequence flow '\(flow.id.rawValue)'", location: flow.location, element: element)
                .diagnostics(flow.extensions.camunda)
            if let condition = flow.conditionExpression {
                found += language(
                    of: condition, what: "the condition of sequence flow '\(flow.id.rawValue)'", element: element)
            }
        }
        return found
    }

    private func node(_ nodeIndex: Int, _ index: ModelIndex) -> [Diagnostic] {
        let node = index.nodes[nodeIndex].node
        // Messages name the element; the description is built only when one is.
        let owner = { index.describe(node: nodeIndex) }
        let element = index.elementID(node: nodeIndex)
        let check = CamundaCodeCheck(owner: owner(), location: node.location, element: element)
        var found = check.diagnostics(node.extensions.camunda)
        for definition in node.kind.eventDefinitions {
            let what = { "the \(definition.elementName) of \(owner())" }
            found += CamundaCodeCheck(owner: what(), location: definition.location, element: element)
                .diagnostics(definition.extensions.camunda)
            if case .conditional(let condition?, _, _) = definition.kind {
                found += language(of: condition, what: "the condition of \(what())", element: element)
            }
        }
        if case .multiInstance(let loop) = node.loopCharacteristics {
            found += CamundaCodeCheck(owner: "the multi-instance loop of \(owner())", location: loop.location,
                element: element).diagnostics(loop.extensions.camunda)
        }
        found += implementation(of: node, check)
        return found
    }

    /// A script task's own script, or the implementation of a service-like task or message throw event.
    private func implementation(of node: FlowNode, _ check: CamundaCodeCheck) -> [Diagnostic] {
        switch node.kind {
        case .scriptTask(let task):
            // A Zeebe script task evaluates a FEEL expression or is served by a job worker; it has no scriptFormat.
            guard !node.extensions.hasZeebeImplementation else { return [] }
            let script = CamundaScript(
                scriptFormat: task.scriptFormat, resource: node.extensions.camunda?.resource, body: task.script,
                location: node.location)
            return check.script(script, what: check.owner).map { [$0] } ?? []
        case .serviceTask, .sendTask, .businessRuleTask:
            return check.taskImplementation(node.extensions)
        case .intermediateThrowEvent, .endEvent:
            return node.kind.eventDefinitions.flatMap { definition -> [Diagnostic] in
                guard case .message = definition.kind else { return [] }
                return CamundaCodeCheck(
                    owner: "the \(definition.elementName) of \(check.owner)", location: definition.location,
                    element: check.element
                ).messageThrowImplementation(definition.extensions.camunda)
            }
        case .startEvent, .intermediateCatchEvent, .boundaryEvent, .task, .userTask, .receiveTask, .manualTask,
            .subProcess, .transaction, .adHocSubProcess, .callActivity, .exclusiveGateway, .inclusiveGateway,
            .parallelGateway, .complexGateway, .eventBasedGateway:
            return []
        }
    }

    private func language(
        of expression: Expression, what: @autoclosure () -> String, element: ElementID?
    ) -> [Diagnostic] {
        guard let language = expression.language, !ScriptLanguage.isExpressionLanguage(language) else { return [] }
        return [Diagnostic(
            .error, .notExecutable,
            "\(what()) is written in \(language) (language=\"\(language)\"), which Baton cannot run; remove the "
                + "language attribute and write a JUEL expression such as ${approved}",
            at: expression.location, element: element)]
    }
}
