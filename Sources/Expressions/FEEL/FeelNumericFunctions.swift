/// FEEL numeric built-ins: `abs`, `floor`, `ceiling`, `decimal`, `modulo`, `sqrt`, `odd`, `even`.
enum FeelNumericFunctions {
    /// Calls a numeric built-in; null for non-numbers.
    static func call(_ builtin: FeelBuiltin, _ arguments: [Value]) -> Value {
        guard let number = Number(arguments[0]) else { return .null }
        switch builtin {
        case .abs:
            switch number {
            case .integer(let integer): return integer == Int.min ? .null : .integer(Swift.abs(integer))
            case .decimal(let decimal): return .decimal(Swift.abs(decimal))
            }
        case .floor, .ceiling, .decimal:
            var scale = 0
            if arguments.count > 1 {
                guard let given = FeelFunctions.integer(arguments[1]), (-20...20).contains(given) else { return .null }
                scale = given
            }
            let rule: FloatingPointRoundingRule = switch builtin {
            case .floor: .down
            case .ceiling: .up
            default: .toNearestOrEven
            }
            return rounded(number, scale: scale, rule: rule)
        case .modulo:
            guard let divisor = Number(arguments[1]) else { return .null }
            if case .integer(let dividend) = number, case .integer(let by) = divisor {
                guard by != 0 else { return .null }
                if by == -1 { return .integer(0) }
                let remainder = dividend % by
                return .integer(remainder != 0 && (remainder < 0) != (by < 0) ? remainder + by : remainder)
            }
            guard divisor.doubleValue != 0 else { return .null }
            let dividend = number.doubleValue
            let by = divisor.doubleValue
            return .decimal(dividend - by * (dividend / by).rounded(.down))
        case .sqrt:
            guard number.doubleValue >= 0 else { return .null }
            return .decimal(number.doubleValue.squareRoot())
        case .odd, .even:
            guard let integer = FeelFunctions.integer(number.value) else { return .null }
            return .bool((integer % 2 != 0) == (builtin == .odd))
        default:
            return .null
        }
    }

    private static func rounded(_ number: Number, scale: Int, rule: FloatingPointRoundingRule) -> Value {
        if case .integer = number, scale >= 0 { return number.value }
        var factor = 1.0
        for _ in 0..<Swift.abs(scale) { factor *= 10 }
        let value = number.doubleValue
        let result = scale >= 0 ? (value * factor).rounded(rule) / factor : (value / factor).rounded(rule) * factor
        if scale <= 0, Swift.abs(result) < 9e15 { return .integer(Int(result)) }
        return .decimal(result)
    }
}
