/// A `bpmn:documentation` text.
public struct Documentation: Sendable, Hashable, Codable {
    /// The text as written.
    public var text: String
    /// The MIME type of the text (`textFormat`), default `text/plain`.
    public var textFormat: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates documentation.
    public init(text: String, textFormat: String? = nil, location: SourceLocation = .start) {
        self.text = text
        self.textFormat = textFormat
        self.location = location
    }
}
