/// A flow node of a process or sub-process: an event, an activity or a gateway.
///
/// The common fields live here; what is particular to one element kind lives in `kind`, a closed enum with one case
/// per BPMN element, so code that switches over it must handle every kind.
///
/// Everything but the id, name, kind and location sits in one immutable box (`FlowNodeDetails`), replaced on write:
/// validation and compilation copy flow nodes often, and a copy then retains one box instead of some twenty arrays
/// and strings.
public struct FlowNode: Sendable, Hashable, Codable, Identifiable {
    /// The element's id.
    public var id: ElementID
    /// The `name` attribute.
    public var name: String?
    /// What kind of flow node this is, with its kind-specific data.
    public var kind: FlowNodeKind
    /// Where the element's start tag begins.
    public var location: SourceLocation
    @IndirectOptional private var details: FlowNodeDetails?

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
        self.location = location
        let details = FlowNodeDetails(
            incoming: incoming, outgoing: outgoing, defaultFlow: defaultFlow,
            loopCharacteristics: loopCharacteristics, isForCompensation: isForCompensation,
            startQuantity: startQuantity, completionQuantity: completionQuantity, data: data,
            resourceRoles: resourceRoles, documentation: documentation, extensions: extensions)
        self.details = details == FlowNodeDetails() ? nil : details
    }

    /// The BPMN element name, e.g. `userTask`.
    public var elementName: String { kind.elementName }

    /// `incoming` children as written (informational; the sequence flows' `targetRef` is authoritative).
    public var incoming: [ElementID] {
        get { details?.incoming ?? [] }
        set { update { $0.incoming = newValue } }
    }
    /// `outgoing` children as written (informational; the sequence flows' `sourceRef` is authoritative).
    public var outgoing: [ElementID] {
        get { details?.outgoing ?? [] }
        set { update { $0.outgoing = newValue } }
    }
    /// The `default` flow of a gateway or activity.
    public var defaultFlow: ElementID? {
        get { details?.defaultFlow }
        set { update { $0.defaultFlow = newValue } }
    }
    /// Activities only: `standardLoopCharacteristics` or `multiInstanceLoopCharacteristics`.
    public var loopCharacteristics: LoopCharacteristics? {
        get { details?.loopCharacteristics }
        set { update { $0.loopCharacteristics = newValue } }
    }
    /// Activities only: `isForCompensation`.
    public var isForCompensation: Bool {
        get { details?.isForCompensation ?? false }
        set { update { $0.isForCompensation = newValue } }
    }
    /// Activities only: `startQuantity` (default 1).
    public var startQuantity: Int {
        get { details?.startQuantity ?? 1 }
        set { update { $0.startQuantity = newValue } }
    }
    /// Activities only: `completionQuantity` (default 1).
    public var completionQuantity: Int {
        get { details?.completionQuantity ?? 1 }
        set { update { $0.completionQuantity = newValue } }
    }
    /// Activities and events: `ioSpecification`, `dataInputAssociation`, `dataOutputAssociation`, properties.
    public var data: ActivityData {
        get { details?.data ?? ActivityData() }
        set { update { $0.data = newValue } }
    }
    /// Activities only: `performer`, `humanPerformer`, `potentialOwner` and `resourceRole` children.
    public var resourceRoles: [ResourceRole] {
        get { details?.resourceRoles ?? [] }
        set { update { $0.resourceRoles = newValue } }
    }
    /// `documentation` children.
    public var documentation: [Documentation] {
        get { details?.documentation ?? [] }
        set { update { $0.documentation = newValue } }
    }
    /// Vendor extensions.
    public var extensions: Extensions {
        get { details?.extensions ?? Extensions() }
        set { update { $0.extensions = newValue } }
    }

    private mutating func update(_ change: (inout FlowNodeDetails) -> Void) {
        var value = details ?? FlowNodeDetails()
        change(&value)
        details = value == FlowNodeDetails() ? nil : value
    }
}

/// The parts of a `FlowNode` kept out of line (see `FlowNode`).
struct FlowNodeDetails: Sendable, Hashable, Codable {
    var incoming: [ElementID] = []
    var outgoing: [ElementID] = []
    var defaultFlow: ElementID?
    var loopCharacteristics: LoopCharacteristics?
    var isForCompensation = false
    var startQuantity = 1
    var completionQuantity = 1
    var data = ActivityData()
    var resourceRoles: [ResourceRole] = []
    var documentation: [Documentation] = []
    var extensions = Extensions()
}
