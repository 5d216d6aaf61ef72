/// `not-executable` (error, executable processes only): the model uses something Baton cannot execute — Java code
/// (`camunda:class`, `camunda:delegateExpression`, Java listeners, variable-mapping delegates), scripts in
/// languages other than JUEL/FEEL expressions (script tasks, listener and input/output scripts, conditions with a
/// `language`), scripts loaded from resources, script tasks without a `scriptFormat`, and connectors other than the
/// http-connector. Each message says what to use instead.
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
            let owner = "sequence flow '\(flow.id)'"
            found += CamundaCodeCheck(owner: owner, location: flow.location, element: element)
                .diagnostics(flow.extensions.camunda)
            if let condition = flow.conditionExpression {
                found += language(of: condition, what: "the condition of \(owner)", element: element)
            }
        }
        return found
    }

    private func node(_ nodeIndex: Int, _ index: ModelIndex) -> [Diagnostic] {
        let node = index.nodes[nodeIndex].node
        let owner = index.describe(node: nodeIndex)
        let element = index.elementID(node: nodeIndex)
        let check = CamundaCodeCheck(owner: owner, location: node.location, element: element)
        var found = check.diagnostics(node.extensions.camunda)
        for definition in node.kind.eventDefinitions {
            let what = "the \(definition.elementName) of \(owner)"
            found += CamundaCodeCheck(owner: what, location: definition.location, element: element)
                .diagnostics(definition.extensions.camunda)
            if case .conditional(let condition?, _, _) = definition.kind {
                found += language(of: condition, what: "the condition of \(what)", element: element)
            }
        }
        if case .multiInstance(let loop) = node.loopCharacteristics {
            found += CamundaCodeCheck(owner: "the multi-instance loop of \(owner)", location: loop.location,
                element: element).diagnostics(loop.extensions.camunda)
        }
        if case .scriptTask(let task) = node.kind, let problem = scriptTask(task, node, check) {
            found.append(problem)
        }
        return found
    }

    private func scriptTask(_ task: ScriptTask, _ node: FlowNode, _ check: CamundaCodeCheck) -> Diagnostic? {
        // A Zeebe script task evaluates a FEEL expression or is served by a job worker; it has no scriptFormat.
        guard !Self.hasZeebeImplementation(node.extensions) else { return nil }
        let format = task.scriptFormat?.trimmingWhitespace() ?? ""
        if format.isEmpty {
            return Diagnostic(
                .error, .notExecutable,
                "\(check.owner) has no scriptFormat; Camunda requires one, and Baton runs only expressions — write "
                    + "the script as a JUEL expression and set scriptFormat=\"juel\"",
                at: node.location, element: check.element)
        }
        if !ScriptLanguage.isExpressionLanguage(format) {
            return Diagnostic(
                .error, .notExecutable,
                "\(check.owner) is written in \(format), which Baton cannot run (it evaluates only JUEL and FEEL "
                    + "expressions); rewrite it as an expression with scriptFormat=\"juel\", or turn it into an "
                    + "external task (camunda:type=\"external\" camunda:topic=\"…\") that a worker serves",
                at: node.location, element: check.element)
        }
        if let resource = node.extensions.camunda?.resource {
            return Diagnostic(
                .error, .notExecutable,
                "\(check.owner) loads its script from the resource '\(resource)' (camunda:resource), which Baton "
                    + "cannot run; write the expression inline in the <script> element",
                at: node.location, element: check.element)
        }
        return nil
    }

    private func language(of expression: Expression, what: String, element: ElementID?) -> [Diagnostic] {
        guard let language = expression.language, !ScriptLanguage.isExpressionLanguage(language) else { return [] }
        return [Diagnostic(
            .error, .notExecutable,
            "\(what) is written in \(language) (language=\"\(language)\"), which Baton cannot run; remove the "
                + "language attribute and write a JUEL expression such as ${approved}",
            at: expression.location, element: element)]
    }

    /// Whether Zeebe extensions make the element a FEEL script or a job-worker task (typed, or still verbatim).
    private static func hasZeebeImplementation(_ extensions: Extensions) -> Bool {
        if extensions.zeebe?.script != nil || extensions.zeebe?.taskDefinition != nil { return true }
        return extensions.otherElements.contains { element in
            element.name.namespaceURI == Namespaces.zeebe
                && (element.name.localName == "script" || element.name.localName == "taskDefinition")
        }
    }
}
