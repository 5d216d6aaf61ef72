/// A flow node of a process or sub-process: an event, an activity or a gateway.
///
/// The common fields live here; what is particular to one element kind lives in `kind`, a closed enum with one case
/// per BPMN element, so code that switches over it must handle every kind.
public struct FlowNode: Sendable, Hashable, Codable, Identifiable {
    /// The element's id.
    public var id: ElementID
    /// The `name` attribute.
    public var name: String?
    /// What kind of flow node this is, with its kind-specific data.
    public var kind: FlowNodeKind
    /// `incoming` children as written (informational; the sequence flows' `targetRef` is authoritative).
    public var incoming: [ElementID]
    /// `outgoing` children as written (informational; the sequence flows' `sourceRef` is authoritative).
    public var outgoing: [ElementID]
    /// The `default` flow of a gateway or activity.
    public var defaultFlow: ElementID?
    /// Activities only: `standardLoopCharacteristics` or `multiInstanceLoopCharacteristics`.
    public var loopCharacteristics: LoopCharacteristics?
    /// Activities only: `isForCompensation`.
    public var isForCompensation: Bool
    /// Activities only: `startQuantity` / `completionQuantity` when not 1.
    public var startQuantity: Int
    /// Activities only: see `startQuantity`.
    public var completionQuantity: Int
    /// Activities and events: `ioSpecification`, `dataInputAssociation`, `dataOutputAssociation`, properties.
    public var data: ActivityData
    /// Activities only: `performer`, `humanPerformer`, `potentialOwner` and `resourceRole` children.
    public var resourceRoles: [ResourceRole]
    /// `documentation` children.
    public var documentation: [Documentation]
    /// Vendor extensions.
    public var extensions: Extensions
    /// Where the element's start tag begins.
    public var location: SourceLocation

    /// Creates a flow node.
    public init(
        id: ElementID, name: String? = nil, kind: FlowNodeKind, incoming: [ElementID] = [],
        outgoing: [ElementID] = [], defaultFlow: ElementID? = nil, loopCharacteristics: LoopCharacteristics? = nil,
        isForCompensation: Bool = false, startQuantity: Int = 1, completionQuantity: Int = 1,
        data: ActivityData = ActivityData(), resourceRoles: [ResourceRole] = [], documentation: [Documentation] = [],
        extensions: Extensions = Extensions(), location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.incoming = incoming
        self.outgoing = outgoing
        self.defaultFlow = defaultFlow
        self.loopCharacteristics = loopCharacteristics
        self.isForCompensation = isForCompensation
        self.startQuantity = startQuantity
        self.completionQuantity = completionQuantity
        self.data = data
        self.resourceRoles = resourceRoles
        self.documentation = documentation
        self.extensions = extensions
        self.location = location
    }

    /// The BPMN element name, e.g. `userTask`.
    public var elementName: String { kind.elementName }
}
