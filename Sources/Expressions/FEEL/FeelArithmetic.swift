/// FEEL arithmetic: numbers (integers stay exact while they can), string concatenation with `+`, and date-time and
/// duration arithmetic. Anything else, and any null operand, gives null.
enum FeelArithmetic {
    /// `-x`.
    static func negate(_ value: Value) -> Value {
        switch value {
        case .integer(let integer): integer == Int.min ? .decimal(-Double(integer)) : .integer(-integer)
        case .decimal(let decimal): .decimal(-decimal)
        case .duration(let duration): .duration(FeelValues.negated(duration))
        default: .null
        }
    }

    /// `lhs op rhs`.
    static func apply(_ op: FeelNode.ArithmeticOperator, _ lhs: Value, _ rhs: Value) -> Value {
        if let left = Number(lhs), let right = Number(rhs) { return numbers(op, left, right) }
        switch (op, lhs, rhs) {
        case (.add, .string(let left), .string(let right)):
            return .string(left + right)
        case (.add, .dateTime(let dateTime), .duration(let duration)),
            (.add, .duration(let duration), .dateTime(let dateTime)):
            return .dateTime(duration.added(to: dateTime))
        case (.subtract, .dateTime(let dateTime), .duration(let duration)):
            return .dateTime(FeelValues.negated(duration).added(to: dateTime))
        case (.subtract, .dateTime(let left), .dateTime(let right)):
            let (difference, overflow) = left.epochMilliseconds.subtractingReportingOverflow(right.epochMilliseconds)
            return overflow ? .null : .duration(FeelValues.duration(milliseconds: difference))
        case (.add, .duration(let left), .duration(let right)):
            return sum(left, right)
        case (.subtract, .duration(let left), .duration(let right)):
            return sum(left, FeelValues.negated(right))
        case (.multiply, .duration(let duration), _):
            guard let factor = Number(rhs) else { return .null }
            return scaled(duration, by: factor.doubleValue)
        case (.multiply, _, .duration(let duration)):
            guard let factor = Number(lhs) else { return .null }
            return scaled(duration, by: factor.doubleValue)
        case (.divide, .duration(let duration), _):
            guard let divisor = Number(rhs), divisor.doubleValue != 0 else { return .null }
            return scaled(duration, by: 1 / divisor.doubleValue)
        default:
            return .null
        }
    }

    private static func sum(_ left: ISODuration, _ right: ISODuration) -> Value {
        let (months, monthsOverflow) = left.months.addingReportingOverflow(right.months)
        let (days, daysOverflow) = left.days.addingReportingOverflow(right.days)
        let (milliseconds, overflow) = left.milliseconds.addingReportingOverflow(right.milliseconds)
        guard !monthsOverflow, !daysOverflow, !overflow else { return .null }
        return .duration(ISODuration(months: months, days: days, milliseconds: milliseconds))
    }

    private static func scaled(_ duration: ISODuration, by factor: Double) -> Value {
        if duration.months != 0 {
            guard FeelValues.totalMilliseconds(duration) == 0 else { return .null }
            let months = (Double(duration.months) * factor).rounded(.towardZero)
            guard abs(months) < 1e12 else { return .null }
            return .duration(ISODuration(months: Int(months)))
        }
        let milliseconds = (Double(FeelValues.totalMilliseconds(duration)) * factor).rounded()
        guard abs(milliseconds) < 9e18 else { return .null }
        return .duration(FeelValues.duration(milliseconds: Int64(milliseconds)))
    }

    private static func numbers(_ op: FeelNode.ArithmeticOperator, _ left: Number, _ right: Number) -> Value {
        switch op {
        case .add: return Number.add(left, right).value
        case .subtract: return Number.subtract(left, right).value
        case .multiply: return Number.multiply(left, right).value
        case .divide:
            if case .integer(let dividend) = left, case .integer(let divisor) = right {
                guard divisor != 0 else { return .null }
                if divisor != -1, dividend % divisor == 0 { return .integer(dividend / divisor) }
            }
            guard right.doubleValue != 0 else { return .null }
            return .decimal(left.doubleValue / right.doubleValue)
        case .power:
            return power(left, right)
        }
    }

    private static func power(_ base: Number, _ exponent: Number) -> Value {
        let exponentValue: Int
        switch exponent {
        case .integer(let integer): exponentValue = integer
        case .decimal(let decimal):
            guard decimal == decimal.rounded(), abs(decimal) < 1e6 else { return .null }
            exponentValue = Int(decimal)
        }
        guard exponentValue.magnitude <= 100_000 else { return .null }
        if case .integer(let integer) = base, exponentValue >= 0 {
            var result = 1
            var overflow = false
            for _ in 0..<exponentValue {
                (result, overflow) = result.multipliedReportingOverflow(by: integer)
                if overflow { break }
            }
            if !overflow { return .integer(result) }
        }
        var result = 1.0
        for _ in 0..<exponentValue.magnitude { result *= base.doubleValue }
        if exponentValue < 0 {
            guard result != 0 else { return .null }
            result = 1 / result
        }
        return result.isFinite ? .decimal(result) : .null
    }
}
