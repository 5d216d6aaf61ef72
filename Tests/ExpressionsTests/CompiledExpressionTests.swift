import Expressions
import Testing

@Suite struct CompiledExpressionTests {
    static let languages: [(String, CompiledExpression.Language)] = [
        ("demo", .literal), ("", .literal), ("a = b", .literal), ("$ {x}", .literal), ("price: $5", .literal),
        ("=a", .feel), ("  = a", .feel), ("\n=1", .feel), ("${a}", .juel), ("#{a}", .juel), ("x ${a} y", .juel),
        ("\\${a}", .juel),
    ]

    @Test(arguments: languages)
    func detectsTheLanguage(_ source: String, _ language: CompiledExpression.Language) throws {
        #expect(try CompiledExpression.parse(source).language == language)
    }

    @Test(arguments: ["demo", "a = b", "", "price: $5 {ok}"])
    func literalsEvaluateToThemselves(_ source: String) throws {
        let expression = try CompiledExpression.parse(source)
        #expect(expression.isLiteral)
        #expect(expression.evaluate(in: TestContext([:])) == .success(.string(source)))
    }

    static let references: [(String, Set<String>)] = [
        ("${amount > 1000 && approved}", ["amount", "approved"]), ("plain", []), ("${1 + 2}", []),
        ("Dear ${name}, ${customer.address.city}", ["name", "customer"]),
        ("${execution.getVariable('total')}", ["total"]), ("${S(json).prop('a').stringValue()}", ["json"]),
        ("${a[b] ? c : d}", ["a", "b", "c", "d"]),
        ("= a + b.c", ["a", "b"]), ("= for x in xs return x + y", ["xs", "y"]),
        ("= some o in orders satisfies o.total > limit", ["orders", "limit"]),
        ("= {p: 1, q: p + r}", ["r"]), ("= items[item > min]", ["items", "min"]),
        ("= if is defined(v) then upper case(v) else w", ["v", "w"]), ("= x in [lo..hi]", ["x", "lo", "hi"]),
    ]

    @Test(arguments: references)
    func listsReferencedVariables(_ source: String, _ expected: Set<String>) throws {
        #expect(try CompiledExpression.parse(source).referencedVariables == expected)
    }

    @Test func equalityAndHashingFollowTheText() throws {
        let first = try CompiledExpression.parse("${a > 1}")
        let second = try CompiledExpression.parse("${a > 1}")
        let other = try CompiledExpression.parse("${a > 2}")
        #expect(first == second)
        #expect(first != other)
        #expect(Set([first, second, other]).count == 2)
        #expect(try CompiledExpression.parse("a", as: .juel) != CompiledExpression.parse("a", as: .feel))
    }

    @Test func parsedExpressionsAreReusedAcrossContexts() throws {
        let expression = try CompiledExpression.parse("${amount > 1000 && approved}")
        #expect(expression.evaluate(in: TestContext(["amount": 5000, "approved": true])) == .success(true))
        #expect(expression.evaluate(in: TestContext(["amount": 10, "approved": true])) == .success(false))
        #expect(expression.evaluate(in: TestContext(["amount": 5000, "approved": false])) == .success(false))
        #expect(throws: EvaluationError(kind: .unknownName, message: "Cannot resolve identifier 'approved'")) {
            try expression.value(in: TestContext(["amount": 5000]))
        }
    }

    @Test func syntaxErrorsDescribeThemselves() {
        let error = syntaxError("${a +}")
        #expect(error?.description == "expected a value, a name or '(' but found '}' at column 6 of '${a +}'")
    }
}
