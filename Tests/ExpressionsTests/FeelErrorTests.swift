import Expressions
import Testing

@Suite struct FeelErrorTests {
    static let syntaxErrors: [(String, Int, String)] = [
        ("= 1 +", 6, "expected a value, a name or '(' but found end of expression"),
        ("=", 2, "expected an expression but found end of expression"),
        ("= a b", 5, "expected an operator or end of expression but found name 'b'"),
        ("= (1 + 2", 9, "expected ')' but found end of expression"),
        ("= [1, 2", 8, "expected ']' but found end of expression"),
        ("= {a 1}", 6, "expected ':' but found number 1"),
        ("= {a: 1", 8, "expected '}' but found end of expression"),
        ("= foo(1)", 3, "unknown function 'foo'"),
        ("= upper case(1, 2)", 3, "function 'upper case' expects 1 argument(s) but got 2"),
        ("= substring(\"a\")", 3, "function 'substring' expects 2 to 3 argument(s) but got 1"),
        ("= now(1)", 3, "function 'now' expects 0 argument(s) but got 1"),
        ("= sum()", 3, "function 'sum' expects at least 1 argument(s) but got 0"),
        ("= is defined()", 3, "'is defined' expects 1 argument but got 0"),
        ("= if a then b", 14, "expected 'else' but found end of expression"),
        ("= if a b else c", 8, "expected 'then' but found name 'b'"),
        ("= for x items return x", 9, "expected 'in' but found name 'items'"),
        ("= for x in items x", 18, "expected 'return' but found name 'x'"),
        ("= some x in items x > 1", 19, "expected 'satisfies' but found name 'x'"),
        ("= 1 between 2 3", 15, "expected 'and' but found number 3"),
        ("= x in (1, 2", 13, "expected ')' but found end of expression"),
        ("= 'single'", 3, "unexpected \"'\": FEEL strings use double quotes"),
        ("= a && b", 5, "unexpected '&': FEEL uses 'and', 'or' and 'not(…)'"),
        ("= \"open", 3, "unterminated string: expected a closing \""),
        ("= a ~ b", 5, "unexpected character '~'"),
        ("= not 1", 7, "expected '(' after 'not' but found number 1"),
        ("= a.", 5, "expected a name but found end of expression"),
        ("= x in ]1, 2]", 10, "expected '..' but found ','"),
        ("= items[1", 10, "expected ']' but found end of expression"),
        ("= /* open", 3, "unterminated comment: expected '*/'"),
        ("= \"\\uZZ\"", 4, "invalid \\u escape: expected 4 hex digits"),
    ]

    @Test(arguments: syntaxErrors)
    func refusesSyntax(_ source: String, _ column: Int, _ message: String) {
        #expect(syntaxError(source) == ExpressionSyntaxError(message: message, column: column, source: source))
    }

    @Test func neverFailsAtRunTime() throws {
        let sources = ["= unknown.a.b[1]", "= 1 / 0", "= \"a\" * 2", "= upper case(1)", "= nothing.x[1]",
            "= date(\"nonsense\")", "= duration(1)", "= -\"x\""]
        for source in sources {
            #expect(try evaluate(source) == .success(.null), "\(source)")
        }
    }
}
