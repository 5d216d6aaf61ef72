import CLibXML2

/// The baseline: libxml2 reading the same bytes into its own DOM tree with `xmlReadMemory`, then freeing it.
enum LibXML2Baseline {
    /// Silences libxml2's default error printer (a structured handler that drops everything), so the baseline does
    /// not spend its time writing warnings to stderr (one corpus file has hundreds of relative-namespace warnings).
    /// Baton's own parser installs its own handler per parse and is unaffected. Call once, before timing.
    static func silenceErrors() {
        xmlSetStructuredErrorFunc(nil) { _, _ in }
    }

    /// Parses `bytes` with `xmlReadMemory(…, XML_PARSE_NONET)` and frees the tree; returns whether a tree came back.
    static func parse(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            let options = Int32(bitPattern: XML_PARSE_NONET.rawValue)
            let document = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                xmlReadMemory(pointer, Int32(buffer.count), nil, nil, options)
            }
            guard let document else { return false }
            xmlFreeDoc(document)
            return true
        }
    }
}
