import Expressions

/// Variables and a fixed clock for the expression tests.
struct TestContext: EvaluationContext {
    var variables: [String: Value]
    var now: DateTime

    init(_ variables: [String: Value] = TestContext.standardVariables,
        now: DateTime = DateTime(epochMilliseconds: 1_796_033_730_250, offsetSeconds: 0))
    {
        self.variables = variables
        self.now = now
    }

    func variable(_ name: String) -> Value? { variables[name] }

    static let standardVariables: [String: Value] = [
        "amount": 1500, "approved": true, "rejected": false, "name": "Ada", "count": 3, "price": 2.5,
        "nothing": nil, "blank": "", "items": [1, 2, 3], "names": ["a", "b"], "numstr": "42", "decstr": "1.5",
        "flag": "true", "word": "yes", "emptyList": [], "emptyMap": [:], "big": .integer(Int.max), "zero": 0,
        "padded": "  hi  ", "shout": "HELLO",
        "customer": ["name": "Ada", "age": 36, "address": ["city": "Paris"], "tags": ["vip", "eu"]],
        "orders": [["id": 1, "total": 50], ["id": 2, "total": 150], ["id": 3, "total": 300]],
        "json": #"{"age": 19, "name": "Bo", "tags": ["x", "y"], "vip": true, "score": 7.5, "nested": {"k": null}}"#,
        "key": "name", "position": 1, "status": "open", "matrix": [[1, 2], [3, 4]],
    ]
}

/// Parses and evaluates with the standard test variables.
func evaluate(_ text: String, _ context: TestContext = TestContext()) throws -> Result<Value, EvaluationError> {
    try CompiledExpression.parse(text).evaluate(in: context)
}

/// The syntax error parsing `text` throws, or nil when it parses.
func syntaxError(_ text: String) -> ExpressionSyntaxError? {
    do {
        _ = try CompiledExpression.parse(text)
        return nil
    } catch {
        return error
    }
}
