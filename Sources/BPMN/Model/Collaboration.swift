/// A `collaboration` (the pools and message flows of a diagram).
public struct Collaboration: Sendable, Hashable, Codable, Identifiable {
    /// The id.
    public var id: ElementID
    /// The name.
    public var name: String?
    /// `isClosed`, when written.
    public var isClosed: Bool?
    /// `participant` children (pools).
    public var participants: [Participant]
    /// `messageFlow` children.
    public var messageFlows: [MessageFlow]
    /// `textAnnotation`, `group` and `association` children.
    public var artifacts: [Artifact]
    /// Conversations, choreography parts and other children Baton keeps verbatim.
    public var otherElements: [XMLFragment]
    /// Vendor extensions.
    public var extensions: Extensions
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a collaboration.
    public init(
        id: ElementID, name: String? = nil, isClosed: Bool? = nil, participants: [Participant] = [],
        messageFlows: [MessageFlow] = [], artifacts: [Artifact] = [], otherElements: [XMLFragment] = [],
        extensions: Extensions = Extensions(), location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.isClosed = isClosed
        self.participants = participants
        self.messageFlows = messageFlows
        self.artifacts = artifacts
        self.otherElements = otherElements
        self.extensions = extensions
        self.location = location
    }
}

/// A `participant` (a pool), usually standing for a process.
public struct Participant: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID
    /// The name.
    public var name: String?
    /// `processRef`.
    public var processRef: ElementID?
    /// `participantMultiplicity` as (minimum, maximum), when written.
    public var multiplicity: ParticipantMultiplicity?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a participant.
    public init(
        id: ElementID, name: String? = nil, processRef: ElementID? = nil,
        multiplicity: ParticipantMultiplicity? = nil, location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.processRef = processRef
        self.multiplicity = multiplicity
        self.location = location
    }
}

/// `participantMultiplicity`.
public struct ParticipantMultiplicity: Sendable, Hashable, Codable {
    /// `minimum`, default 0.
    public var minimum: Int
    /// `maximum`, default 1.
    public var maximum: Int
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a multiplicity.
    public init(minimum: Int = 0, maximum: Int = 1, location: SourceLocation = .start) {
        self.minimum = minimum
        self.maximum = maximum
        self.location = location
    }
}

/// A `messageFlow` between participants or their flow nodes.
public struct MessageFlow: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID
    /// The name.
    public var name: String?
    /// `sourceRef`.
    public var sourceRef: ElementID?
    /// `targetRef`.
    public var targetRef: ElementID?
    /// `messageRef`.
    public var messageRef: ElementID?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a message flow.
    public init(
        id: ElementID, name: String? = nil, sourceRef: ElementID?, targetRef: ElementID?,
        messageRef: ElementID? = nil, location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.sourceRef = sourceRef
        self.targetRef = targetRef
        self.messageRef = messageRef
        self.location = location
    }
}
