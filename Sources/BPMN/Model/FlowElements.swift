/// What a process or sub-process contains: flow nodes, sequence flows, data and artifacts.
public struct FlowElements: Sendable, Hashable, Codable {
    /// Flow nodes directly in this container (nested sub-processes hold their own).
    public var flowNodes: [FlowNode]
    /// Sequence flows directly in this container.
    public var sequenceFlows: [SequenceFlow]
    /// `dataObject` children.
    public var dataObjects: [DataObject]
    /// `dataObjectReference` and `dataStoreReference` children.
    public var dataReferences: [DataReference]
    /// `textAnnotation`, `group` and `association` children.
    public var artifacts: [Artifact]
    /// `laneSet` children.
    public var laneSets: [LaneSet]
    /// BPMN children Baton does not model (auditing, monitoring, choreography elements, unknown names), verbatim.
    public var otherElements: [XMLFragment]

    /// Creates container contents.
    public init(
        flowNodes: [FlowNode] = [], sequenceFlows: [SequenceFlow] = [], dataObjects: [DataObject] = [],
        dataReferences: [DataReference] = [], artifacts: [Artifact] = [], laneSets: [LaneSet] = [],
        otherElements: [XMLFragment] = []
    ) {
        self.flowNodes = flowNodes
        self.sequenceFlows = sequenceFlows
        self.dataObjects = dataObjects
        self.dataReferences = dataReferences
        self.artifacts = artifacts
        self.laneSets = laneSets
        self.otherElements = otherElements
    }

    /// Every flow node here and in nested sub-processes, depth first, each sub-process before its contents.
    public var allFlowNodes: [FlowNode] {
        var result: [FlowNode] = []
        appendFlowNodes(to: &result)
        return result
    }

    private func appendFlowNodes(to result: inout [FlowNode]) {
        for node in flowNodes {
            result.append(node)
            node.kind.subProcess?.elements.appendFlowNodes(to: &result)
        }
    }

    /// Counts every flow node here and in nested sub-processes by BPMN element name.
    public var flowNodeCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for node in allFlowNodes { counts[node.elementName, default: 0] += 1 }
        return counts
    }
}

/// A `sequenceFlow` between two flow nodes of the same container.
public struct SequenceFlow: Sendable, Hashable, Codable, Identifiable {
    /// The id.
    public var id: ElementID
    /// The name.
    public var name: String?
    /// `sourceRef` (nil when the attribute is missing).
    public var sourceRef: ElementID?
    /// `targetRef` (nil when the attribute is missing).
    public var targetRef: ElementID?
    /// `conditionExpression`, if any.
    public var conditionExpression: Expression?
    /// `isImmediate`, when written.
    public var isImmediate: Bool?
    /// `documentation` children.
    public var documentation: [Documentation]
    /// Vendor extensions.
    public var extensions: Extensions
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a sequence flow.
    public init(
        id: ElementID, name: String? = nil, sourceRef: ElementID?, targetRef: ElementID?,
        conditionExpression: Expression? = nil, isImmediate: Bool? = nil, documentation: [Documentation] = [],
        extensions: Extensions = Extensions(), location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.sourceRef = sourceRef
        self.targetRef = targetRef
        self.conditionExpression = conditionExpression
        self.isImmediate = isImmediate
        self.documentation = documentation
        self.extensions = extensions
        self.location = location
    }
}
