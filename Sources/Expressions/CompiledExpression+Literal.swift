extension CompiledExpression {
    /// Text that evaluates to itself, without parsing (for values that are never expressions).
    public static func literal(_ text: String) -> CompiledExpression {
        CompiledExpression(source: text, language: .literal, body: .literal(text))
    }
}
