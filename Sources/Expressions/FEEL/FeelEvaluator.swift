/// Evaluates `FeelNode`s with FEEL semantics: undefined names, type mismatches and failed functions give null,
/// never an error. Specialised per context type (no boxing); names bound by `for`, `some`, `every`, filters and
/// context literals live in a small stack of locals.
struct FeelEvaluator<Context: EvaluationContext> {
    let context: Context
    private var locals: [(name: String, value: Value)] = []

    init(context: Context) {
        self.context = context
    }

    /// The node's value.
    mutating func evaluate(_ node: FeelNode) -> Value {
        switch node {
        case .literal(let value):
            return value
        case .name(let name):
            return lookup(name) ?? .null
        case .path(let base, let key):
            return path(evaluate(base), key)
        case .filter(let base, let condition):
            return filter(evaluate(base), condition)
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(evaluate(item)) }
            return .list(values)
        case .context(let entries):
            return contextLiteral(entries)
        case .call(let builtin, let arguments):
            var values: [Value] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(evaluate(argument)) }
            return FeelFunctions.call(builtin, values, now: context.now)
        case .isDefined(let operand):
            return .bool(isDefined(operand))
        case .negate(let operand):
            return FeelArithmetic.negate(evaluate(operand))
        case .arithmetic(let op, let left, let right):
            let lhs = evaluate(left)
            return FeelArithmetic.apply(op, lhs, evaluate(right))
        case .comparison(let op, let left, let right):
            let lhs = evaluate(left)
            return FeelEvaluator.compare(op, lhs, evaluate(right))
        case .and(let left, let right):
            let lhs = evaluate(left)
            if case .bool(false) = lhs { return .bool(false) }
            let rhs = evaluate(right)
            if case .bool(false) = rhs { return .bool(false) }
            if case .bool(true) = lhs, case .bool(true) = rhs { return .bool(true) }
            return .null
        case .or(let left, let right):
            let lhs = evaluate(left)
            if case .bool(true) = lhs { return .bool(true) }
            let rhs = evaluate(right)
            if case .bool(true) = rhs { return .bool(true) }
            if case .bool(false) = lhs, case .bool(false) = rhs { return .bool(false) }
            return .null
        case .between(let value, let low, let high):
            let input = evaluate(value)
            let lower = FeelEvaluator.compare(.greaterOrEqual, input, evaluate(low))
            let upper = FeelEvaluator.compare(.lessOrEqual, input, evaluate(high))
            if case .bool(false) = lower { return .bool(false) }
            if case .bool(false) = upper { return .bool(false) }
            if case .bool(true) = lower, case .bool(true) = upper { return .bool(true) }
            return .null
        case .inTests(let value, let tests):
            let input = evaluate(value)
            return test(input, tests).map(Value.bool) ?? .null
        case .ifThenElse(let condition, let then, let otherwise):
            if case .bool(true) = evaluate(condition) { return evaluate(then) }
            return evaluate(otherwise)
        case .quantified(let every, let iterations, let body):
            var result: Bool? = every
            iterate(iterations, 0) { evaluator in
                let satisfied = evaluator.evaluate(body)
                if case .bool(let flag) = satisfied, flag != every {
                    result = !every
                    return false
                }
                return true
            }
            return result.map(Value.bool) ?? .null
        case .forReturn(let iterations, let body):
            var results: [Value] = []
            iterate(iterations, 0) { evaluator in
                results.append(evaluator.evaluate(body))
                return true
            }
            return .list(results)
        case .range(let low, let high):
            return range(evaluate(low), evaluate(high)).map(Value.list) ?? .null
        }
    }

    private func lookup(_ name: String) -> Value? {
        var position = locals.count
        while position > 0 {
            position -= 1
            if locals[position].name == name { return locals[position].value }
        }
        return context.variable(name)
    }

    private mutating func isDefined(_ node: FeelNode) -> Bool {
        switch node {
        case .name(let name):
            return lookup(name) != nil
        case .path(let base, let key):
            guard case .map(let entries) = evaluate(base) else { return false }
            return entries[key] != nil
        default:
            return !evaluate(node).isNull
        }
    }

    private func range(_ low: Value, _ high: Value) -> [Value]? {
        guard case .integer(let first) = low, case .integer(let last) = high, abs(last - first) < 10_000_000 else {
            return nil
        }
        return first <= last ? (first...last).map(Value.integer) : (last...first).reversed().map(Value.integer)
    }

    /// Runs `body` for every combination of the iterations' elements (the first varies slowest); stops when
    /// `body` returns false. Returns false when stopped.
    @discardableResult
    private mutating func iterate(
        _ iterations: [FeelNode.Iteration], _ position: Int, _ body: (inout FeelEvaluator) -> Bool
    ) -> Bool {
        guard position < iterations.count else { return body(&self) }
        let iteration = iterations[position]
        let domain: [Value]
        if case .range(let low, let high) = iteration.domain {
            domain = range(evaluate(low), evaluate(high)) ?? []
        } else {
            switch evaluate(iteration.domain) {
            case .list(let items): domain = items
            case .null: domain = []
            case let single: domain = [single]
            }
        }
        for item in domain {
            locals.append((iteration.name, item))
            let carryOn = iterate(iterations, position + 1, body)
            locals.removeLast()
            if !carryOn { return false }
        }
        return true
    }

    private mutating func contextLiteral(_ entries: [FeelNode.ContextEntry]) -> Value {
        var result: [String: Value] = [:]
        let mark = locals.count
        for entry in entries {
            let value = evaluate(entry.value)
            result[entry.key] = value
            locals.append((entry.key, value))
        }
        locals.removeLast(locals.count - mark)
        return .map(result)
    }

    private func path(_ base: Value, _ key: String) -> Value {
        switch base {
        case .map(let entries):
            return entries[key] ?? .null
        case .list(let items):
            return .list(items.map { path($0, key) })
        case .dateTime(let dateTime):
            return FeelFunctions.property(of: dateTime, key)
        default:
            return .null
        }
    }

    private mutating func filter(_ base: Value, _ condition: FeelNode) -> Value {
        let items: [Value]
        switch base {
        case .null: return .null
        case .list(let list): items = list
        default: items = [base]
        }
        if case .literal(let literal) = condition, let position = Number(literal) {
            return FeelEvaluator.element(items, position)
        }
        guard !items.isEmpty else {
            return Number(evaluate(condition)) == nil ? .list([]) : .null
        }
        var kept: [Value] = []
        for (offset, item) in items.enumerated() {
            let mark = locals.count
            locals.append(("item", item))
            if case .map(let entries) = item {
                for (key, value) in entries { locals.append((key, value)) }
            }
            let outcome = evaluate(condition)
            locals.removeLast(locals.count - mark)
            if offset == 0, let position = Number(outcome) { return FeelEvaluator.element(items, position) }
            if case .bool(true) = outcome { kept.append(item) }
        }
        return .list(kept)
    }

    private static func element(_ items: [Value], _ position: Number) -> Value {
        guard case .integer(let index) = position else {
            let decimal = position.doubleValue
            guard decimal == decimal.rounded(), abs(decimal) < 1e15 else { return .null }
            return element(items, .integer(Int(decimal)))
        }
        if index > 0, index <= items.count { return items[index - 1] }
        if index < 0, -index <= items.count { return items[items.count + index] }
        return .null
    }

    static func compare(_ op: FeelNode.ComparisonOperator, _ lhs: Value, _ rhs: Value) -> Value {
        switch op {
        case .equal: return FeelValues.equal(lhs, rhs).map(Value.bool) ?? .null
        case .notEqual: return FeelValues.equal(lhs, rhs).map { .bool(!$0) } ?? .null
        case .less: return FeelValues.compare(lhs, rhs).map { .bool($0 < 0) } ?? .null
        case .lessOrEqual: return FeelValues.compare(lhs, rhs).map { .bool($0 <= 0) } ?? .null
        case .greater: return FeelValues.compare(lhs, rhs).map { .bool($0 > 0) } ?? .null
        case .greaterOrEqual: return FeelValues.compare(lhs, rhs).map { .bool($0 >= 0) } ?? .null
        }
    }

    /// Whether the input passes any of the tests; nil when none passes and some could not be decided.
    private mutating func test(_ input: Value, _ tests: [FeelUnaryTest]) -> Bool? {
        var undecided = false
        for test in tests {
            switch self.test(input, test) {
            case true?: return true
            case nil: undecided = true
            case false?: break
            }
        }
        return undecided ? nil : false
    }

    private mutating func test(_ input: Value, _ test: FeelUnaryTest) -> Bool? {
        switch test {
        case .any:
            return true
        case .not(let tests):
            return self.test(input, tests).map { !$0 }
        case .compare(let op, let node):
            guard case .bool(let flag) = FeelEvaluator.compare(op, input, evaluate(node)) else { return nil }
            return flag
        case .interval(let lowerClosed, let low, let high, let upperClosed):
            guard let lower = FeelValues.compare(input, evaluate(low)),
                let upper = FeelValues.compare(input, evaluate(high))
            else { return nil }
            return (lowerClosed ? lower >= 0 : lower > 0) && (upperClosed ? upper <= 0 : upper < 0)
        case .value(let node):
            let expected = evaluate(node)
            if case .list(let items) = expected {
                if case .list = input, let same = FeelValues.equal(input, expected), same { return true }
                var undecided = false
                for item in items {
                    switch FeelValues.equal(input, item) {
                    case true?: return true
                    case nil: undecided = true
                    case false?: break
                    }
                }
                return undecided ? nil : false
            }
            return FeelValues.equal(input, expected)
        }
    }
}
