/// Evaluates `JuelNode`s with EL coercions. Only `evaluate` is generic over the context (no generic type to
/// instantiate per evaluation, no boxing of the context); the operators are plain functions.
enum JuelEvaluator {
    /// The node's value, or the error that stopped evaluation.
    static func evaluate<C: EvaluationContext>(_ node: JuelNode, _ context: C) throws(EvaluationError) -> Value {
        switch node {
        case .literal(let value):
            return value
        case .identifier(let name):
            guard let value = context.variable(name) else {
                throw EvaluationError(kind: .unknownName, message: "Cannot resolve identifier '\(name)'")
            }
            return value
        case .and(let left, let right):
            guard try JuelCoercion.boolean(try evaluate(left, context)) else { return .bool(false) }
            return .bool(try JuelCoercion.boolean(try evaluate(right, context)))
        case .or(let left, let right):
            if try JuelCoercion.boolean(try evaluate(left, context)) { return .bool(true) }
            return .bool(try JuelCoercion.boolean(try evaluate(right, context)))
        case .conditional(let condition, let then, let otherwise):
            return try evaluate(try JuelCoercion.boolean(try evaluate(condition, context)) ? then : otherwise, context)
        case .binary(let op, let left, let right):
            return try binary(op, try evaluate(left, context), try evaluate(right, context))
        case .unary(let op, let operand):
            return try unary(op, try evaluate(operand, context))
        case .property(let base, let name):
            return try property(try evaluate(base, context), name)
        case .index(let base, let key):
            return try index(try evaluate(base, context), try evaluate(key, context))
        case .method(let receiver, let method, let arguments):
            var values: [Value] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(try evaluate(argument, context)) }
            return try JuelMethods.call(method, on: try evaluate(receiver, context), with: values)
        case .getVariable(let argument):
            return context.variable(try variableName(try evaluate(argument, context), "getVariable")) ?? .null
        case .hasVariable(let argument):
            return .bool(context.variable(try variableName(try evaluate(argument, context), "hasVariable")) != nil)
        case .spin(let argument):
            return try JuelMethods.spin(try evaluate(argument, context))
        case .spinMethod(let receiver, let method, let arguments):
            var values: [Value] = []
            for argument in arguments { values.append(try evaluate(argument, context)) }
            return try JuelMethods.callSpin(method, on: try evaluate(receiver, context), with: values)
        }
    }

    private static func variableName(_ value: Value, _ method: String) throws(EvaluationError) -> String {
        guard case .string(let name) = value else {
            throw EvaluationError(
                kind: .invalidArgument, message: "execution.\(method) expects a String name, not \(value.typeName)")
        }
        return name
    }

    private static func unary(_ op: JuelNode.UnaryOperator, _ operand: Value) throws(EvaluationError) -> Value {
        switch op {
        case .not:
            return .bool(!(try JuelCoercion.boolean(operand)))
        case .empty:
            return .bool(JuelCoercion.isEmpty(operand))
        case .negate:
            switch try JuelCoercion.number(operand) {
            case .integer(let integer):
                return integer == Int.min ? .decimal(-Double(integer)) : .integer(-integer)
            case .decimal(let decimal):
                return .decimal(-decimal)
            }
        }
    }

    private static func binary(_ op: JuelNode.BinaryOperator, _ left: Value, _ right: Value) throws(EvaluationError)
        -> Value
    {
        switch op {
        case .equal:
            return .bool(try JuelCoercion.equal(left, right))
        case .notEqual:
            return .bool(!(try JuelCoercion.equal(left, right)))
        case .less:
            return .bool((try JuelCoercion.compare(left, right)).map { $0 < 0 } ?? false)
        case .greater:
            return .bool((try JuelCoercion.compare(left, right)).map { $0 > 0 } ?? false)
        case .lessOrEqual:
            return .bool((try JuelCoercion.compare(left, right)).map { $0 <= 0 } ?? false)
        case .greaterOrEqual:
            return .bool((try JuelCoercion.compare(left, right)).map { $0 >= 0 } ?? false)
        case .add:
            if case .integer(let lhs) = left, case .integer(let rhs) = right {
                let (sum, overflow) = lhs.addingReportingOverflow(rhs)
                if !overflow { return .integer(sum) }
            }
            return Number.add(try JuelCoercion.number(left), try JuelCoercion.number(right)).value
        case .subtract:
            return Number.subtract(try JuelCoercion.number(left), try JuelCoercion.number(right)).value
        case .multiply:
            return Number.multiply(try JuelCoercion.number(left), try JuelCoercion.number(right)).value
        case .divide:
            let divisor = try JuelCoercion.number(right).doubleValue
            guard divisor != 0 else { throw EvaluationError(kind: .divisionByZero, message: "Division by zero") }
            return .decimal(try JuelCoercion.number(left).doubleValue / divisor)
        case .modulo:
            let lhs = try JuelCoercion.number(left)
            let rhs = try JuelCoercion.number(right)
            if case .integer(let dividend) = lhs, case .integer(let divisor) = rhs {
                guard divisor != 0 else { throw EvaluationError(kind: .divisionByZero, message: "Modulo by zero") }
                return divisor == -1 ? .integer(0) : .integer(dividend % divisor)
            }
            guard rhs.doubleValue != 0 else {
                throw EvaluationError(kind: .divisionByZero, message: "Modulo by zero")
            }
            return .decimal(lhs.doubleValue.truncatingRemainder(dividingBy: rhs.doubleValue))
        }
    }

    private static func property(_ base: Value, _ name: String) throws(EvaluationError) -> Value {
        switch base {
        case .null: return .null
        case .map(let entries): return entries[name] ?? .null
        default:
            throw EvaluationError(
                kind: .typeMismatch, message: "Cannot read property '\(name)' of \(base.typeName)")
        }
    }

    private static func index(_ base: Value, _ key: Value) throws(EvaluationError) -> Value {
        switch base {
        case .null: return .null
        case .map(let entries):
            if key.isNull { return .null }
            return entries[JuelCoercion.string(key)] ?? .null
        case .list(let items):
            if key.isNull { return .null }
            guard case .integer(let position) = try JuelCoercion.number(key) else {
                throw EvaluationError(kind: .typeMismatch, message: "A list index must be an integer")
            }
            return items.indices.contains(position) ? items[position] : .null
        default:
            throw EvaluationError(kind: .typeMismatch, message: "Cannot index into \(base.typeName)")
        }
    }
}
