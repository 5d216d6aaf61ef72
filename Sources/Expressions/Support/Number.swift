/// A number operand after coercion: an exact integer or a binary decimal.
enum Number {
    case integer(Int)
    case decimal(Double)

    /// The number as a `Double`.
    var doubleValue: Double {
        switch self {
        case .integer(let value): Double(value)
        case .decimal(let value): value
        }
    }

    /// The number as a `Value`.
    var value: Value {
        switch self {
        case .integer(let value): .integer(value)
        case .decimal(let value): .decimal(value)
        }
    }

    /// `lhs + rhs`; integers that overflow become decimals.
    static func add(_ lhs: Number, _ rhs: Number) -> Number {
        if case .integer(let left) = lhs, case .integer(let right) = rhs {
            let (sum, overflow) = left.addingReportingOverflow(right)
            return overflow ? .decimal(Double(left) + Double(right)) : .integer(sum)
        }
        return .decimal(lhs.doubleValue + rhs.doubleValue)
    }

    /// `lhs - rhs`; integers that overflow become decimals.
    static func subtract(_ lhs: Number, _ rhs: Number) -> Number {
        if case .integer(let left) = lhs, case .integer(let right) = rhs {
            let (difference, overflow) = left.subtractingReportingOverflow(right)
            return overflow ? .decimal(Double(left) - Double(right)) : .integer(difference)
        }
        return .decimal(lhs.doubleValue - rhs.doubleValue)
    }

    /// `lhs * rhs`; integers that overflow become decimals.
    static func multiply(_ lhs: Number, _ rhs: Number) -> Number {
        if case .integer(let left) = lhs, case .integer(let right) = rhs {
            let (product, overflow) = left.multipliedReportingOverflow(by: right)
            return overflow ? .decimal(Double(left) * Double(right)) : .integer(product)
        }
        return .decimal(lhs.doubleValue * rhs.doubleValue)
    }

    /// Orders two numbers: negative, zero or positive.
    static func compare(_ lhs: Number, _ rhs: Number) -> Int {
        if case .integer(let left) = lhs, case .integer(let right) = rhs {
            return left < right ? -1 : (left == right ? 0 : 1)
        }
        let left = lhs.doubleValue
        let right = rhs.doubleValue
        return left < right ? -1 : (left == right ? 0 : 1)
    }

    /// The number of a numeric value, nil for anything else.
    init?(_ value: Value) {
        switch value {
        case .integer(let integer): self = .integer(integer)
        case .decimal(let decimal): self = .decimal(decimal)
        default: return nil
        }
    }

    /// Reads a number from text: an integer when it has no `.`, `e` or `E` and fits, else a decimal.
    init?(text: String) {
        let trimmed = text
        if !trimmed.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let integer = Int(trimmed) {
            self = .integer(integer)
        } else if let decimal = Double(trimmed), decimal.isFinite {
            self = .decimal(decimal)
        } else {
            return nil
        }
    }
}
