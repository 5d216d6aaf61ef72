/// An expression as written in the model: a `conditionExpression`, `timeDuration`, `loopCardinality`, … body.
///
/// The body is kept verbatim; the Expressions target parses it. `isFormal` says the element was typed
/// `tFormalExpression` through `xsi:type` (matched by namespace, not prefix).
public struct Expression: Sendable, Hashable, Codable {
    /// The expression text, trimmed of surrounding whitespace.
    public var body: String
    /// The `language` attribute (e.g. `groovy`, `javascript`), when the element names one.
    public var language: String?
    /// Whether `xsi:type` declares this a `tFormalExpression`.
    public var isFormal: Bool
    /// `evaluatesToTypeRef`, when present.
    public var evaluatesToTypeRef: String?
    /// The element's id, if it has one.
    public var id: ElementID?
    /// Where the expression element starts.
    public var location: SourceLocation

    /// Creates an expression.
    public init(
        body: String, language: String? = nil, isFormal: Bool = false, evaluatesToTypeRef: String? = nil,
        id: ElementID? = nil, location: SourceLocation = .start
    ) {
        self.body = body
        self.language = language
        self.isFormal = isFormal
        self.evaluatesToTypeRef = evaluatesToTypeRef
        self.id = id
        self.location = location
    }
}
