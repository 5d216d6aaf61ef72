/// Text from a model that the engine evaluates: a FEEL expression (`= …`), a JUEL expression or template
/// (`${…}`, `#{…}`, `Hello ${name}`), or a plain literal string.
///
/// Parsed once (at deploy time); evaluated many times. STUB: the parser and evaluator are being written (issue 3,
/// expressions helper).
public struct CompiledExpression: Sendable, Hashable {
    /// Which language the text is in.
    public enum Language: Sendable, Hashable {
        /// Plain text without `${`/`#{` and without a leading `=`: evaluates to itself as a string.
        case literal
        /// JUEL (Camunda 7), possibly a composite template such as `Dear ${name}`.
        case juel
        /// FEEL (Zeebe), written with a leading `=`.
        case feel
    }

    /// The text as written.
    public let source: String
    /// The language detected from the text.
    public let language: Language

    /// Parses model text, detecting the language: a leading `=` (after whitespace) is FEEL, text containing `${` or
    /// `#{` is JUEL, anything else is a literal.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> CompiledExpression {
        CompiledExpression(source: text, language: .literal)
    }

    /// Parses text that is always an expression in the given language (a FEEL script body without `=`, a JUEL
    /// script body without `${}`), e.g. a `scriptTask` with `scriptFormat="feel"`.
    public static func parse(_ text: String, as language: Language) throws(ExpressionSyntaxError)
        -> CompiledExpression
    {
        CompiledExpression(source: text, language: language)
    }

    /// Whether the text is a plain literal (no expression inside).
    public var isLiteral: Bool { language == .literal }

    /// Evaluates against variables and a clock supplied by the caller. Never throws and never traps: failures
    /// (unknown name in JUEL, type mismatch, division by zero) come back as `EvaluationError`.
    public func evaluate(in context: some EvaluationContext) -> Result<Value, EvaluationError> {
        .success(.string(source))
    }

    init(source: String, language: Language) {
        self.source = source
        self.language = language
    }
}
