import BPMN
import Expressions

extension Interpreter {
    /// Starts a multi-instance body: boundary events, how many instances, the `nrOf…` variables, then the first
    /// instance (sequential) or all of them (parallel).
    mutating func startMultiInstance(_ body: ElementInstanceKey) {
        guard let element = state.elements[body], let spec = process[element.node].multiInstance else { return }
        guard openBoundaries(body) else { return }
        var total = 0
        var items: [Value]?
        if let collection = spec.collection {
            guard let value = evaluate(collection, in: body, for: body, what: "multi-instance collection") else {
                return
            }
            switch value {
            case .list(let list): items = list
            case .null: items = []
            default:
                raiseIncident(
                    on: body, .expressionFailed,
                    "the multi-instance collection of \(describe(key: body)) is \(value.kindName), not a list "
                        + "(expression '\(collection.source)')", retry: .execute)
                return
            }
            total = items?.count ?? 0
        } else if let cardinality = spec.cardinality {
            guard let value = evaluate(cardinality, in: body, for: body, what: "loop cardinality") else { return }
            guard let count = Self.integer(value), count >= 0 else {
                raiseIncident(
                    on: body, .expressionFailed,
                    "the loop cardinality of \(describe(key: body)) is \(value.kindName) '\(value.textValue ?? "")', "
                        + "not a non-negative integer", retry: .execute)
                return
            }
            total = count
        }
        emit(.multiInstanceStarted(body, total: total, items: items))
        setLocal("nrOfInstances", .integer(total), on: body)
        setLocal("nrOfCompletedInstances", .integer(0), on: body)
        setLocal("nrOfActiveInstances", .integer(spec.isSequential ? min(1, total) : total), on: body)
        if let output = spec.outputCollection {
            setLocal(output, .list(Array(repeating: .null, count: total)), on: body)
        }
        guard total > 0 else {
            agenda.append(.complete(body))
            return
        }
        let count = spec.isSequential ? 1 : total
        var started: [ElementInstanceKey] = []
        for index in 0..<count { started.append(startInner(body, index: index, spec: spec, items: items)) }
        agenda.append(contentsOf: started.reversed().map { .execute($0) })
    }

    private mutating func startInner(
        _ body: ElementInstanceKey, index: Int, spec: MultiInstanceSpec, items: [Value]?
    ) -> ElementInstanceKey {
        let node = state.elements[body]?.node ?? .process
        let key = activate(node, parent: body, role: .multiInstanceInner(loopCounter: index))
        setLocal("loopCounter", .integer(index), on: key)
        if let name = spec.elementVariable, let items, index < items.count { setLocal(name, items[index], on: key) }
        return key
    }

    /// One instance completed: record its output, count it, and either start the next one, finish the body (all
    /// done, or the completion condition holds), or wait for the others.
    mutating func completeInner(
        _ key: ElementInstanceKey, _ element: ElementInstance, loopCounter: Int, outputs: [(String, Value)],
        overrides outputOverrides: [String: Value]?
    ) {
        guard let body = element.parent, let bodyElement = state.elements[body],
            let spec = process[element.node].multiInstance, let progress = state.loops[body]
        else { return }
        var outputValue: Value?
        if spec.outputCollection != nil, let expression = spec.outputElement {
            guard
                let value = evaluate(
                    expression, in: key, for: key, what: "output element", retry: .complete, overrides: outputOverrides)
            else { return }
            outputValue = value
        }
        let completed = progress.completed + 1
        let active = spec.isSequential ? 1 : max(0, bodyElement.childCount - 1)
        var finished = completed >= progress.total
        if let condition = spec.completionCondition, !finished {
            var overrides: [String: Value] = outputOverrides ?? [:]
            overrides["nrOfCompletedInstances"] = .integer(completed)
            overrides["nrOfActiveInstances"] = .integer(active)
            guard
                let value = evaluate(
                    condition, in: key, for: key, what: "completion condition", retry: .complete, overrides: overrides)
            else { return }
            if case .bool(true) = value { finished = true }
        }
        for (name, value) in outputs { setVariable(name, value, from: body) }
        if let name = spec.outputCollection, let outputValue, case .list(var list)? = state.variables[body]?[name],
            loopCounter < list.count
        {
            list[loopCounter] = outputValue
            setLocal(name, .list(list), on: body)
        }
        closeSubscriptions(ownedBy: key)
        emit(.elementCompleted(key, node: element.node))
        setLocal("nrOfCompletedInstances", .integer(completed), on: body)
        if finished {
            for child in state.children(of: body) { terminate(child.key) }
            setLocal("nrOfActiveInstances", .integer(0), on: body)
            agenda.append(.complete(body))
        } else if spec.isSequential {
            let next = startInner(body, index: progress.started, spec: spec, items: progress.items)
            agenda.append(.execute(next))
        } else {
            setLocal("nrOfActiveInstances", .integer(active), on: body)
        }
    }

    static func integer(_ value: Value) -> Int? {
        switch value {
        case .integer(let number): number
        case .decimal(let number) where number == number.rounded(): Int(exactly: number)
        case .string(let text): Int(text.trimmedWhitespace)
        default: nil
        }
    }
}
