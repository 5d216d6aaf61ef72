import Expressions
import Testing

@Suite struct JuelErrorTests {
    static let evaluationErrors: [(String, EvaluationError.Kind, String)] = [
        ("${undefinedName}", .unknownName, "Cannot resolve identifier 'undefinedName'"),
        ("${undefinedName > 1}", .unknownName, "Cannot resolve identifier 'undefinedName'"),
        ("${approved && undefinedName}", .unknownName, "Cannot resolve identifier 'undefinedName'"),
        ("${rejected || missing}", .unknownName, "Cannot resolve identifier 'missing'"),
        ("${true ? missing : 1}", .unknownName, "Cannot resolve identifier 'missing'"),
        ("Hello ${who}", .unknownName, "Cannot resolve identifier 'who'"),
        ("${name + 1}", .typeMismatch, "Cannot coerce String 'Ada' to a number"),
        ("${approved + 1}", .typeMismatch, "Cannot coerce Boolean to a number"),
        ("${items * 2}", .typeMismatch, "Cannot coerce List to a number"),
        ("${-name}", .typeMismatch, "Cannot coerce String 'Ada' to a number"),
        ("${1 / 0}", .divisionByZero, "Division by zero"),
        ("${amount div zero}", .divisionByZero, "Division by zero"),
        ("${5 % 0}", .divisionByZero, "Modulo by zero"),
        ("${5.5 mod 0}", .divisionByZero, "Modulo by zero"),
        ("${amount && true}", .typeMismatch, "Cannot coerce Integer to Boolean"),
        ("${!count}", .typeMismatch, "Cannot coerce Integer to Boolean"),
        ("${word && true}", .typeMismatch, "Cannot coerce String 'yes' to Boolean"),
        ("${items ? 1 : 2}", .typeMismatch, "Cannot coerce List to Boolean"),
        ("${approved < 1}", .typeMismatch, "Cannot compare Boolean with Integer"),
        ("${items > 1}", .typeMismatch, "Cannot compare List with Integer"),
        ("${name > 1}", .typeMismatch, "Cannot coerce String 'Ada' to a number"),
        ("${name == 1}", .typeMismatch, "Cannot coerce String 'Ada' to a number"),
        ("${name.foo}", .typeMismatch, "Cannot read property 'foo' of String"),
        ("${items.first}", .typeMismatch, "Cannot read property 'first' of List"),
        ("${count[0]}", .typeMismatch, "Cannot index into Integer"),
        ("${items[1.5]}", .typeMismatch, "A list index must be an integer"),
        ("${nothing.equals(1)}", .typeMismatch, "Cannot call 'equals' on null"),
        ("${count.length()}", .typeMismatch, "Method 'length' is not available on Integer"),
        ("${name.size()}", .typeMismatch, "Method 'size' is not available on String"),
        ("${name.contains(1)}", .invalidArgument, "'contains' expects a String argument, not Integer"),
        ("${execution.getVariable(1)}", .invalidArgument, "execution.getVariable expects a String name, not Integer"),
        ("${S(name).prop('a')}", .invalidArgument, "S(…): the string is not valid JSON"),
        ("${S(count)}", .invalidArgument, "S(…) expects JSON text, a map or a list, not Integer"),
        ("${S(json).prop('missing')}", .other, "Spin: the JSON object has no property 'missing'"),
        ("${S(json).prop('age').stringValue()}", .typeMismatch,
            "Spin: stringValue() is not available on a JSON Integer"),
        ("${S(json).prop('name').numberValue()}", .typeMismatch,
            "Spin: numberValue() is not available on a JSON String"),
        ("${S(json).prop('age').elements()}", .typeMismatch, "Spin: elements() is not available on a JSON Integer"),
        ("${S(json).prop('tags').prop('x')}", .typeMismatch, "Spin: prop() is not available on a JSON List"),
    ]

    @Test(arguments: evaluationErrors)
    func failsToEvaluate(_ source: String, _ kind: EvaluationError.Kind, _ message: String) throws {
        #expect(try evaluate(source) == .failure(EvaluationError(kind: kind, message: message)))
    }

    static let allowed = "(allowed: equals, equalsIgnoreCase, contains, startsWith, endsWith, isEmpty, length, size, "
        + "toUpperCase, toLowerCase, trim)"

    static let syntaxErrors: [(String, Int, String)] = [
        ("${a +}", 6, "expected a value, a name or '(' but found '}'"),
        ("${a b}", 5, "expected an operator or '}' but found identifier 'b'"),
        ("${a", 4, "expected an operator or '}' but found end of expression"),
        ("${(a + 1}", 9, "expected ')' but found '}'"),
        ("${}", 3, "expected a value, a name or '(' but found '}'"),
        ("${a = 1}", 5, "unexpected '=' (did you mean '=='?)"),
        ("${a & b}", 5, "unexpected '&' (did you mean '&&'?)"),
        ("${'open}", 3, "unterminated string: expected a closing '"),
        ("${a ? b}", 8, "expected ':' but found '}'"),
        ("${a[1}", 6, "expected ']' but found '}'"),
        ("${a.}", 5, "expected a property name but found '}'"),
        ("${a.1}", 4, "expected an operator or '}' but found number 0.1"),
        ("Hi ${name} and ${x +}", 21, "expected a value, a name or '(' but found '}'"),
        ("${myBean.doIt()}", 10, "method 'doIt' is not allowed " + allowed),
        ("${name.getClass()}", 8, "method 'getClass' is not allowed " + allowed),
        ("${execution.setVariable('a', 1)}", 13,
            "method 'execution.setVariable' is not allowed: only getVariable and hasVariable are"),
        ("${execution.getVariable()}", 13, "'execution.getVariable' expects 1 argument but got 0"),
        ("${dateTime().plusDays(2)}", 3, "function 'dateTime' is not allowed (allowed: S, JSON)"),
        ("${S(a, b)}", 3, "'S' expects 1 argument but got 2"),
        ("${name.equals()}", 8, "method 'equals' expects 1 argument(s) but got 0"),
        ("${name.trim(1)}", 8, "method 'trim' expects 0 argument(s) but got 1"),
        ("${customer.prop('a')}", 12, "method 'prop' is only available on Spin values made with S(…) or JSON(…)"),
        ("${new Foo()}", 3, "creating objects with 'new' is not allowed"),
        ("${a ~ b}", 5, "unexpected character '~'"),
        ("${amount > 1000 && }", 20, "expected a value, a name or '(' but found '}'"),
        ("  ${x} ${y *}", 13, "expected a value, a name or '(' but found '}'"),
        ("${é +}", 6, "expected a value, a name or '(' but found '}'"),
    ]

    @Test(arguments: syntaxErrors)
    func refusesSyntax(_ source: String, _ column: Int, _ message: String) {
        let error = syntaxError(source)
        #expect(error == ExpressionSyntaxError(message: message, column: column, source: source))
    }

    @Test func scriptBodySyntaxErrorsCountFromTheFirstCharacter() {
        #expect(throws: ExpressionSyntaxError(
            message: "expected a value, a name or '(' but found end of expression", column: 5, source: "a &&")
        ) {
            try CompiledExpression.parse("a &&", as: .juel)
        }
    }
}
