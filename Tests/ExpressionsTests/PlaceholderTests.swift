import Expressions
import Testing

@Suite struct ExpressionsPlaceholderTests {
    @Test func literalTextIsLiteral() throws {
        let expression = try CompiledExpression.parse("demo")
        #expect(expression.isLiteral)
    }
}
