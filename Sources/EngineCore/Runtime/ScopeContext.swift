import Expressions

/// Expression evaluation as seen from one scope instance: variables through the scope chain, and the step's clock.
struct ScopeContext: EvaluationContext {
    let variables: [ElementInstanceKey: [String: Value]]
    let elements: [ElementInstanceKey: ElementInstance]
    let scope: ElementInstanceKey?
    let now: DateTime
    var overrides: [String: Value]?

    init(state: InstanceState, scope: ElementInstanceKey?, now: DateTime, overrides: [String: Value]? = nil) {
        variables = state.variables
        elements = state.elements
        self.scope = scope
        self.now = now
        self.overrides = overrides
    }

    func variable(_ name: String) -> Value? {
        if let value = overrides?[name] { return value }
        var current = scope
        while let key = current {
            guard let element = elements[key] else { return variables[key]?[name] }
            // Only scopes that ever had local variables (and the process) are looked up.
            if element.hasVariables || element.parent == nil, let value = variables[key]?[name] { return value }
            current = element.parent
        }
        return nil
    }
}

/// Expression evaluation against a plain set of variables (a called process's output).
struct DictionaryContext: EvaluationContext {
    let values: [String: Value]
    let now: DateTime

    func variable(_ name: String) -> Value? { values[name] }
}
