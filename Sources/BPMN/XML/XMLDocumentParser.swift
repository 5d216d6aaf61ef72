internal import CLibXML2

/// Reads XML bytes into an `XMLFragment` tree with libxml2's SAX2 interface.
///
/// Security: the network is off, no DTD is loaded, entities are never substituted, a DOCTYPE that declares an
/// entity is refused, and malformed input is always an error (never "recovered"). Size, depth and element-count
/// limits come from `XMLLimits`.
public struct XMLDocumentParser: Sendable {
    /// The limits applied to every document.
    public var limits: XMLLimits

    /// Creates a parser with the given limits.
    public init(limits: XMLLimits = .default) {
        self.limits = limits
    }

    /// Parses a whole document held in memory.
    /// - Parameter bytes: the document's bytes, in any encoding libxml2 detects (UTF-8 unless declared).
    /// - Returns: the root element with its subtree.
    /// - Throws: `XMLParseFailure` with every error libxml2 or a limit reported, each with line and column.
    public func parse(_ bytes: UnsafeRawBufferPointer) throws(XMLParseFailure) -> XMLFragment {
        // libxml2 takes the length as an Int32, whatever the configured limit.
        let limit = min(limits.maxDocumentBytes, Int(Int32.max))
        if bytes.count > limit {
            throw XMLParseFailure(XMLParseError(
                code: .documentTooLarge,
                message: "document is \(bytes.count) bytes; the limit is \(limit) bytes",
                location: .start))
        }
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw XMLParseFailure(XMLParseError(code: .emptyDocument, message: "document is empty", location: .start))
        }
        LibXML2Runtime.ensureInitialized()
        guard let context = xmlCreateMemoryParserCtxt(base.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        else {
            throw XMLParseFailure(XMLParseError(
                code: .notWellFormed, message: "libxml2 could not create a parser context", location: .start))
        }
        defer {
            // libxml2 builds a stand-in document in SAX mode when the DOCTYPE declares an internal entity ("for
            // expat compatibility"), and xmlFreeParserCtxt does not free it: free it here, as libxml2's own SAX
            // entry points do, or every such document leaks about 13 KB.
            if let document = context.pointee.myDoc {
                context.pointee.myDoc = nil
                xmlFreeDoc(document)
            }
            xmlFreeParserCtxt(context)
        }

        let builder = SAXTreeBuilder(limits: limits, context: context)
        context.pointee.sax.pointee = SAXTreeBuilder.handler
        // Never add XML_PARSE_NODICT: `InternedNames` relies on libxml2 interning every name in its dictionary.
        let options = XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue
        _ = xmlCtxtUseOptions(context, Int32(bitPattern: options))
        let builderPointer = Unmanaged.passUnretained(builder).toOpaque()
        context.pointee.userData = builderPointer
        let status = withExtendedLifetime(builder) {
            // libxml2 keeps the global handler per thread, and this parse runs synchronously on this thread.
            xmlSetStructuredErrorFunc(builderPointer, SAXTreeBuilder.structuredErrorHandler)
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            return xmlParseDocument(context)
        }

        var errors = builder.errors
        if errors.isEmpty && (status != 0 || context.pointee.wellFormed == 0 || builder.root == nil) {
            errors.append(XMLParseError(
                code: .notWellFormed, message: "document is not well-formed XML", location: builder.currentLocation()))
        }
        guard errors.isEmpty, let root = builder.root else { throw XMLParseFailure(errors) }
        return root
    }

    /// Parses a document held in a byte array.
    public func parse(_ bytes: [UInt8]) throws(XMLParseFailure) -> XMLFragment {
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(XMLParseFailure) in try parse(buffer) } }
        return try result.get()
    }
}

/// Every error that stopped an XML document from being read; never empty.
public struct XMLParseFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The errors in the order they were found.
    public var errors: [XMLParseError]

    /// Creates a failure from one or more errors.
    public init(_ errors: [XMLParseError]) {
        self.errors = errors
    }

    /// Creates a failure from a single error.
    public init(_ error: XMLParseError) {
        self.errors = [error]
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
