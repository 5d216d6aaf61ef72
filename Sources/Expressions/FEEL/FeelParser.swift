/// Parses FEEL text into a `FeelNode`.
///
/// Precedence, loosest first: `if`/`for`/`some`/`every`, `or`, `and`, comparisons (`= != < <= > >=`, `between`,
/// `in`), `+ -`, `* /`, `**`, unary `-`, then paths `.`, filters `[…]` and calls.
struct FeelParser {
    private let source: SourceText
    private let tokens: [FeelToken]
    private var index = 0
    /// How deeply the node being parsed is nested; limited so evaluation cannot exhaust the stack.
    private var depth = 0
    /// False while parsing the upper bound of an interval, where `[` closes the interval instead of filtering.
    private var allowsFilter = true

    private var current: FeelToken { tokens[index] }

    private init(source: SourceText, tokens: [FeelToken]) {
        self.source = source
        self.tokens = tokens
    }

    /// Parses the FEEL expression from byte offset `start` to the end of the text.
    static func parse(_ source: SourceText, start: Int) throws(ExpressionSyntaxError) -> FeelNode {
        var parser = FeelParser(source: source, tokens: try FeelLexer.tokenize(source, start: start))
        if case .end = parser.current.kind { throw parser.unexpected("an expression") }
        let node = try parser.parseExpression()
        guard case .end = parser.current.kind else { throw parser.unexpected("an operator or end of expression") }
        return node
    }

    /// Nesting deeper than this is refused, so that evaluating the tree cannot exhaust a thread's stack.
    static let maximumDepth = 200

    private mutating func enter() throws(ExpressionSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw source.error(
                "expression nested too deeply (more than \(Self.maximumDepth) levels of operators)", at: current.offset)
        }
    }

    private func unexpected(_ expected: String) -> ExpressionSyntaxError {
        source.error("expected \(expected) but found \(current.description)", at: current.offset)
    }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    private mutating func expectSymbol(_ symbol: String) throws(ExpressionSyntaxError) {
        guard current.isSymbol(symbol) else { throw unexpected("'\(symbol)'") }
        advance()
    }

    private mutating func expectKeyword(_ word: String) throws(ExpressionSyntaxError) {
        guard current.isKeyword(word) else { throw unexpected("'\(word)'") }
        advance()
    }

    private mutating func parseExpression() throws(ExpressionSyntaxError) -> FeelNode {
        try enter()
        defer { depth -= 1 }
        if current.isKeyword("if") {
            advance()
            let condition = try parseExpression()
            try expectKeyword("then")
            let then = try parseExpression()
            try expectKeyword("else")
            return .ifThenElse(condition, then, try parseExpression())
        }
        if current.isKeyword("for") {
            advance()
            let iterations = try parseIterations()
            try expectKeyword("return")
            return .forReturn(iterations, try parseExpression())
        }
        if current.isKeyword("some") || current.isKeyword("every") {
            let every = current.isKeyword("every")
            advance()
            let iterations = try parseIterations()
            try expectKeyword("satisfies")
            return .quantified(every: every, iterations, try parseExpression())
        }
        return try parseDisjunction()
    }

    private mutating func parseIterations() throws(ExpressionSyntaxError) -> [FeelNode.Iteration] {
        var iterations: [FeelNode.Iteration] = []
        while true {
            guard case .name(let name) = current.kind else { throw unexpected("a name") }
            advance()
            try expectKeyword("in")
            var domain = try parseExpression()
            if current.isSymbol("..") {
                advance()
                domain = .range(domain, try parseExpression())
            }
            iterations.append(FeelNode.Iteration(name: name, domain: domain))
            guard current.isSymbol(",") else { return iterations }
            advance()
        }
    }

    private mutating func parseDisjunction() throws(ExpressionSyntaxError) -> FeelNode {
        var added = 0
        defer { depth -= added }
        var left = try parseConjunction()
        while current.isKeyword("or") {
            advance()
            try enter()
            added += 1
            left = .or(left, try parseConjunction())
        }
        return left
    }

    private mutating func parseConjunction() throws(ExpressionSyntaxError) -> FeelNode {
        var added = 0
        defer { depth -= added }
        var left = try parseComparison()
        while current.isKeyword("and") {
            advance()
            try enter()
            added += 1
            left = .and(left, try parseComparison())
        }
        return left
    }

    private static let comparisonOperators: [String: FeelNode.ComparisonOperator] = [
        "=": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
    ]

    private mutating func parseComparison() throws(ExpressionSyntaxError) -> FeelNode {
        var added = 0
        defer { depth -= added }
        var left = try parseAdditive()
        while true {
            if case .symbol(let symbol) = current.kind, let op = FeelParser.comparisonOperators[symbol] {
                advance()
                try enter()
                added += 1
                left = .comparison(op, left, try parseAdditive())
            } else if current.isKeyword("between") {
                advance()
                let low = try parseAdditive()
                try expectKeyword("and")
                try enter()
                added += 1
                left = .between(left, low, try parseAdditive())
            } else if current.isKeyword("in") {
                advance()
                try enter()
                added += 1
                left = .inTests(left, try parsePositiveUnaryTests())
            } else {
                return left
            }
        }
    }

    private mutating func parsePositiveUnaryTests() throws(ExpressionSyntaxError) -> [FeelUnaryTest] {
        guard current.isSymbol("(") else { return [try parseUnaryTest()] }
        advance()
        var tests: [FeelUnaryTest] = []
        while true {
            if tests.isEmpty, !startsSpecialTest {
                let low = try parseExpression()
                if current.isSymbol("..") {
                    advance()
                    let high = try parseExpression()
                    let closed = current.isSymbol("]")
                    guard closed || current.isSymbol(")") else { throw unexpected("')' or ']'") }
                    advance()
                    return [.interval(lowerClosed: false, low, high, upperClosed: closed)]
                }
                tests.append(.value(low))
            } else {
                tests.append(try parseUnaryTest())
            }
            if current.isSymbol(",") {
                advance()
            } else {
                try expectSymbol(")")
                return tests
            }
        }
    }

    private var startsSpecialTest: Bool {
        if case .symbol(let symbol) = current.kind {
            return ["<", "<=", ">", ">=", "=", "!=", "[", "]", "("].contains(symbol)
        }
        return current.isKeyword("not")
    }

    private mutating func parseUnaryTest() throws(ExpressionSyntaxError) -> FeelUnaryTest {
        if case .symbol(let symbol) = current.kind, let op = FeelParser.comparisonOperators[symbol] {
            advance()
            return .compare(op, try parseAdditive())
        }
        if current.isKeyword("not") {
            advance()
            guard current.isSymbol("(") else { throw unexpected("'('") }
            return .not(try parsePositiveUnaryTests())
        }
        if current.isSymbol("-"), [",", ")"].contains(where: { tokens[index + 1].isSymbol($0) })
            || tokens[index + 1].kind == .end
        {
            advance()
            return .any
        }
        if current.isSymbol("[") || current.isSymbol("]") || current.isSymbol("(") {
            let opener = current
            advance()
            let low = try parseExpression()
            if current.isSymbol("..") {
                advance()
                allowsFilter = false
                let high = try parseAdditive()
                allowsFilter = true
                let closed = current.isSymbol("]")
                guard closed || current.isSymbol("[") || current.isSymbol(")") else {
                    throw unexpected("']', '[' or ')'")
                }
                advance()
                return .interval(lowerClosed: opener.isSymbol("["), low, high, upperClosed: closed)
            }
            if opener.isSymbol("(") {
                try expectSymbol(")")
                return .value(low)
            }
            guard opener.isSymbol("[") else { throw unexpected("'..'") }
            var items = [low]
            while current.isSymbol(",") {
                advance()
                items.append(try parseExpression())
            }
            try expectSymbol("]")
            return .value(.list(items))
        }
        return .value(try parseAdditive())
    }

    private mutating func parseAdditive() throws(ExpressionSyntaxError) -> FeelNode {
        var added = 0
        defer { depth -= added }
        var left = try parseMultiplicative()
        while current.isSymbol("+") || current.isSymbol("-") {
            let op: FeelNode.ArithmeticOperator = current.isSymbol("+") ? .add : .subtract
            advance()
            try enter()
            added += 1
            left = .arithmetic(op, left, try parseMultiplicative())
        }
        return left
    }

    private mutating func parseMultiplicative() throws(ExpressionSyntaxError) -> FeelNode {
        var added = 0
        defer { depth -= added }
        var left = try parsePower()
        while current.isSymbol("*") || current.isSymbol("/") {
            let op: FeelNode.ArithmeticOperator = current.isSymbol("*") ? .multiply : .divide
            advance()
            try enter()
            added += 1
            left = .arithmetic(op, left, try parsePower())
        }
        return left
    }

    private mutating func parsePower() throws(ExpressionSyntaxError) -> FeelNode {
        var added = 0
        defer { depth -= added }
        var left = try parseUnary()
        while current.isSymbol("**") {
            advance()
            try enter()
            added += 1
            left = .arithmetic(.power, left, try parseUnary())
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionSyntaxError) -> FeelNode {
        try enter()
        defer { depth -= 1 }
        guard current.isSymbol("-") else { return try parsePostfix() }
        advance()
        let operand = try parseUnary()
        switch operand {
        case .literal(.integer(let value)): return .literal(.integer(-value))
        case .literal(.decimal(let value)): return .literal(.decimal(-value))
        default: return .negate(operand)
        }
    }

    private mutating func parsePostfix() throws(ExpressionSyntaxError) -> FeelNode {
        var added = 0
        defer { depth -= added }
        var node = try parsePrimary()
        while true {
            if current.isSymbol(".") {
                advance()
                guard let word = current.word else { throw unexpected("a name") }
                advance()
                try enter()
                added += 1
                node = .path(node, word)
            } else if current.isSymbol("["), allowsFilter {
                advance()
                let condition = try parseExpression()
                try expectSymbol("]")
                try enter()
                added += 1
                node = .filter(node, condition)
            } else {
                return node
            }
        }
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> FeelNode {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return .literal(value)
        case .string(let text):
            advance()
            return .literal(.string(text))
        case .keyword("true"):
            advance()
            return .literal(.bool(true))
        case .keyword("false"):
            advance()
            return .literal(.bool(false))
        case .keyword("null"):
            advance()
            return .literal(.null)
        case .keyword("if"), .keyword("for"), .keyword("some"), .keyword("every"):
            return try parseExpression()
        case .keyword("not"):
            advance()
            guard current.isSymbol("(") else { throw unexpected("'(' after 'not'") }
            return try parseCall(.not, at: token.offset)
        case .symbol("("):
            advance()
            let savedAllowsFilter = allowsFilter
            allowsFilter = true
            let inner = try parseExpression()
            allowsFilter = savedAllowsFilter
            try expectSymbol(")")
            return inner
        case .symbol("["):
            advance()
            var items: [FeelNode] = []
            if !current.isSymbol("]") {
                items.append(try parseExpression())
                while current.isSymbol(",") {
                    advance()
                    items.append(try parseExpression())
                }
            }
            try expectSymbol("]")
            return .list(items)
        case .symbol("{"):
            return try parseContext()
        case .symbol("@"):
            advance()
            guard case .string(let text) = current.kind else { throw unexpected("a string after '@'") }
            advance()
            if let dateTime = DateTime.parse(text) { return .literal(.dateTime(dateTime)) }
            if let duration = ISODuration.parse(text) { return .literal(.duration(duration)) }
            throw source.error("'\(text)' is not an ISO 8601 date-time or duration", at: token.offset)
        case .name(let name):
            if let call = try parseMultiWordCall() { return call }
            advance()
            guard current.isSymbol("(") else { return .name(name) }
            guard let builtin = FeelBuiltin(rawValue: name) else {
                throw source.error("unknown function '\(name)'", at: token.offset)
            }
            return try parseCall(builtin, at: token.offset)
        default:
            throw unexpected("a value, a name or '('")
        }
    }

    private mutating func parseMultiWordCall() throws(ExpressionSyntaxError) -> FeelNode? {
        let start = current.offset
        for words in FeelBuiltin.multiWordNames where index + words.count < tokens.count {
            let matches = words.indices.allSatisfy { tokens[index + $0].word == words[$0] }
            guard matches, tokens[index + words.count].isSymbol("(") else { continue }
            index += words.count
            let name = words.joined(separator: " ")
            if name == "is defined" {
                let arguments = try parseArguments()
                guard arguments.count == 1 else {
                    throw source.error("'is defined' expects 1 argument but got \(arguments.count)", at: start)
                }
                return .isDefined(arguments[0])
            }
            guard let builtin = FeelBuiltin(rawValue: name) else { return nil }
            return try parseCall(builtin, at: start)
        }
        return nil
    }

    private mutating func parseArguments() throws(ExpressionSyntaxError) -> [FeelNode] {
        try expectSymbol("(")
        var arguments: [FeelNode] = []
        if current.isSymbol(")") {
            advance()
            return arguments
        }
        while true {
            arguments.append(try parseExpression())
            if current.isSymbol(",") {
                advance()
            } else {
                try expectSymbol(")")
                return arguments
            }
        }
    }

    private mutating func parseCall(_ builtin: FeelBuiltin, at offset: Int) throws(ExpressionSyntaxError)
        -> FeelNode
    {
        let arguments = try parseArguments()
        let arity = builtin.arity
        guard arity.contains(arguments.count) else {
            let expected = arity.lowerBound == arity.upperBound
                ? "\(arity.lowerBound)"
                : (arity.upperBound == Int.max
                    ? "at least \(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)")
            throw source.error(
                "function '\(builtin.rawValue)' expects \(expected) argument(s) but got \(arguments.count)", at: offset)
        }
        return .call(builtin, arguments)
    }

    private mutating func parseContext() throws(ExpressionSyntaxError) -> FeelNode {
        advance()
        var entries: [FeelNode.ContextEntry] = []
        if current.isSymbol("}") {
            advance()
            return .context(entries)
        }
        while true {
            let key: String
            if case .string(let text) = current.kind {
                key = text
                advance()
            } else if let word = current.word {
                var words = [word]
                advance()
                while let next = current.word {
                    words.append(next)
                    advance()
                }
                key = words.joined(separator: " ")
            } else {
                throw unexpected("a context key")
            }
            try expectSymbol(":")
            entries.append(FeelNode.ContextEntry(key: key, value: try parseExpression()))
            if current.isSymbol(",") {
                advance()
            } else {
                try expectSymbol("}")
                return .context(entries)
            }
        }
    }
}
