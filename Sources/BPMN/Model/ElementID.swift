/// The `id` of a BPMN element, unique within its document.
public struct ElementID: RawRepresentable, Sendable, Hashable, Codable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The id as written in the document.
    public var rawValue: String

    /// Creates an id.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates an id.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates an id from a string literal.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public var description: String { rawValue }

    /// An id made up for an element the document gave none (a sequence flow, association, annotation, group or
    /// message flow, which Camunda 7 accepts without one). It cannot collide with a real id: XML ids never
    /// contain `<`.
    public static func generated(for elementName: String, at location: SourceLocation) -> ElementID {
        ElementID("<unnamed \(elementName) at \(location.line):\(location.column)>")
    }

    /// Whether this id was made up by `generated(for:at:)` rather than written in the document.
    public var isGenerated: Bool { rawValue.hasPrefix("<") }

    public static func < (lhs: ElementID, rhs: ElementID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
