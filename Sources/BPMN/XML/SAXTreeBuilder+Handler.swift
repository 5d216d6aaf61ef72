internal import CLibXML2

extension SAXTreeBuilder {
    /// The SAX2 handler table: element, text and error callbacks forward to the builder behind `userData`;
    /// entity declarations are refused; everything else (comments, processing instructions) is ignored.
    static var handler: xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, _,
            attributes in
            guard let userData, let localName else { return }
            saxBuilder(userData).startElement(
                localName: localName, prefix: prefix, uri: uri,
                namespaceCount: Int(namespaceCount), namespaces: namespaces,
                attributeCount: Int(attributeCount), attributes: attributes)
        }
        handler.endElementNs = { userData, _, _, _ in
            guard let userData else { return }
            saxBuilder(userData).endElement()
        }
        handler.characters = { userData, bytes, count in
            guard let userData, let bytes else { return }
            saxBuilder(userData).characters(bytes, count: Int(count))
        }
        handler.ignorableWhitespace = handler.characters
        handler.entityDecl = { userData, name, _, _, _, _ in
            guard let userData else { return }
            saxBuilder(userData).entityDeclared(name.map { String(cString: $0) } ?? "")
        }
        handler.unparsedEntityDecl = { userData, name, _, _, _ in
            guard let userData else { return }
            saxBuilder(userData).entityDeclared(name.map { String(cString: $0) } ?? "")
        }
        handler.attributeDecl = { userData, element, attribute, _, _, _, tree in
            // The enumeration tree is handed over to the callback; Baton does not keep it.
            if let tree { xmlFreeEnumeration(tree) }
            guard let userData else { return }
            saxBuilder(userData).attributeDeclared(
                element: element.map { String(cString: $0) } ?? "", attribute: attribute.map { String(cString: $0) } ?? "")
        }
        handler.serror = SAXTreeBuilder.structuredErrorHandler
        return handler
    }

    /// Receives libxml2's structured errors: those of the parser context, and (installed for the duration of a
    /// parse) those libxml2 raises outside it, such as encoding conversion failures, which would otherwise be
    /// printed on standard error.
    static let structuredErrorHandler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        saxBuilder(userData).reportError(UnsafePointer(error))
    }

}

/// The builder behind libxml2's `userData` pointer (a free function, so the C callbacks capture nothing).
private func saxBuilder(_ userData: UnsafeMutableRawPointer) -> SAXTreeBuilder {
    Unmanaged<SAXTreeBuilder>.fromOpaque(userData).takeUnretainedValue()
}
