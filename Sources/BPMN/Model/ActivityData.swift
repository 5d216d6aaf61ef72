/// Data wiring of an activity or event: `ioSpecification`, data associations and `property` elements.
public struct ActivityData: Sendable, Hashable, Codable {
    /// `ioSpecification`, if any.
    public var ioSpecification: IOSpecification?
    /// `dataInputAssociation` children.
    public var inputAssociations: [DataAssociation]
    /// `dataOutputAssociation` children.
    public var outputAssociations: [DataAssociation]
    /// `property` children.
    public var properties: [DataProperty]
    /// Events only: `dataInput` / `dataOutput` written directly on a throw or catch event.
    public var eventData: [DataItem]

    /// Creates activity data.
    public init(
        ioSpecification: IOSpecification? = nil, inputAssociations: [DataAssociation] = [],
        outputAssociations: [DataAssociation] = [], properties: [DataProperty] = [], eventData: [DataItem] = []
    ) {
        self.ioSpecification = ioSpecification
        self.inputAssociations = inputAssociations
        self.outputAssociations = outputAssociations
        self.properties = properties
        self.eventData = eventData
    }

    /// True when there is no data wiring.
    public var isEmpty: Bool {
        ioSpecification == nil && inputAssociations.isEmpty && outputAssociations.isEmpty && properties.isEmpty
            && eventData.isEmpty
    }
}

/// `ioSpecification`: the inputs and outputs an activity or process declares.
public struct IOSpecification: Sendable, Hashable, Codable {
    /// `dataInput` children.
    public var dataInputs: [DataItem]
    /// `dataOutput` children.
    public var dataOutputs: [DataItem]
    /// `inputSet` children: each lists `dataInputRefs`.
    public var inputSets: [[ElementID]]
    /// `outputSet` children: each lists `dataOutputRefs`.
    public var outputSets: [[ElementID]]
    /// Where it starts.
    public var location: SourceLocation

    /// Creates an I/O specification.
    public init(
        dataInputs: [DataItem] = [], dataOutputs: [DataItem] = [], inputSets: [[ElementID]] = [],
        outputSets: [[ElementID]] = [], location: SourceLocation = .start
    ) {
        self.dataInputs = dataInputs
        self.dataOutputs = dataOutputs
        self.inputSets = inputSets
        self.outputSets = outputSets
        self.location = location
    }
}

/// A `dataInput` or `dataOutput`.
public struct DataItem: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID?
    /// The name.
    public var name: String?
    /// `itemSubjectRef`.
    public var itemSubjectRef: ElementID?
    /// `isCollection`.
    public var isCollection: Bool
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a data input or output.
    public init(
        id: ElementID?, name: String? = nil, itemSubjectRef: ElementID? = nil, isCollection: Bool = false,
        location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.itemSubjectRef = itemSubjectRef
        self.isCollection = isCollection
        self.location = location
    }
}

/// A `dataInputAssociation` or `dataOutputAssociation`.
public struct DataAssociation: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID?
    /// `sourceRef` children.
    public var sourceRefs: [ElementID]
    /// `targetRef` child.
    public var targetRef: ElementID?
    /// `transformation`.
    public var transformation: Expression?
    /// `assignment` children as (from, to) expressions.
    public var assignments: [DataAssignment]
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a data association.
    public init(
        id: ElementID?, sourceRefs: [ElementID] = [], targetRef: ElementID? = nil, transformation: Expression? = nil,
        assignments: [DataAssignment] = [], location: SourceLocation = .start
    ) {
        self.id = id
        self.sourceRefs = sourceRefs
        self.targetRef = targetRef
        self.transformation = transformation
        self.assignments = assignments
        self.location = location
    }
}

/// An `assignment` inside a data association.
public struct DataAssignment: Sendable, Hashable, Codable {
    /// `from`.
    public var from: Expression?
    /// `to`.
    public var to: Expression?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates an assignment.
    public init(from: Expression?, to: Expression?, location: SourceLocation = .start) {
        self.from = from
        self.to = to
        self.location = location
    }
}

/// A `property` of a process, activity or event.
public struct DataProperty: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID?
    /// The name.
    public var name: String?
    /// `itemSubjectRef`.
    public var itemSubjectRef: ElementID?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a property.
    public init(
        id: ElementID?, name: String? = nil, itemSubjectRef: ElementID? = nil, location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.itemSubjectRef = itemSubjectRef
        self.location = location
    }
}
