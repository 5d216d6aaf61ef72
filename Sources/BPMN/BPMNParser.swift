import Foundation

/// Turns BPMN 2.0 XML into a `Definitions` model.
///
/// The XML is read by libxml2 (see `XMLDocumentParser` for the security settings); the root must be
/// `definitions` in the BPMN 2.0 namespace. Problems that still leave a model (a missing id, a bad attribute value,
/// a duplicate id) come back as diagnostics next to it; problems that leave none are thrown.
public struct BPMNParser: Sendable {
    /// Limits on size, depth and element count.
    public var limits: XMLLimits

    /// Creates a parser.
    public init(limits: XMLLimits = .default) {
        self.limits = limits
    }

    /// Parses a document from memory.
    /// - Throws: `BPMNParseError` when the bytes are not well-formed XML, break a limit, declare entities, or do not
    ///   have a BPMN `definitions` root.
    public func parse(_ bytes: [UInt8]) throws(BPMNParseError) -> ParsedDocument {
        let root: XMLFragment
        do {
            root = try XMLDocumentParser(limits: limits).parse(bytes)
        } catch {
            throw BPMNParseError(diagnostics: error.errors.map(Diagnostic.init(xmlError:)))
        }
        return try parse(root: root)
    }

    /// Parses a document from memory.
    public func parse(_ data: Data) throws(BPMNParseError) -> ParsedDocument {
        try parse([UInt8](data))
    }

    /// Parses a document from a string.
    public func parse(_ text: String) throws(BPMNParseError) -> ParsedDocument {
        try parse(Array(text.utf8))
    }

    /// Parses the file at `path`.
    /// - Throws: `BPMNParseError` as `parse(_:)`, or when the file cannot be read.
    public func parse(contentsOfFile path: String) throws(BPMNParseError) -> ParsedDocument {
        try parse(try Self.readFile(path, limit: limits.maxDocumentBytes))
    }

    /// Reads the model from an already parsed XML tree.
    public func parse(root: XMLFragment) throws(BPMNParseError) -> ParsedDocument {
        guard root.name.namespaceURI == Namespaces.bpmn, root.name.localName == "definitions" else {
            throw BPMNParseError(diagnostics: [Diagnostic(
                .error, .wrongRoot, Self.wrongRootMessage(root.name), at: root.location, element: root.elementID)])
        }
        var context = ReadContext()
        context.diagnostics = DuplicateIDCheck.check(root)
        let definitions = context.definitions(root)
        return ParsedDocument(definitions: definitions, diagnostics: context.diagnostics)
    }

    static func readFile(_ path: String, limit: Int) throws(BPMNParseError) -> [UInt8] {
        let url = URL(fileURLWithPath: path)
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > limit {
            throw BPMNParseError(diagnostics: [Diagnostic(
                .error, .limitExceeded, "document is \(size) bytes; the limit is \(limit) bytes", at: .start)])
        }
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw BPMNParseError(diagnostics: [Diagnostic(
                .error, .unreadableFile, "cannot read file: \(error.localizedDescription)", at: .start)])
        }
    }

    private static func wrongRootMessage(_ name: XMLName) -> String {
        let found = name.namespaceURI.isEmpty
            ? "<\(name.localName)> in no namespace"
            : "<\(name.localName)> in namespace \(name.namespaceURI)"
        if name.namespaceURI == Namespaces.bpmnBeta {
            return "root element is \(found), the BPMN 2.0 beta namespace; export the model again with a BPMN 2.0 "
                + "modeler (expected <definitions> in \(Namespaces.bpmn))"
        }
        return "root element is \(found); a BPMN 2.0 document has <definitions> in namespace \(Namespaces.bpmn)"
    }
}

/// A parsed document: the model and the problems found while reading it (validation adds more).
public struct ParsedDocument: Sendable, Hashable {
    /// The model.
    public var definitions: Definitions
    /// Problems found while reading (duplicate ids, missing ids, attribute values of the wrong type, …).
    public var diagnostics: [Diagnostic]
}

/// A document that could not be read as BPMN at all, with every reason found.
public struct BPMNParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reasons, each with line and column; never empty.
    public var diagnostics: [Diagnostic]

    /// Creates an error.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Diagnostic {
    /// The diagnostic for an XML-level failure.
    init(xmlError: XMLParseError) {
        let rule: DiagnosticRule
        switch xmlError.code {
        case .notWellFormed, .emptyDocument: rule = .notWellFormed
        case .entityDeclaration: rule = .entityDeclaration
        case .attributeDeclaration: rule = .attributeDeclaration
        case .documentTooLarge, .nestingTooDeep, .tooManyElements: rule = .limitExceeded
        }
        let prefix = rule == .notWellFormed ? "XML is not well-formed: " : ""
        self.init(.error, rule, prefix + xmlError.message, at: xmlError.location)
    }
}
