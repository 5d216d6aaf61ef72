/// A `process`: the unit that is deployed and run.
public struct Process: Sendable, Hashable, Codable, Identifiable {
    /// The id, which is also the process definition key.
    public var id: ElementID
    /// The name.
    public var name: String?
    /// `isExecutable` (nil when not written; only `true` processes are deployed to run).
    public var isExecutable: Bool?
    /// `processType` (`None`, `Public`, `Private`).
    public var processType: String?
    /// `isClosed`, when written.
    public var isClosed: Bool?
    /// The flow elements, data and artifacts of the process.
    public var elements: FlowElements
    /// `ioSpecification`, properties and other data wiring on the process itself.
    public var data: ActivityData
    /// `performer`, `humanPerformer`, `potentialOwner` and `resourceRole` children (the process's potential starters
    /// and owners).
    public var resourceRoles: [ResourceRole]
    /// `documentation` children.
    public var documentation: [Documentation]
    /// Vendor extensions (version tag, history time to live, candidate starters, …).
    public var extensions: Extensions
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a process.
    public init(
        id: ElementID, name: String? = nil, isExecutable: Bool? = nil, processType: String? = nil,
        isClosed: Bool? = nil, elements: FlowElements = FlowElements(), data: ActivityData = ActivityData(),
        resourceRoles: [ResourceRole] = [], documentation: [Documentation] = [], extensions: Extensions = Extensions(),
        location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.isExecutable = isExecutable
        self.processType = processType
        self.isClosed = isClosed
        self.elements = elements
        self.data = data
        self.resourceRoles = resourceRoles
        self.documentation = documentation
        self.extensions = extensions
        self.location = location
    }
}

/// A `laneSet`.
public struct LaneSet: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID?
    /// The name.
    public var name: String?
    /// The lanes.
    public var lanes: [Lane]
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a lane set.
    public init(id: ElementID?, name: String? = nil, lanes: [Lane] = [], location: SourceLocation = .start) {
        self.id = id
        self.name = name
        self.lanes = lanes
        self.location = location
    }
}

/// A `lane`, listing the flow nodes it holds.
public struct Lane: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID
    /// The name.
    public var name: String?
    /// `flowNodeRef` children.
    public var flowNodeRefs: [ElementID]
    /// `partitionElementRef`, when written.
    public var partitionElementRef: ElementID?
    /// A nested `childLaneSet`.
    public var childLaneSet: LaneSet?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a lane.
    public init(
        id: ElementID, name: String? = nil, flowNodeRefs: [ElementID] = [], partitionElementRef: ElementID? = nil,
        childLaneSet: LaneSet? = nil, location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.flowNodeRefs = flowNodeRefs
        self.partitionElementRef = partitionElementRef
        self.childLaneSet = childLaneSet
        self.location = location
    }
}
