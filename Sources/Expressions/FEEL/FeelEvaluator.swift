/// Evaluates `FeelNode`s with FEEL semantics: undefined names, type mismatches and failed functions give null,
/// never an error. The evaluator type is not generic (no generic metadata to look up per evaluation); its methods are
/// generic over the context. Names bound by `for`, `some`, `every`, filters and context literals live in a small
/// stack of locals.
struct FeelEvaluator {
    private var locals: [(name: String, value: Value)] = []

    /// The node's value.
    mutating func evaluate<C: EvaluationContext>(_ node: FeelNode, _ context: C) -> Value {
        switch node {
        case .literal(let value):
            return value
        case .name(let name):
            return lookup(name, context) ?? .null
        case .path(let base, let key):
            return path(evaluate(base, context), key)
        case .filter(let base, let condition):
            return filter(evaluate(base, context), condition, context)
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(evaluate(item, context)) }
            return .list(values)
        case .context(let entries):
            return contextLiteral(entries, context)
        case .call(let builtin, let arguments):
            var values: [Value] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(evaluate(argument, context)) }
            return FeelFunctions.call(builtin, values, now: context.now)
        case .isDefined(let operand):
            return .bool(isDefined(operand, context))
        case .negate(let operand):
            return FeelArithmetic.negate(evaluate(operand, context))
        case .arithmetic(let op, let left, let right):
            let lhs = evaluate(left, context)
            return FeelArithmetic.apply(op, lhs, evaluate(right, context))
        case .comparison(let op, let left, let right):
            let lhs = evaluate(left, context)
            return FeelEvaluator.compare(op, lhs, evaluate(right, context))
        case .and(let left, let right):
            let lhs = evaluate(left, context)
            if case .bool(false) = lhs { return .bool(false) }
            let rhs = evaluate(right, context)
            if case .bool(false) = rhs { return .bool(false) }
            if case .bool(true) = lhs, case .bool(true) = rhs { return .bool(true) }
            return .null
        case .or(let left, let right):
            let lhs = evaluate(left, context)
            if case .bool(true) = lhs { return .bool(true) }
            let rhs = evaluate(right, context)
            if case .bool(true) = rhs { return .bool(true) }
            if case .bool(false) = lhs, case .bool(false) = rhs { return .bool(false) }
            return .null
        case .between(let value, let low, let high):
            let input = evaluate(value, context)
            let lower = FeelEvaluator.compare(.greaterOrEqual, input, evaluate(low, context))
            let upper = FeelEvaluator.compare(.lessOrEqual, input, evaluate(high, context))
            if case .bool(false) = lower { return .bool(false) }
            if case .bool(false) = upper { return .bool(false) }
            if case .bool(true) = lower, case .bool(true) = upper { return .bool(true) }
            return .null
        case .inTests(let value, let tests):
            let input = evaluate(value, context)
            return test(input, tests, context).map(Value.bool) ?? .null
        case .ifThenElse(let condition, let then, let otherwise):
            if case .bool(true) = evaluate(condition, context) { return evaluate(then, context) }
            return evaluate(otherwise, context)
        case .quantified(let every, let iterations, let body):
            var result: Bool? = every
            iterate(iterations, 0, context) { evaluator in
                let satisfied = evaluator.evaluate(body, context)
                if case .bool(let flag) = satisfied, flag != every {
                    result = !every
                    return false
                }
                return true
            }
            return result.map(Value.bool) ?? .null
        case .forReturn(let iterations, let body):
            var results: [Value] = []
            iterate(iterations, 0, context) { evaluator in
                results.append(evaluator.evaluate(body, context))
                return true
            }
            return .list(results)
        case .range(let low, let high):
            return range(evaluate(low, context), evaluate(high, context)).map(Value.list) ?? .null
        }
    }

    private func lookup<C: EvaluationContext>(_ name: String, _ context: C) -> Value? {
        var position = locals.count
        while position > 0 {
            position -= 1
            if locals[position].name == name { return locals[position].value }
        }
        return context.variable(name)
    }

    private mutating func isDefined<C: EvaluationContext>(_ node: FeelNode, _ context: C) -> Bool {
        switch node {
        case .name(let name):
            return lookup(name, context) != nil
        case .path(let base, let key):
            guard case .map(let entries) = evaluate(base, context) else { return false }
            return entries[key] != nil
        default:
            return !evaluate(node, context).isNull
        }
    }

    private func range(_ low: Value, _ high: Value) -> [Value]? {
        guard case .integer(let first) = low, case .integer(let last) = high else { return nil }
        let (span, overflow) = last.subtractingReportingOverflow(first)
        guard !overflow, span.magnitude < 1_000_000 else { return nil }
        return first <= last ? (first...last).map(Value.integer) : (last...first).reversed().map(Value.integer)
    }

    /// Runs `body` for every combination of the iterations' elements (the first varies slowest); stops when
    /// `body` returns false. Returns false when stopped.
    @discardableResult
    private mutating func iterate<C: EvaluationContext>(
        _ iterations: [FeelNode.Iteration], _ position: Int, _ context: C, _ body: (inout FeelEvaluator) -> Bool
    ) -> Bool {
        guard position < iterations.count else { return body(&self) }
        let iteration = iterations[position]
        let domain: [Value]
        if case .range(let low, let high) = iteration.domain {
            domain = range(evaluate(low, context), evaluate(high, context)) ?? []
        } else {
            switch evaluate(iteration.domain, context) {
            case .list(let items): domain = items
            case .null: domain = []
            case let single: domain = [single]
            }
        }
        for item in domain {
            locals.append((iteration.name, item))
            let carryOn = iterate(iterations, position + 1, context, body)
            locals.removeLast()
            if !carryOn { return false }
        }
        return true
    }

    private mutating func contextLiteral<C: EvaluationContext>(
        _ entries: [FeelNode.ContextEntry], _ context: C
    ) -> Value {
        var result: [String: Value] = [:]
        let mark = locals.count
        for entry in entries {
            let value = evaluate(entry.value, context)
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

    private mutating func filter<C: EvaluationContext>(_ base: Value, _ condition: FeelNode, _ context: C) -> Value {
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
            return Number(evaluate(condition, context)) == nil ? .list([]) : .null
        }
        var kept: [Value] = []
        for (offset, item) in items.enumerated() {
            let mark = locals.count
            locals.append(("item", item))
            if case .map(let entries) = item {
                for (key, value) in entries { locals.append((key, value)) }
            }
            let outcome = evaluate(condition, context)
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
        if index < 0, index >= -items.count { return items[items.count + index] }
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
    private mutating func test<C: EvaluationContext>(_ input: Value, _ tests: [FeelUnaryTest], _ context: C) -> Bool? {
        var undecided = false
        for test in tests {
            switch self.test(input, test, context) {
            case true?: return true
            case nil: undecided = true
            case false?: break
            }
        }
        return undecided ? nil : false
    }

    private mutating func test<C: EvaluationContext>(_ input: Value, _ test: FeelUnaryTest, _ context: C) -> Bool? {
        switch test {
        case .any:
            return true
        case .not(let tests):
            return self.test(input, tests, context).map { !$0 }
        case .compare(let op, let node):
            guard case .bool(let flag) = FeelEvaluator.compare(op, input, evaluate(node, context)) else { return nil }
            return flag
        case .interval(let lowerClosed, let low, let high, let upperClosed):
            guard let lower = FeelValues.compare(input, evaluate(low, context)),
                let upper = FeelValues.compare(input, evaluate(high, context))
            else { return nil }
            return (lowerClosed ? lower >= 0 : lower > 0) && (upperClosed ? upper <= 0 : upper < 0)
        case .value(let node):
            let expected = evaluate(node, context)
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
