extension DeploymentResource {
    /// The BPMN model namespace a `definitions` root element must be in.
    static let bpmnModelNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL"

    /// Whether the resource is deployed as a BPMN model: its name ends in `.bpmn` or `.bpmn20.xml`, or (for clients
    /// that upload raw bytes under a name without suffix, such as pycamunda) its XML root element is `definitions`
    /// and the document declares the BPMN model namespace.
    public var isBPMN: Bool {
        if name.hasSuffix(".bpmn") || name.hasSuffix(".bpmn20.xml") { return true }
        guard let root = Self.rootElementName(content) else { return false }
        let local = root.split(separator: ":").last.map(String.init) ?? root
        guard local == "definitions" else { return false }
        let head = String(decoding: content.prefix(64 * 1024), as: UTF8.self)
        return head.contains(Self.bpmnModelNamespace)
    }

    /// The qualified name of the first element of an XML document (after a byte-order mark, the XML declaration,
    /// processing instructions, comments and a doctype), or nil when the bytes do not start like XML.
    static func rootElementName(_ bytes: [UInt8]) -> String? {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }
        func skip(past terminator: [UInt8]) -> Bool {
            while index + terminator.count <= bytes.count {
                if bytes[index..<index + terminator.count].elementsEqual(terminator) {
                    index += terminator.count
                    return true
                }
                index += 1
            }
            return false
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "<") else { return nil }
            let rest = bytes[index...]
            if rest.starts(with: Array("<?".utf8)) {
                guard skip(past: Array("?>".utf8)) else { return nil }
            } else if rest.starts(with: Array("<!--".utf8)) {
                guard skip(past: Array("-->".utf8)) else { return nil }
            } else if rest.starts(with: Array("<!".utf8)) {
                guard skip(past: Array(">".utf8)) else { return nil }
            } else {
                index += 1
                let start = index
                while index < bytes.count,
                    ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/")]
                        .contains(bytes[index])
                {
                    index += 1
                }
                guard index > start else { return nil }
                return String(decoding: bytes[start..<index], as: UTF8.self)
            }
        }
    }
}
