import CLibXML2

/// Plain libxml2 DOM + XPath, for tests that count what a document holds independently of Baton's reader.
enum XPathDocument {
    private static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOERROR.rawValue)

    /// Reads `bytes` with `xmlReadMemory`, registers `namespaces` (prefix → URI) and runs `body` with an XPath
    /// context; nil when libxml2 cannot read the document.
    static func withContext<Result>(
        _ bytes: [UInt8], namespaces: [String: String], _ body: (xmlXPathContextPtr) -> Result
    ) -> Result? {
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReadMemory($0, Int32(buffer.count), nil, nil, options)
                }
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let context = xmlXPathNewContext(document) else { return nil }
        defer { xmlXPathFreeContext(context) }
        for (prefix, uri) in namespaces { xmlXPathRegisterNs(context, prefix, uri) }
        return body(context)
    }
}
