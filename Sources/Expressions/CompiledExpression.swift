/// Text from a model that the engine evaluates: a FEEL expression (`= …`), a JUEL expression or template
/// (`${…}`, `#{…}`, `Hello ${name}`), or a plain literal string.
///
/// Parsed once (at deploy time) into a syntax tree; evaluated many times without re-reading the text. Two values
/// are equal when their text and language are.
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
    private let program: ExpressionProgram

    /// Parses model text, detecting the language: a leading `=` (after whitespace) is FEEL, text containing `${` or
    /// `#{` is JUEL, anything else is a literal.
    ///
    /// A JUEL text that is exactly one `${…}` evaluates to the expression's value; a composite template such as
    /// `Dear ${name}` evaluates to a string.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> CompiledExpression {
        let source = SourceText(text)
        if let equals = source.bytes.firstIndex(where: { !SourceText.isSpace($0) }),
            source.bytes[equals] == UInt8(ascii: "=")
        {
            let node = try FeelParser.parse(source, start: equals + 1)
            return CompiledExpression(source: text, language: .feel, body: .feel(node))
        }
        guard text.contains("${") || text.contains("#{") else {
            return CompiledExpression(source: text, language: .literal, body: .literal(text))
        }
        let parts = try JuelTemplate.parse(source)
        if parts.count == 1, case .expression(let node) = parts[0],
            source.bytes.first != UInt8(ascii: "\\"), source.bytes.last == UInt8(ascii: "}")
        {
            return CompiledExpression(source: text, language: .juel, body: .juel(node))
        }
        return CompiledExpression(source: text, language: .juel, body: .juelTemplate(parts))
    }

    /// Parses text that is always an expression in the given language (a FEEL script body without `=`, a JUEL
    /// script body without `${}`), e.g. a `scriptTask` with `scriptFormat="feel"`. `.literal` keeps the text as is.
    public static func parse(_ text: String, as language: Language) throws(ExpressionSyntaxError)
        -> CompiledExpression
    {
        let source = SourceText(text)
        switch language {
        case .literal:
            return CompiledExpression(source: text, language: .literal, body: .literal(text))
        case .juel:
            let node = try JuelParser.parseExpression(source)
            return CompiledExpression(source: text, language: .juel, body: .juel(node))
        case .feel:
            let node = try FeelParser.parse(source, start: 0)
            return CompiledExpression(source: text, language: .feel, body: .feel(node))
        }
    }

    /// Whether the text is a plain literal (no expression inside).
    public var isLiteral: Bool { language == .literal }

    /// The names of the variables the expression reads (for `execution.getVariable('x')`, `x`). For FEEL, names
    /// bound inside the expression (`for`, `some`, `every`, `item`, context entries) are left out; names inside a
    /// filter are included even though they may be keys of the list's elements.
    public var referencedVariables: Set<String> { program.referencedVariables }

    /// Evaluates against variables and a clock supplied by the caller. Never throws and never traps: failures
    /// (unknown name in JUEL, type mismatch, division by zero) come back as `EvaluationError`.
    public func evaluate(in context: some EvaluationContext) -> Result<Value, EvaluationError> {
        do {
            return .success(try program.evaluate(in: context))
        } catch {
            return .failure(error)
        }
    }

    /// Evaluates like `evaluate(in:)` but throws the failure, for callers that prefer `try`.
    public func value(in context: some EvaluationContext) throws(EvaluationError) -> Value {
        try program.evaluate(in: context)
    }

    init(source: String, language: Language, body: ExpressionProgram.Body) {
        self.source = source
        self.language = language
        program = ExpressionProgram(body: body)
    }

    /// Equal when the text and the language are.
    public static func == (lhs: CompiledExpression, rhs: CompiledExpression) -> Bool {
        lhs.source == rhs.source && lhs.language == rhs.language
    }

    /// Hashes the text and the language.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(language)
    }
}
