import BPMN
import Expressions

/// One step's worth of work on one instance. Every change of state is an emitted event (applied at once); work that
/// follows from it waits on a stack, so tokens run depth-first in flow order until they wait, as in Camunda.
struct Interpreter {
    /// A unit of pending work.
    enum Work {
        /// Run the behaviour of an activated element.
        case execute(ElementInstanceKey)
        /// Leave an element: outputs, outgoing flows.
        case complete(ElementInstanceKey)
        /// See whether a joining gateway can fire.
        case checkJoin(NodeIndex, scope: ElementInstanceKey)
        /// A token ended in this scope: see whether the scope is done.
        case checkScope(ElementInstanceKey)
    }

    let process: ExecutableProcess
    let now: DateTime
    var state: InstanceState
    var events: [InstanceEvent] = []
    var effects: [Effect] = []
    var agenda: [Work] = []
    private var budget: Int
    private var reservedKey: Int

    init(process: ExecutableProcess, state: InstanceState, context: StepContext) {
        self.process = process
        self.state = state
        now = context.now
        budget = context.stepLimit
        reservedKey = state.nextKey
        events.reserveCapacity(32)
        agenda.reserveCapacity(16)
    }

    // MARK: Plumbing

    mutating func emit(_ event: InstanceEvent) {
        events.append(event)
        state.apply(event, in: process)
    }

    mutating func takeKey() -> Int {
        let key = max(state.nextKey, reservedKey)
        reservedKey = key + 1
        return key
    }

    mutating func run() {
        repeat {
            drain()
            if budget < 0 { return }
            // Tokens that moved may have unblocked inclusive joins they can no longer reach.
            let waiting = state.joinArrivals.keys.filter {
                if case .inclusiveGateway = process[$0.gateway].behavior { return true } else { return false }
            }.sorted { ($0.scope, $0.gateway) < ($1.scope, $1.gateway) }
            for point in waiting { checkJoin(point.gateway, scope: point.scope) }
        } while !agenda.isEmpty
    }

    private mutating func drain() {
        while let work = agenda.popLast() {
            budget -= 1
            if budget < 0 {
                agenda.append(work)
                abandonAgenda()
                return
            }
            switch work {
            case .execute(let key): execute(key)
            case .complete(let key): complete(key)
            case .checkJoin(let gateway, let scope): checkJoin(gateway, scope: scope)
            case .checkScope(let key): checkScope(key)
            }
        }
    }

    /// The step limit was reached: every pending piece of work becomes an incident, so no token is lost.
    private mutating func abandonAgenda() {
        let pending = agenda
        agenda = []
        var seen: Set<ElementInstanceKey> = []
        for work in pending {
            let key: ElementInstanceKey
            let retry: RetryPoint
            switch work {
            case .execute(let element): (key, retry) = (element, .execute)
            case .complete(let element): (key, retry) = (element, .complete)
            case .checkScope(let scope):
                guard state.elements[scope]?.childCount == 0 else { continue }
                (key, retry) = (scope, .complete)
            case .checkJoin(_, let scope): (key, retry) = (scope, .checkJoins)
            }
            guard state.elements[key] != nil, seen.insert(key).inserted else { continue }
            raiseIncident(
                on: key, .stepLimitExceeded,
                "the step ran more than the limit of element operations without reaching a wait state; the model "
                    + "probably loops forever (no wait state on the cycle)", retry: retry)
        }
    }

    // MARK: Helpers

    func node(of key: ElementInstanceKey) -> ExecutableNode? {
        state.elements[key].map { process[$0.node] }
    }

    func context(_ scope: ElementInstanceKey?, overrides: [String: Value]? = nil) -> ScopeContext {
        ScopeContext(state: state, scope: scope, now: now, overrides: overrides)
    }

    /// Describes an element for messages: `userTask 'Approve'`.
    func describe(_ node: NodeIndex) -> String {
        let element = process[node]
        return "\(element.elementName) '\(element.id.rawValue)'"
    }

    /// Describes a live element instance for messages.
    func describe(key: ElementInstanceKey) -> String {
        state.elements[key].map { describe($0.node) } ?? "element instance \(key)"
    }

    mutating func raiseIncident(
        on key: ElementInstanceKey, _ kind: IncidentKind, _ message: String, retry: RetryPoint
    ) {
        guard let element = state.elements[key] else { return }
        let incident = Incident(element: key, node: element.node, kind: kind, message: message, retry: retry)
        emit(.incidentRaised(IncidentKey(takeKey()), incident))
    }

    /// Evaluates an expression in a scope; a failure raises an incident on `key` and returns nil.
    mutating func evaluate(
        _ expression: CompiledExpression, in scope: ElementInstanceKey?, for key: ElementInstanceKey, what: String,
        retry: RetryPoint = .execute, overrides: [String: Value]? = nil
    ) -> Value? {
        switch expression.evaluate(in: context(scope, overrides: overrides)) {
        case .success(let value):
            return value
        case .failure(let error):
            let element = state.elements[key].map { describe($0.node) } ?? "element"
            raiseIncident(
                on: key, .expressionFailed,
                "the \(what) of \(element) could not be evaluated: \(error.message) (expression '\(expression.source)')",
                retry: retry)
            return nil
        }
    }

    // MARK: Variables

    /// Sets a variable as Camunda's `setVariable` does: where the scope chain already has it, else on the process.
    mutating func setVariable(_ name: String, _ value: Value, from scope: ElementInstanceKey) {
        var current: ElementInstanceKey? = scope
        while let key = current {
            let element = state.elements[key]
            if element == nil || element?.hasVariables == true || element?.parent == nil,
                let old = state.variables[key]?[name]
            {
                emit(.variableUpdated(scope: key, name: name, old: old, new: value))
                return
            }
            current = element?.parent
        }
        if let root = state.rootKey { emit(.variableCreated(scope: root, name: name, value: value)) }
    }

    /// Sets a variable on this scope itself.
    mutating func setLocal(_ name: String, _ value: Value, on scope: ElementInstanceKey) {
        if let old = state.variables[scope]?[name] {
            emit(.variableUpdated(scope: scope, name: name, old: old, new: value))
        } else {
            emit(.variableCreated(scope: scope, name: name, value: value))
        }
    }

    mutating func setVariables(_ values: [String: Value], from scope: ElementInstanceKey) {
        for name in values.keys.sorted() {
            if let value = values[name] { setVariable(name, value, from: scope) }
        }
    }

    mutating func setLocals(_ values: [String: Value], on scope: ElementInstanceKey) {
        for name in values.keys.sorted() {
            if let value = values[name] { setLocal(name, value, on: scope) }
        }
    }

    /// Evaluates a mapping value (input/output parameter, connector parameter).
    mutating func mappingValue(
        _ value: MappingValue, in scope: ElementInstanceKey?, for key: ElementInstanceKey, what: String,
        retry: RetryPoint, overrides: [String: Value]? = nil
    ) -> Value? {
        switch value {
        case .null:
            return .null
        case .expression(let expression):
            return evaluate(expression, in: scope, for: key, what: what, retry: retry, overrides: overrides)
        case .list(let items):
            var result: [Value] = []
            for item in items {
                guard let value = mappingValue(item, in: scope, for: key, what: what, retry: retry, overrides: overrides)
                else { return nil }
                result.append(value)
            }
            return .list(result)
        case .map(let entries):
            var result: [String: Value] = [:]
            for (name, item) in entries {
                guard let value = mappingValue(item, in: scope, for: key, what: what, retry: retry, overrides: overrides)
                else { return nil }
                result[name] = value
            }
            return .map(result)
        }
    }
}
