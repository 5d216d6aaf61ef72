/// What every reader shares during one parse: the diagnostics found so far and the top-level event definitions
/// that `eventDefinitionRef` may point at.
struct ReadContext {
    var diagnostics: [Diagnostic] = []
    var rootEventDefinitions: [ElementID: EventDefinition] = [:]

    mutating func error(_ rule: DiagnosticRule, _ message: String, at location: SourceLocation, element: ElementID?) {
        diagnostics.append(Diagnostic(.error, rule, message, at: location, element: element))
    }

    mutating func warning(_ rule: DiagnosticRule, _ message: String, at location: SourceLocation, element: ElementID?)
    {
        diagnostics.append(Diagnostic(.warning, rule, message, at: location, element: element))
    }
}

extension XMLFragment {
    /// Whether this element is `localName` in the BPMN namespace.
    func isBPMN(_ localName: String) -> Bool {
        name.localName == localName && name.namespaceURI == Namespaces.bpmn
    }

    /// BPMN-namespace children.
    var bpmnChildren: [XMLFragment] {
        children.filter { $0.name.namespaceURI == Namespaces.bpmn }
    }

    /// The first BPMN-namespace child called `localName`.
    func bpmnChild(_ localName: String) -> XMLFragment? {
        children.first { $0.isBPMN(localName) }
    }

    /// Every BPMN-namespace child called `localName`.
    func bpmnChildren(_ localName: String) -> [XMLFragment] {
        children.filter { $0.isBPMN(localName) }
    }

    /// The references held as text by the BPMN-namespace children called `localName` (`incoming`, `sourceRef`, …),
    /// read in place: no child is copied.
    func bpmnChildReferences(_ localName: String) -> [ElementID] {
        children.compactMap { $0.isBPMN(localName) ? $0.textReference : nil }
    }

    /// The `id` attribute as an element id.
    var elementID: ElementID? {
        attribute("id").map(ElementID.init(rawValue:))
    }

    /// The `name` attribute.
    var nameAttribute: String? { attribute("name") }

    /// An attribute holding a reference (an IDREF or QName): a namespace prefix, if any, is dropped, since ids
    /// cannot contain a colon.
    func reference(_ localName: String) -> ElementID? {
        attribute(localName).flatMap(Self.referenceValue)
    }

    /// The text content as a reference (for `sourceRef`-style child elements).
    var textReference: ElementID? {
        Self.referenceValue(trimmedText)
    }

    static func referenceValue(_ raw: String) -> ElementID? {
        let trimmed = raw.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        return ElementID(localPart(trimmed))
    }

    /// The local part of `xsi:type`, matched by namespace.
    var xsiType: String? {
        guard let value = attribute("type", in: [Namespaces.xsi]) else { return nil }
        return Self.localPart(value)
    }

    /// What follows the last `:` of a QName (the whole string when there is none). Searches the UTF-8 bytes: a
    /// character-by-character search costs a fifth of the whole check on real models.
    static func localPart(_ qualifiedName: String) -> String {
        let bytes = qualifiedName.utf8
        guard let colon = bytes.lastIndex(of: UInt8(ascii: ":")) else { return qualifiedName }
        return String(qualifiedName[bytes.index(after: colon)...])
    }
}
