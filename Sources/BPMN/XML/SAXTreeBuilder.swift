internal import CLibXML2

/// Receives libxml2's SAX2 callbacks for one parse and builds the `XMLFragment` tree.
///
/// A class because libxml2 hands the callbacks an opaque pointer to it; it lives only for one synchronous
/// `xmlParseDocument` call and no pointer it holds outlives that call. All mutable state sits in one struct,
/// `SAXTreeState`, so each callback makes one exclusive access to the object rather than one per field.
final class SAXTreeBuilder {
    private var state: SAXTreeState

    init(limits: XMLLimits, context: xmlParserCtxtPtr) {
        state = SAXTreeState(limits: limits, context: context)
    }

    /// The document element, once it has been closed.
    var root: XMLFragment? { state.root }
    /// The errors reported so far, in order.
    var errors: [XMLParseError] { state.errors }

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
        state.startElement(
            localName: localName, prefix: prefix, uri: uri, namespaceCount: namespaceCount, namespaces: namespaces,
            attributeCount: attributeCount, attributes: attributes)
    }

    func endElement() {
        state.endElement()
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        state.characters(bytes, count: count)
    }

    func entityDeclared(_ entityName: String) {
        state.entityDeclared(entityName)
    }

    func attributeDeclared(element: String, attribute: String) {
        state.attributeDeclared(element: element, attribute: attribute)
    }

    func reportError(_ error: UnsafePointer<xmlError>) {
        state.reportError(error)
    }

    /// The parser's current position.
    func currentLocation() -> SourceLocation {
        state.currentLocation()
    }
}

/// The tree under construction: the open elements, their character data, the names seen, the errors.
struct SAXTreeState {
    private let limits: XMLLimits
    private let context: xmlParserCtxtPtr
    /// The open elements, outermost first.
    private var stack: [XMLFragment] = []
    /// Where each open element's character data starts in `text` (kept apart from `stack`, so a closed element
    /// moves into its parent without a copy).
    private var textStarts: [Int] = []
    /// The character data of every open element, outermost first. An element's data is contiguous: a child's data
    /// is appended after it and removed again when the child closes, before the parent's data continues.
    private var text: [UInt8] = []
    private var elementCount = 0
    private var stopped = false
    private var sawFatalError = false
    private var names = InternedNames()
    private(set) var root: XMLFragment?
    private(set) var errors: [XMLParseError] = []

    init(limits: XMLLimits, context: xmlParserCtxtPtr) {
        self.limits = limits
        self.context = context
        stack.reserveCapacity(32)
        textStarts.reserveCapacity(32)
        text.reserveCapacity(1024)
    }

    // MARK: - Callbacks

    mutating func startElement(
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
            name: XMLName(
                namespaceURI: names.string(uri), localName: names.string(localName),
                prefix: names.optionalString(prefix)),
            location: location)
        if namespaceCount > 0, let namespaces {
            element.namespaceDeclarations.reserveCapacity(namespaceCount)
            for index in 0..<namespaceCount {
                let declaredPrefix = names.optionalString(namespaces[2 * index])
                element.namespaceDeclarations.append(
                    XMLNamespaceDeclaration(prefix: declaredPrefix, uri: names.string(namespaces[2 * index + 1])))
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
                        namespaceURI: names.string(attributes[base + 2]),
                        localName: names.string(attributeName),
                        prefix: names.optionalString(attributes[base + 1])),
                    value: value))
            }
        }
        stack.append(element)
        textStarts.append(text.count)
    }

    mutating func endElement() {
        guard !stopped, !stack.isEmpty, let start = textStarts.popLast() else { return }
        if start < text.count {
            if Self.hasContent(text, from: start) {
                stack[stack.count - 1].text = String(decoding: text[start...], as: UTF8.self)
            }
            // No slice of `text` is alive here, so the buffer is unique and shrinks in place (keeping its capacity).
            text.removeSubrange(start...)
        }
        // Moved, not copied, into its parent (or the root): `element` is a `let` used once.
        let element = stack.removeLast()
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    /// Whether `text[start...]` holds anything but XML whitespace.
    private static func hasContent(_ text: [UInt8], from start: Int) -> Bool {
        for index in start..<text.count {
            let byte = text[index]
            if byte != 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D { return true }
        }
        return false
    }

    mutating func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !stopped, !stack.isEmpty, count > 0 else { return }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    mutating func entityDeclared(_ entityName: String) {
        stop(
            .entityDeclaration,
            "the DOCTYPE declares entity '\(entityName)'; entity declarations are refused "
                + "(Baton never expands or loads entities)",
            at: currentLocation())
    }

    mutating func attributeDeclared(element: String, attribute: String) {
        stop(
            .attributeDeclaration,
            "the DOCTYPE declares attribute '\(attribute)' of <\(element)>; attribute-list declarations are refused "
                + "because their defaults would silently change the document (remove the DOCTYPE)",
            at: currentLocation())
    }

    /// Records an error libxml2 reported. Everything up to and including the first fatal error is kept; what
    /// libxml2 says after that is a cascade of the same problem and is dropped.
    mutating func reportError(_ error: UnsafePointer<xmlError>) {
        let level = error.pointee.level
        guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
        if stopped || sawFatalError { return }
        if level == XML_ERR_FATAL { sawFatalError = true }
        var message = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        message = message.split(separator: "\n").joined(separator: "; ")
        if error.pointee.domain == Int32(XML_FROM_I18N.rawValue) {
            message = "the bytes do not match the document's declared encoding: " + message
        }
        let line = Int(error.pointee.line)
        let column = Int(error.pointee.int2)
        // Errors raised outside the parser (encoding conversion) carry no position: use the parser's.
        let location = line > 0 ? SourceLocation(line: line, column: max(column, 1)) : currentLocation()
        errors.append(XMLParseError(code: .notWellFormed, message: message, location: location))
    }

    // MARK: - Positions

    /// The parser's current position.
    func currentLocation() -> SourceLocation {
        guard let input = context.pointee.input else { return .start }
        return SourceLocation(line: max(Int(input.pointee.line), 1), column: max(Int(input.pointee.col), 1))
    }

    /// Where the start tag just read begins. libxml2 reports the position after the tag, so scan back to its `<`
    /// (attribute values cannot contain a raw `<`), counting the line breaks crossed and, while there are none,
    /// the characters passed.
    private func tagStartLocation() -> SourceLocation {
        guard let input = context.pointee.input, let cursor = input.pointee.cur, let base = input.pointee.base else {
            return currentLocation()
        }
        let line = Int(input.pointee.line)
        let column = Int(input.pointee.col)
        var position = cursor
        var newlines = 0
        var characters = 0  // UTF-8 lead bytes in (position, cursor), counted until the first line break
        // Eight bytes at a time while a word holds neither "<" nor a line break (most of a tag), then byte by byte.
        while base.distance(to: position) >= 8 {
            let word = UnsafeRawPointer(position - 8).loadUnaligned(as: UInt64.self)
            if Self.containsByte(word, 0x3C) || Self.containsByte(word, 0x0A) { break }
            characters += 8 - Self.continuationBytes(word)
            position -= 8
        }
        while position > base {
            position -= 1
            let byte = position.pointee
            if byte == 0x3C { break }  // "<"
            if byte == 0x0A {
                newlines += 1
            } else if newlines == 0 && byte & 0xC0 != 0x80 {
                characters += 1
            }
        }
        guard position.pointee == 0x3C else { return currentLocation() }
        if newlines == 0 {
            return SourceLocation(line: max(line, 1), column: max(column - (characters + 1), 1))
        }
        var lineStart = position
        while lineStart > base && lineStart[-1] != 0x0A { lineStart -= 1 }
        let atKnownLineStart = lineStart > base || input.pointee.consumed == 0
        return SourceLocation(
            line: max(line - newlines, 1),
            column: atKnownLineStart ? characterCount(lineStart, position) + 1 : 1)
    }

    private static let lowBits: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any of the eight bytes in `word` equals `byte` (the classic "has zero byte" test on `word ^ byte…`).
    private static func containsByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let difference = word ^ (lowBits &* UInt64(byte))
        return (difference &- lowBits) & ~difference & highBits != 0
    }

    /// How many of the eight bytes in `word` are UTF-8 continuation bytes (`10xxxxxx`).
    private static func continuationBytes(_ word: UInt64) -> Int {
        (word & ~(word << 1) & highBits).nonzeroBitCount
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

    private mutating func stop(_ code: XMLParseError.Code, _ message: String, at location: SourceLocation) {
        guard !stopped else { return }
        stopped = true
        errors.append(XMLParseError(code: code, message: message, location: location))
        xmlStopParser(context)
    }
}
