/// The parsed form of a `CompiledExpression`, shared (immutable) between its copies.
final class ExpressionProgram: Sendable {
    /// What the expression is.
    enum Body: Sendable {
        case literal(String)
        case juel(JuelNode)
        case juelTemplate([JuelTemplate.Part])
        case feel(FeelNode)
    }

    let body: Body
    let referencedVariables: Set<String>

    init(body: Body) {
        self.body = body
        var names = Set<String>()
        switch body {
        case .literal: break
        case .juel(let node): node.collectVariables(into: &names)
        case .juelTemplate(let parts):
            for case .expression(let node) in parts { node.collectVariables(into: &names) }
        case .feel(let node): node.collectVariables(into: &names, bound: [])
        }
        referencedVariables = names
    }

    /// Evaluates the program.
    func evaluate<Context: EvaluationContext>(in context: Context) throws(EvaluationError) -> Value {
        switch body {
        case .literal(let text):
            return .string(text)
        case .juel(let node):
            return try JuelEvaluator.evaluate(node, context)
        case .juelTemplate(let parts):
            var output = ""
            for part in parts {
                switch part {
                case .text(let text): output += text
                case .expression(let node): output += JuelCoercion.string(try JuelEvaluator.evaluate(node, context))
                }
            }
            return .string(output)
        case .feel(let node):
            var evaluator = FeelEvaluator()
            return evaluator.evaluate(node, context)
        }
    }
}
