internal import CLibXML2

/// Receives libxml2's SAX2 callbacks for one parse and builds the `XMLFragment` tree.
///
/// A class because libxml2 hands the callbacks an opaque pointer to it; it lives only for one synchronous
/// `xmlParseDocument` call and no pointer it holds outlives that call.
final class SAXTreeBuilder {
    private struct OpenElement {
        var element: XMLFragment
        var text: [UInt8] = []
    }

    private let limits: XMLLimits
    private let context: xmlParserCtxtPtr
    private var stack: [OpenElement] = []
    private var elementCount = 0
    private var stopped = false
    /// libxml2 interns names in a dictionary, so equal names share a pointer: cache their Swift strings.
    private var names: [UnsafeRawPointer: String] = [:]
    private(set) var root: XMLFragment?
    private(set) var errors: [XMLParseError] = []

    init(limits: XMLLimits, context: xmlParserCtxtPtr) {
        self.limits = limits
        self.context = context
        stack.reserveCapacity(32)
    }

    // MARK: - Callbacks

    func startElement(
        localName: UnsafePointer<xmlChar>,
        prefix: UnsafePointer<xmlChar>?,
        uri: UnsafePointer<xmlChar>?,
        namespaceCount: Int,
        namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        attributeCount: Int,
        attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard !stopped else { return }
        let location = tagStartLocation()
        elementCount += 1
        if stack.count >= limits.maxDepth {
            stop(.nestingTooDeep, "elements nest deeper than \(limits.maxDepth) levels", at: location)
            return
        }
        if elementCount > limits.maxElements {
            stop(.tooManyElements, "document has more than \(limits.maxElements) elements", at: location)
            return
        }
        var element = XMLFragment(
            name: XMLName(namespaceURI: name(uri), localName: name(localName), prefix: optionalName(prefix)),
            location: location)
        if namespaceCount > 0, let namespaces {
            element.namespaceDeclarations.reserveCapacity(namespaceCount)
            for index in 0..<namespaceCount {
                let declaredPrefix = optionalName(namespaces[2 * index])
                element.namespaceDeclarations.append(
                    XMLNamespaceDeclaration(prefix: declaredPrefix, uri: name(namespaces[2 * index + 1])))
            }
        }
        if attributeCount > 0, let attributes {
            element.attributes.reserveCapacity(attributeCount)
            for index in 0..<attributeCount {
                let base = 5 * index
                guard let attributeName = attributes[base], let start = attributes[base + 3],
                    let end = attributes[base + 4]
                else { continue }
                let value = XMLCharacterReferences.decode(
                    UnsafeBufferPointer(start: start, count: start.distance(to: end)))
                element.attributes.append(XMLAttribute(
                    name: XMLName(
                        namespaceURI: name(attributes[base + 2]),
                        localName: name(attributeName),
                        prefix: optionalName(attributes[base + 1])),
                    value: value))
            }
        }
        stack.append(OpenElement(element: element))
    }

    func endElement() {
        guard !stopped, var open = stack.popLast() else { return }
        if open.text.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }) {
            open.element.text = String(decoding: open.text, as: UTF8.self)
        }
        if stack.isEmpty {
            root = open.element
        } else {
            stack[stack.count - 1].element.children.append(open.element)
        }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !stopped, !stack.isEmpty else { return }
        stack[stack.count - 1].text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    func entityDeclared(_ entityName: String) {
        stop(
            .entityDeclaration,
            "the DOCTYPE declares entity '\(entityName)'; entity declarations are refused "
                + "(Baton never expands or loads entities)",
            at: currentLocation())
    }

    func reportError(_ error: UnsafePointer<xmlError>) {
        let level = error.pointee.level
        guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
        if stopped { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        message = message.split(separator: "\n").joined(separator: "; ")
        let line = Int(error.pointee.line)
        let column = Int(error.pointee.int2)
        errors.append(XMLParseError(
            code: .notWellFormed,
            message: message,
            location: SourceLocation(line: max(line, 1), column: max(column, 1))))
    }

    // MARK: - Positions

    /// The parser's current position.
    func currentLocation() -> SourceLocation {
        guard let input = context.pointee.input else { return .start }
        return SourceLocation(line: max(Int(input.pointee.line), 1), column: max(Int(input.pointee.col), 1))
    }

    /// Where the start tag just read begins. libxml2 reports the position after the tag, so scan back to its `<`
    /// (attribute values cannot contain a raw `<`), counting the line breaks crossed.
    private func tagStartLocation() -> SourceLocation {
        guard let input = context.pointee.input, let cursor = input.pointee.cur, let base = input.pointee.base else {
            return currentLocation()
        }
        let line = Int(input.pointee.line)
        let column = Int(input.pointee.col)
        var position = cursor
        var newlines = 0
        while position > base {
            position -= 1
            if position.pointee == 0x3C { break }  // "<"
            if position.pointee == 0x0A { newlines += 1 }
        }
        guard position.pointee == 0x3C else { return currentLocation() }
        if newlines == 0 {
            return SourceLocation(line: max(line, 1), column: max(column - characterCount(position, cursor), 1))
        }
        var lineStart = position
        while lineStart > base && lineStart[-1] != 0x0A { lineStart -= 1 }
        let atKnownLineStart = lineStart > base || input.pointee.consumed == 0
        return SourceLocation(
            line: max(line - newlines, 1),
            column: atKnownLineStart ? characterCount(lineStart, position) + 1 : 1)
    }

    /// Counts UTF-8 characters (non-continuation bytes) in `[from, to)`.
    private func characterCount(_ from: UnsafePointer<xmlChar>, _ to: UnsafePointer<xmlChar>) -> Int {
        var count = 0
        var pointer = from
        while pointer < to {
            if pointer.pointee & 0xC0 != 0x80 { count += 1 }
            pointer += 1
        }
        return count
    }

    // MARK: - Helpers

    private func stop(_ code: XMLParseError.Code, _ message: String, at location: SourceLocation) {
        guard !stopped else { return }
        stopped = true
        errors.append(XMLParseError(code: code, message: message, location: location))
        xmlStopParser(context)
    }

    private func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let key = UnsafeRawPointer(pointer)
        if let cached = names[key] { return cached }
        let value = String(cString: pointer)
        names[key] = value
        return value
    }

    private func optionalName(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer == nil ? nil : name(pointer)
    }
}
