/// The parsed form of a JUEL expression (Unified EL as Camunda 7 uses it), evaluated by `JuelEvaluator`.
indirect enum JuelNode: Sendable {
    /// A binary operator other than the short-circuit ones.
    enum BinaryOperator: Sendable {
        case add, subtract, multiply, divide, modulo
        case equal, notEqual, less, greater, lessOrEqual, greaterOrEqual
    }

    /// A unary operator.
    enum UnaryOperator: Sendable {
        case negate, not, empty
    }

    /// A whitelisted method on values (strings, lists, maps).
    enum Method: String, Sendable, CaseIterable {
        case equals, equalsIgnoreCase, contains, startsWith, endsWith, isEmpty, length, size, toUpperCase,
            toLowerCase, trim

        /// How many arguments the method takes.
        var arity: Int {
            switch self {
            case .equals, .equalsIgnoreCase, .contains, .startsWith, .endsWith: 1
            case .isEmpty, .length, .size, .toUpperCase, .toLowerCase, .trim: 0
            }
        }
    }

    /// A Camunda Spin method on a value made by `S(…)` or `JSON(…)`.
    enum SpinMethod: String, Sendable, CaseIterable {
        case prop, elements, stringValue, numberValue, boolValue, value

        /// How many arguments the method takes.
        var arity: Int { self == .prop ? 1 : 0 }
    }

    case literal(Value)
    case identifier(String)
    case property(JuelNode, String)
    case index(JuelNode, JuelNode)
    case method(JuelNode, Method, [JuelNode])
    case getVariable(JuelNode)
    case hasVariable(JuelNode)
    case spin(JuelNode)
    case spinMethod(JuelNode, SpinMethod, [JuelNode])
    case unary(UnaryOperator, JuelNode)
    case binary(BinaryOperator, JuelNode, JuelNode)
    case and(JuelNode, JuelNode)
    case or(JuelNode, JuelNode)
    case conditional(JuelNode, JuelNode, JuelNode)

    /// Whether the node yields a Camunda Spin value (so Spin methods may be called on it).
    var isSpin: Bool {
        switch self {
        case .spin: true
        case .spinMethod(_, let method, _): method == .prop || method == .elements
        case .index(let base, _): base.isSpin
        default: false
        }
    }

    /// Adds the variable names the node reads to `names`.
    func collectVariables(into names: inout Set<String>) {
        switch self {
        case .literal: break
        case .identifier(let name): names.insert(name)
        case .property(let base, _): base.collectVariables(into: &names)
        case .index(let base, let key):
            base.collectVariables(into: &names)
            key.collectVariables(into: &names)
        case .method(let base, _, let arguments), .spinMethod(let base, _, let arguments):
            base.collectVariables(into: &names)
            for argument in arguments { argument.collectVariables(into: &names) }
        case .getVariable(let argument), .hasVariable(let argument):
            if case .literal(.string(let name)) = argument {
                names.insert(name)
            } else {
                argument.collectVariables(into: &names)
            }
        case .spin(let argument), .unary(_, let argument): argument.collectVariables(into: &names)
        case .binary(_, let left, let right), .and(let left, let right), .or(let left, let right):
            left.collectVariables(into: &names)
            right.collectVariables(into: &names)
        case .conditional(let condition, let then, let otherwise):
            condition.collectVariables(into: &names)
            then.collectVariables(into: &names)
            otherwise.collectVariables(into: &names)
        }
    }
}
