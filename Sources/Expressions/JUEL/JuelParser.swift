/// Parses JUEL expressions and templates into `JuelNode`s, refusing methods outside the whitelist.
///
/// Precedence, loosest first: `?:`, `|| or`, `&& and`, `== != eq ne`, `< > <= >= lt gt le ge`, `+ -`,
/// `* / div % mod`, unary `- ! not empty`, then `.`, `[]` and calls.
struct JuelParser {
    private var lexer: JuelLexer
    /// How deeply the node being parsed is nested; limited so evaluation cannot exhaust the stack.
    private var depth = 0
    private var current: JuelToken

    private init(source: SourceText, start: Int) throws(ExpressionSyntaxError) {
        lexer = JuelLexer(source: source, start: start)
        current = try lexer.next()
    }

    /// Parses a bare expression that spans the whole text (a script body).
    static func parseExpression(_ source: SourceText) throws(ExpressionSyntaxError) -> JuelNode {
        var parser = try JuelParser(source: source, start: 0)
        let node = try parser.parseConditional()
        guard case .end = parser.current.kind else {
            throw parser.unexpected("an operator or end of expression")
        }
        return node
    }

    /// Parses the expression that starts at `start` (just after `${`) up to its closing `}`; returns the node and
    /// the offset just after the `}`.
    static func parseEmbedded(_ source: SourceText, start: Int) throws(ExpressionSyntaxError) -> (JuelNode, Int) {
        var parser = try JuelParser(source: source, start: start)
        let node = try parser.parseConditional()
        guard parser.current.isSymbol("}") else { throw parser.unexpected("an operator or '}'") }
        return (node, parser.current.offset + 1)
    }

    /// Nesting deeper than this is refused, so that evaluating the tree cannot exhaust a thread's stack.
    static let maximumDepth = 200

    private mutating func enter() throws(ExpressionSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw lexer.source.error(
                "expression nested too deeply (more than \(Self.maximumDepth) levels of operators)", at: current.offset)
        }
    }

    private func unexpected(_ expected: String) -> ExpressionSyntaxError {
        lexer.source.error("expected \(expected) but found \(current.description)", at: current.offset)
    }

    private mutating func advance() throws(ExpressionSyntaxError) {
        current = try lexer.next()
    }

    private mutating func expectSymbol(_ symbol: String) throws(ExpressionSyntaxError) {
        guard current.isSymbol(symbol) else { throw unexpected("'\(symbol)'") }
        try advance()
    }

    private mutating func parseConditional() throws(ExpressionSyntaxError) -> JuelNode {
        try enter()
        defer { depth -= 1 }
        let condition = try parseOr()
        guard current.isSymbol("?") else { return condition }
        try advance()
        let then = try parseConditional()
        try expectSymbol(":")
        let otherwise = try parseConditional()
        return .conditional(condition, then, otherwise)
    }

    private mutating func parseOr() throws(ExpressionSyntaxError) -> JuelNode {
        var added = 0
        defer { depth -= added }
        var left = try parseAnd()
        while current.isSymbol("||") || current.isKeyword("or") {
            try advance()
            try enter()
            added += 1
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionSyntaxError) -> JuelNode {
        var added = 0
        defer { depth -= added }
        var left = try parseEquality()
        while current.isSymbol("&&") || current.isKeyword("and") {
            try advance()
            try enter()
            added += 1
            left = .and(left, try parseEquality())
        }
        return left
    }

    private mutating func parseEquality() throws(ExpressionSyntaxError) -> JuelNode {
        var added = 0
        defer { depth -= added }
        var left = try parseRelational()
        while true {
            let op: JuelNode.BinaryOperator
            if current.isSymbol("==") || current.isKeyword("eq") {
                op = .equal
            } else if current.isSymbol("!=") || current.isKeyword("ne") {
                op = .notEqual
            } else {
                return left
            }
            try advance()
            try enter()
            added += 1
            left = .binary(op, left, try parseRelational())
        }
    }

    private mutating func parseRelational() throws(ExpressionSyntaxError) -> JuelNode {
        var added = 0
        defer { depth -= added }
        var left = try parseAdditive()
        while true {
            let op: JuelNode.BinaryOperator
            if current.isSymbol("<") || current.isKeyword("lt") {
                op = .less
            } else if current.isSymbol(">") || current.isKeyword("gt") {
                op = .greater
            } else if current.isSymbol("<=") || current.isKeyword("le") {
                op = .lessOrEqual
            } else if current.isSymbol(">=") || current.isKeyword("ge") {
                op = .greaterOrEqual
            } else {
                return left
            }
            try advance()
            try enter()
            added += 1
            left = .binary(op, left, try parseAdditive())
        }
    }

    private mutating func parseAdditive() throws(ExpressionSyntaxError) -> JuelNode {
        var added = 0
        defer { depth -= added }
        var left = try parseMultiplicative()
        while true {
            let op: JuelNode.BinaryOperator
            if current.isSymbol("+") {
                op = .add
            } else if current.isSymbol("-") {
                op = .subtract
            } else {
                return left
            }
            try advance()
            try enter()
            added += 1
            left = .binary(op, left, try parseMultiplicative())
        }
    }

    private mutating func parseMultiplicative() throws(ExpressionSyntaxError) -> JuelNode {
        var added = 0
        defer { depth -= added }
        var left = try parseUnary()
        while true {
            let op: JuelNode.BinaryOperator
            if current.isSymbol("*") {
                op = .multiply
            } else if current.isSymbol("/") || current.isKeyword("div") {
                op = .divide
            } else if current.isSymbol("%") || current.isKeyword("mod") {
                op = .modulo
            } else {
                return left
            }
            try advance()
            try enter()
            added += 1
            left = .binary(op, left, try parseUnary())
        }
    }

    private mutating func parseUnary() throws(ExpressionSyntaxError) -> JuelNode {
        try enter()
        defer { depth -= 1 }
        if current.isSymbol("-") {
            try advance()
            let operand = try parseUnary()
            switch operand {
            case .literal(.integer(let value)) where value != Int.min: return .literal(.integer(-value))
            case .literal(.decimal(let value)): return .literal(.decimal(-value))
            default: return .unary(.negate, operand)
            }
        }
        if current.isSymbol("!") || current.isKeyword("not") {
            try advance()
            return .unary(.not, try parseUnary())
        }
        if current.isKeyword("empty") {
            try advance()
            return .unary(.empty, try parseUnary())
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(ExpressionSyntaxError) -> JuelNode {
        var added = 0
        defer { depth -= added }
        var node = try parsePrimary()
        while true {
            if current.isSymbol(".") {
                try advance()
                guard case .identifier(let name) = current.kind else { throw unexpected("a property name") }
                let nameOffset = current.offset
                try advance()
                if current.isSymbol("(") {
                    node = try parseMethodCall(on: node, name: name, at: nameOffset)
                } else {
                    try enter()
                    added += 1
                    node = .property(node, name)
                }
            } else if current.isSymbol("[") {
                try advance()
                let key = try parseConditional()
                try expectSymbol("]")
                try enter()
                added += 1
                node = .index(node, key)
            } else {
                return node
            }
        }
    }

    private mutating func parseArguments() throws(ExpressionSyntaxError) -> [JuelNode] {
        try expectSymbol("(")
        var arguments: [JuelNode] = []
        if current.isSymbol(")") {
            try advance()
            return arguments
        }
        while true {
            arguments.append(try parseConditional())
            if current.isSymbol(",") {
                try advance()
            } else {
                try expectSymbol(")")
                return arguments
            }
        }
    }

    private mutating func parseMethodCall(on receiver: JuelNode, name: String, at offset: Int)
        throws(ExpressionSyntaxError) -> JuelNode
    {
        let source = lexer.source
        if case .identifier("execution") = receiver {
            let arguments = try parseArguments()
            guard name == "getVariable" || name == "hasVariable" else {
                throw source.error(
                    "method 'execution.\(name)' is not allowed: only getVariable and hasVariable are", at: offset)
            }
            guard arguments.count == 1 else {
                throw source.error("'execution.\(name)' expects 1 argument but got \(arguments.count)", at: offset)
            }
            return name == "getVariable" ? .getVariable(arguments[0]) : .hasVariable(arguments[0])
        }
        if let spinMethod = JuelNode.SpinMethod(rawValue: name), receiver.isSpin {
            let arguments = try parseArguments()
            guard arguments.count == spinMethod.arity else {
                throw source.error(
                    "method '\(name)' expects \(spinMethod.arity) argument(s) but got \(arguments.count)", at: offset)
            }
            return .spinMethod(receiver, spinMethod, arguments)
        }
        guard let method = JuelNode.Method(rawValue: name) else {
            if JuelNode.SpinMethod(rawValue: name) != nil {
                throw source.error("method '\(name)' is only available on Spin values made with S(…) or JSON(…)",
                    at: offset)
            }
            throw source.error("method '\(name)' is not allowed (allowed: "
                + JuelNode.Method.allCases.map(\.rawValue).joined(separator: ", ") + ")", at: offset)
        }
        let arguments = try parseArguments()
        guard arguments.count == method.arity else {
            throw source.error(
                "method '\(name)' expects \(method.arity) argument(s) but got \(arguments.count)", at: offset)
        }
        return .method(receiver, method, arguments)
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> JuelNode {
        let token = current
        switch token.kind {
        case .integer(let value):
            try advance()
            return .literal(.integer(value))
        case .decimal(let value):
            try advance()
            return .literal(.decimal(value))
        case .string(let value):
            try advance()
            return .literal(.string(value))
        case .keyword("true"):
            try advance()
            return .literal(.bool(true))
        case .keyword("false"):
            try advance()
            return .literal(.bool(false))
        case .keyword("null"):
            try advance()
            return .literal(.null)
        case .identifier(let name):
            try advance()
            if name == "new", case .identifier = current.kind {
                throw lexer.source.error("creating objects with 'new' is not allowed", at: token.offset)
            }
            guard current.isSymbol("(") else { return .identifier(name) }
            guard name == "S" || name == "JSON" else {
                throw lexer.source.error("function '\(name)' is not allowed (allowed: S, JSON)", at: token.offset)
            }
            let arguments = try parseArguments()
            guard arguments.count == 1 else {
                throw lexer.source.error("'\(name)' expects 1 argument but got \(arguments.count)", at: token.offset)
            }
            return .spin(arguments[0])
        case .symbol("("):
            try advance()
            let inner = try parseConditional()
            try expectSymbol(")")
            return inner
        default:
            throw unexpected("a value, a name or '('")
        }
    }
}
