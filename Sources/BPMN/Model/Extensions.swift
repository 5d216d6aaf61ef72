/// Vendor extensions on one element: typed Camunda 7 (also Operaton, Activiti) and Zeebe data, plus whatever else
/// the document carried, kept verbatim so nothing is lost.
public struct Extensions: Sendable, Hashable, Codable {
    /// Camunda 7 vocabulary, from `camunda:`, `operaton:` or `activiti:` attributes and extension elements.
    @IndirectOptional public var camunda: CamundaExtensions?
    /// Zeebe (Camunda 8) extension elements.
    @IndirectOptional public var zeebe: ZeebeExtensions?
    /// Extension elements Baton does not understand (other vendors), verbatim.
    public var otherElements: [XMLFragment]
    /// Attributes in foreign namespaces Baton does not understand, verbatim.
    public var otherAttributes: [XMLAttribute]

    /// Creates extensions.
    public init(
        camunda: CamundaExtensions? = nil, zeebe: ZeebeExtensions? = nil, otherElements: [XMLFragment] = [],
        otherAttributes: [XMLAttribute] = []
    ) {
        self.camunda = camunda
        self.zeebe = zeebe
        self.otherElements = otherElements
        self.otherAttributes = otherAttributes
    }

    /// True when the element carries no extension data at all.
    public var isEmpty: Bool {
        camunda == nil && zeebe == nil && otherElements.isEmpty && otherAttributes.isEmpty
    }
}
