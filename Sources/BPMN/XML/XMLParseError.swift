/// Why an XML document could not be read at all. Each carries the position libxml2 (or the limit check) reported.
public struct XMLParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable, Hashable, Codable {
        /// The bytes are not well-formed XML (libxml2's message says why).
        case notWellFormed
        /// The document's DOCTYPE declares entities; Baton never expands entities (XXE, billion laughs).
        case entityDeclaration
        /// The document's DOCTYPE declares attribute lists, whose defaults would silently add attributes.
        case attributeDeclaration
        /// The document is larger than `XMLLimits.maxDocumentBytes`.
        case documentTooLarge
        /// Elements nest deeper than `XMLLimits.maxDepth`.
        case nestingTooDeep
        /// The document has more elements than `XMLLimits.maxElements`.
        case tooManyElements
        /// The document is empty.
        case emptyDocument
    }

    /// The kind of failure.
    public var code: Code
    /// A message for people: what is wrong and why.
    public var message: String
    /// Where it was found.
    public var location: SourceLocation

    /// Creates an error.
    public init(code: Code, message: String, location: SourceLocation) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }
}
