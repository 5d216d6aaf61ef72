/// The parts of one element's Camunda 7 extensions that are code Baton cannot run: Java classes and beans
/// (`camunda:class`, `camunda:delegateExpression`, variable-mapping delegates, Java listeners), scripts in languages
/// other than expressions or loaded from resources (listener scripts, input/output parameter scripts), and
/// connectors other than the http-connector. Part of `NotExecutableRule`.
struct CamundaCodeCheck {
    /// What the extensions belong to, for messages (e.g. `serviceTask 'Task_1'`); built only when a message is.
    private let describeOwner: () -> String
    /// Where the owning element starts.
    var location: SourceLocation
    /// The id to report.
    var element: ElementID?

    /// Creates the check; `owner` is evaluated only if a problem is found (almost every element has none).
    init(owner: @autoclosure @escaping () -> String, location: SourceLocation, element: ElementID?) {
        describeOwner = owner
        self.location = location
        self.element = element
    }

    /// What the extensions belong to, for messages.
    var owner: String { describeOwner() }

    /// What to use instead of Java code.
    static let externalTaskAdvice = "make it an external task (camunda:type=\"external\" camunda:topic=\"…\") that a "
        + "worker serves, or call an HTTP service with the http-connector"

    /// Every problem in `camunda`.
    func diagnostics(_ camunda: CamundaExtensions?) -> [Diagnostic] {
        guard let camunda else { return [] }
        var found: [Diagnostic] = []
        if let className = camunda.className {
            found.append(error(
                "\(owner) uses camunda:class '\(className)', Java code that Baton cannot run; "
                    + Self.externalTaskAdvice, at: location))
        }
        if let delegate = camunda.delegateExpression {
            found.append(error(
                "\(owner) uses camunda:delegateExpression '\(delegate)', a Java bean that Baton cannot run; "
                    + Self.externalTaskAdvice, at: location))
        }
        if let delegate = camunda.variableMappingDelegate {
            found.append(error(
                "\(owner) uses the variable-mapping delegate '\(delegate)', Java code that Baton cannot run; pass "
                    + "variables with <camunda:in> and <camunda:out> mappings instead", at: location))
        }
        for listener in camunda.executionListeners { found += self.listener(listener, kind: "execution listener") }
        for listener in camunda.taskListeners { found += self.listener(listener, kind: "task listener") }
        found += parameters(camunda.inputParameters, kind: "input parameter")
        found += parameters(camunda.outputParameters, kind: "output parameter")
        if let connector = camunda.connector {
            let connectorID = connector.connectorID?.trimmingWhitespace() ?? ""
            if connectorID != "http-connector" {
                let name = connectorID.isEmpty ? "a connector without a connectorId" : "connector '\(connectorID)'"
                found.append(error(
                    "\(owner) uses \(name); Baton only has the http-connector — call the service over HTTP with "
                        + "connectorId \"http-connector\", or make it an external task that a worker serves",
                    at: connector.location))
            }
            found += parameters(connector.inputParameters, kind: "connector input parameter")
            found += parameters(connector.outputParameters, kind: "connector output parameter")
        }
        return found
    }

    /// The problem with a script (a `<camunda:script>`, or a script task's format, text and `camunda:resource`), or
    /// nil when it is an inline expression; `what` names it.
    func script(_ script: CamundaScript, what: String) -> Diagnostic? {
        let format = script.scriptFormat?.trimmingWhitespace() ?? ""
        if format.isEmpty {
            return error(
                "\(what) has no scriptFormat; Camunda requires one, and Baton runs only expressions — write it as a "
                    + "JUEL expression with scriptFormat=\"juel\"", at: script.location)
        }
        if !ScriptLanguage.isExpressionLanguage(format) {
            return error(
                "\(what) is written in \(format), which Baton cannot run (it evaluates only JUEL and FEEL "
                    + "expressions); rewrite it as an expression with scriptFormat=\"juel\", or move the logic to an "
                    + "external task (camunda:type=\"external\" camunda:topic=\"…\") that a worker serves",
                at: script.location)
        }
        if let resource = script.resource {
            return error(
                "\(what) is loaded from the resource '\(resource)', which Baton cannot run; write the expression "
                    + "inline instead", at: script.location)
        }
        return nil
    }

    private func listener(_ listener: CamundaListener, kind: String) -> [Diagnostic] {
        let event = listener.event.map { " on '\($0)'" } ?? ""
        let what = "the \(kind)\(event) of \(owner)"
        var found: [Diagnostic] = []
        if let className = listener.className {
            found.append(error(
                "\(what) uses camunda:class '\(className)', Java code that Baton cannot run; use a listener with "
                    + "camunda:expression, or move the work into an external task", at: listener.location))
        }
        if let delegate = listener.delegateExpression {
            found.append(error(
                "\(what) uses camunda:delegateExpression '\(delegate)', a Java bean that Baton cannot run; use a "
                    + "listener with camunda:expression, or move the work into an external task",
                at: listener.location))
        }
        if let script = listener.script, let problem = self.script(script, what: "the script of \(what)") {
            found.append(problem)
        }
        return found
    }

    private func parameters(_ parameters: [CamundaParameter], kind: String) -> [Diagnostic] {
        parameters.flatMap { parameter in
            scripts(in: parameter.value).compactMap { script($0, what: "the \(kind) '\(parameter.name)' of \(owner)") }
        }
    }

    private func scripts(in value: CamundaParameterValue) -> [CamundaScript] {
        switch value {
        case .null, .text: []
        case .script(let script): [script]
        case .list(let values): values.flatMap(scripts(in:))
        case .map(let entries): entries.flatMap { scripts(in: $0.value) }
        }
    }

    /// A `not-executable` error about the owning element.
    func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, .notExecutable, message, at: location, element: element)
    }
}
