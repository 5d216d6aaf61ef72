/// A namespace-qualified XML name. Names are compared by namespace URI and local name, never by prefix.
public struct XMLName: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The namespace URI, or the empty string for names in no namespace.
    public var namespaceURI: String
    /// The local part of the name.
    public var localName: String
    /// The prefix the document used, kept only to write the name back as it was.
    public var prefix: String?

    /// Creates a name.
    public init(namespaceURI: String, localName: String, prefix: String? = nil) {
        self.namespaceURI = namespaceURI
        self.localName = localName
        self.prefix = prefix
    }

    public var description: String {
        if let prefix, !prefix.isEmpty { return "\(prefix):\(localName)" }
        return localName
    }

    public static func == (lhs: XMLName, rhs: XMLName) -> Bool {
        lhs.namespaceURI == rhs.namespaceURI && lhs.localName == rhs.localName
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(namespaceURI)
        hasher.combine(localName)
    }
}

/// One attribute of an XML element.
public struct XMLAttribute: Sendable, Hashable, Codable {
    /// The attribute's qualified name (no namespace for ordinary, unprefixed attributes).
    public var name: XMLName
    /// The attribute value, with character and predefined entity references decoded.
    public var value: String

    /// Creates an attribute.
    public init(name: XMLName, value: String) {
        self.name = name
        self.value = value
    }
}

/// A namespace declaration (`xmlns` or `xmlns:prefix`) made on an element.
public struct XMLNamespaceDeclaration: Sendable, Hashable, Codable {
    /// The declared prefix, or nil for the default namespace.
    public var prefix: String?
    /// The namespace URI bound to it.
    public var uri: String

    /// Creates a declaration.
    public init(prefix: String?, uri: String) {
        self.prefix = prefix
        self.uri = uri
    }
}

/// An XML element as a value: its name, attributes, text, children and source location.
///
/// The parser turns the whole document into this tree before reading BPMN from it; extension elements that Baton
/// does not understand are kept in the model in this form, so nothing in a document is lost.
public struct XMLFragment: Sendable, Hashable, Codable {
    /// The element's name.
    public var name: XMLName
    /// Attributes in document order (namespace declarations excluded).
    public var attributes: [XMLAttribute]
    /// Namespace declarations made on this element.
    public var namespaceDeclarations: [XMLNamespaceDeclaration]
    /// Child elements in document order.
    public var children: [XMLFragment]
    /// The element's own character data (CDATA included), not that of its children; empty when only whitespace.
    public var text: String
    /// Where the element's start tag begins.
    public var location: SourceLocation

    /// Creates an element.
    public init(
        name: XMLName,
        attributes: [XMLAttribute] = [],
        namespaceDeclarations: [XMLNamespaceDeclaration] = [],
        children: [XMLFragment] = [],
        text: String = "",
        location: SourceLocation = .start
    ) {
        self.name = name
        self.attributes = attributes
        self.namespaceDeclarations = namespaceDeclarations
        self.children = children
        self.text = text
        self.location = location
    }

    /// The value of the unqualified attribute `localName` (as BPMN's own attributes are), if present.
    public func attribute(_ localName: String) -> String? {
        for attribute in attributes where attribute.name.namespaceURI.isEmpty && attribute.name.localName == localName {
            return attribute.value
        }
        return nil
    }

    /// The value of the attribute `localName` in any of the given namespaces, if present.
    public func attribute(_ localName: String, in namespaces: Set<String>) -> String? {
        for attribute in attributes
        where attribute.name.localName == localName && namespaces.contains(attribute.name.namespaceURI) {
            return attribute.value
        }
        return nil
    }

    /// The text with leading and trailing whitespace removed.
    public var trimmedText: String {
        text.trimmingWhitespace()
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace (space, tab, CR, LF), trimmed by whole characters
    /// (so a space that a combining mark attaches to stays).
    func trimmingWhitespace() -> String {
        // Fast path on the UTF-8 bytes. Whitespace bytes only ever form whitespace characters (" ", "\t", "\n",
        // "\r", "\r\n"), and an ASCII byte next to them always starts or ends a character of its own (no
        // extending mark, joiner or prepended character is ASCII), so when the first and last non-whitespace bytes
        // are ASCII the byte-wise trim cuts exactly where the character-wise trim does.
        let utf8 = self.utf8
        let isSpaceByte: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
        guard let firstByte = utf8.firstIndex(where: { !isSpaceByte($0) }) else { return "" }
        guard let lastByte = utf8.lastIndex(where: { !isSpaceByte($0) }) else { return "" }
        if utf8[firstByte] < 0x80 && utf8[lastByte] < 0x80 {
            let end = utf8.index(after: lastByte)
            if firstByte == utf8.startIndex && end == utf8.endIndex { return self }
            return String(self[firstByte..<end])
        }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        guard let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
