/// The parsed form of a FEEL expression, evaluated by `FeelEvaluator`.
indirect enum FeelNode: Sendable {
    /// An arithmetic operator.
    enum ArithmeticOperator: Sendable {
        case add, subtract, multiply, divide, power
    }

    /// A comparison operator.
    enum ComparisonOperator: Sendable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    }

    /// A name bound to each element of a list (`for x in xs`, `some x in xs`).
    struct Iteration: Sendable {
        let name: String
        let domain: FeelNode
    }

    /// One `key: value` entry of a context literal.
    struct ContextEntry: Sendable {
        let key: String
        let value: FeelNode
    }

    case literal(Value)
    case name(String)
    case path(FeelNode, String)
    case filter(FeelNode, FeelNode)
    case list([FeelNode])
    case context([ContextEntry])
    case call(FeelBuiltin, [FeelNode])
    case isDefined(FeelNode)
    case negate(FeelNode)
    case arithmetic(ArithmeticOperator, FeelNode, FeelNode)
    case comparison(ComparisonOperator, FeelNode, FeelNode)
    case and(FeelNode, FeelNode)
    case or(FeelNode, FeelNode)
    case between(FeelNode, FeelNode, FeelNode)
    case inTests(FeelNode, [FeelUnaryTest])
    case ifThenElse(FeelNode, FeelNode, FeelNode)
    case quantified(every: Bool, [Iteration], FeelNode)
    case forReturn([Iteration], FeelNode)
    /// `a..b` as a `for` domain: the integers from a to b (counting down when b < a).
    case range(FeelNode, FeelNode)

    /// Adds the names the node reads from the context (not bound inside the expression) to `names`.
    func collectVariables(into names: inout Set<String>, bound: Set<String>) {
        switch self {
        case .literal: break
        case .name(let name): if !bound.contains(name) { names.insert(name) }
        case .path(let base, _), .negate(let base), .isDefined(let base):
            base.collectVariables(into: &names, bound: bound)
        case .filter(let base, let condition):
            base.collectVariables(into: &names, bound: bound)
            condition.collectVariables(into: &names, bound: bound.union(["item"]))
        case .list(let items), .call(_, let items):
            for item in items { item.collectVariables(into: &names, bound: bound) }
        case .context(let entries):
            var inner = bound
            for entry in entries {
                entry.value.collectVariables(into: &names, bound: inner)
                inner.insert(entry.key)
            }
        case .arithmetic(_, let left, let right), .comparison(_, let left, let right), .and(let left, let right),
            .or(let left, let right), .range(let left, let right):
            left.collectVariables(into: &names, bound: bound)
            right.collectVariables(into: &names, bound: bound)
        case .between(let value, let low, let high), .ifThenElse(let value, let low, let high):
            value.collectVariables(into: &names, bound: bound)
            low.collectVariables(into: &names, bound: bound)
            high.collectVariables(into: &names, bound: bound)
        case .inTests(let value, let tests):
            value.collectVariables(into: &names, bound: bound)
            for test in tests { test.collectVariables(into: &names, bound: bound) }
        case .quantified(_, let iterations, let body), .forReturn(let iterations, let body):
            var inner = bound
            for iteration in iterations {
                iteration.domain.collectVariables(into: &names, bound: inner)
                inner.insert(iteration.name)
            }
            body.collectVariables(into: &names, bound: inner)
        }
    }
}

/// One test of `x in …`: a comparison with the input, an interval, a value (or list) it must equal (or be in), a
/// negation, or `-` (anything).
indirect enum FeelUnaryTest: Sendable {
    case compare(FeelNode.ComparisonOperator, FeelNode)
    case interval(lowerClosed: Bool, FeelNode, FeelNode, upperClosed: Bool)
    case value(FeelNode)
    case not([FeelUnaryTest])
    case any

    /// Adds the names the test reads to `names`.
    func collectVariables(into names: inout Set<String>, bound: Set<String>) {
        switch self {
        case .compare(_, let node), .value(let node): node.collectVariables(into: &names, bound: bound)
        case .interval(_, let low, let high, _):
            low.collectVariables(into: &names, bound: bound)
            high.collectVariables(into: &names, bound: bound)
        case .not(let tests): for test in tests { test.collectVariables(into: &names, bound: bound) }
        case .any: break
        }
    }
}
