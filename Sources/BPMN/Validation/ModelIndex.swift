/// The lookups the validation rules share, built once per document: every flow node and sequence flow with the
/// container and process it sits in, the flows leaving and entering each node (computed from `sourceRef` and
/// `targetRef`, never from the `incoming`/`outgoing` children), and the root elements by id.
///
/// Nodes, flows and containers are addressed by their position in the arrays, so elements without an id or with a
/// duplicate id are still indexed; the `…ByID` maps keep the first element with each non-empty id.
///
/// A class, built once and never changed afterwards: every rule and every lazily built message shares it by reference
/// (as a struct, each closure that names the index copied all of its arrays and dictionaries).
final class ModelIndex {
    /// A process or a sub-process (also an event sub-process, transaction or ad-hoc sub-process).
    struct Container {
        /// The process the container belongs to (index into `definitions.processes`).
        var process: Int
        /// The sub-process node that is this container; nil for the process itself.
        var subProcessNode: Int?
        /// The container this one is nested in; nil for the process itself.
        var parent: Int?
        /// The flow nodes directly in this container (indexes into `nodes`).
        var nodes: [Int] = []
        /// The sequence flows directly in this container (indexes into `flows`).
        var flows: [Int] = []
        /// The `dataObjectReference` and `dataStoreReference` elements directly in this container.
        var dataReferences: [DataReference] = []
    }

    /// A flow node and where it sits.
    struct Node {
        /// The node.
        var node: FlowNode
        /// The container holding it (index into `containers`).
        var container: Int
        /// The process holding it (index into `definitions.processes`).
        var process: Int
    }

    /// A sequence flow and where it sits.
    struct Flow {
        /// The flow.
        var flow: SequenceFlow
        /// The container holding it (index into `containers`).
        var container: Int
        /// The process holding it (index into `definitions.processes`).
        var process: Int
    }

    /// The document.
    let definitions: Definitions
    /// Every container; each process's own container comes first, followed by the sub-processes inside it.
    private(set) var containers: [Container] = []
    /// The container of each process (indexed like `definitions.processes`).
    private(set) var processContainers: [Int] = []
    /// Every flow node: each container's own nodes in document order, containers one after another.
    private(set) var nodes: [Node] = []
    /// Every sequence flow.
    private(set) var flows: [Flow] = []
    /// The container a sub-process node opens (node index → container index).
    private(set) var innerContainer: [Int: Int] = [:]
    /// Flow nodes by id.
    private(set) var nodeByID: [ElementID: Int] = [:]
    /// Sequence flows by id.
    private(set) var flowByID: [ElementID: Int] = [:]
    /// The sequence flows whose `sourceRef` names each node (indexed like `nodes`).
    private(set) var outgoing: [[Int]] = []
    /// The sequence flows whose `targetRef` names each node (indexed like `nodes`).
    private(set) var incoming: [[Int]] = []
    /// The boundary events attached to each node (node index → boundary event node indexes).
    private(set) var boundaryEvents: [Int: [Int]] = [:]
    /// Processes by id (index into `definitions.processes`).
    private(set) var processByID: [ElementID: Int] = [:]
    /// Participants of every collaboration by id.
    private(set) var participantByID: [ElementID: Participant] = [:]
    /// Ids of top-level messages.
    private(set) var messageIDs: Set<ElementID> = []
    /// Ids of top-level errors.
    private(set) var errorIDs: Set<ElementID> = []
    /// Ids of top-level signals.
    private(set) var signalIDs: Set<ElementID> = []
    /// Ids of top-level escalations.
    private(set) var escalationIDs: Set<ElementID> = []
    /// Ids of `dataObject`s anywhere in the document.
    private(set) var dataObjectIDs: Set<ElementID> = []
    /// Ids of top-level `dataStore`s.
    private(set) var dataStoreIDs: Set<ElementID> = []
    /// Ids of conversation nodes and other collaboration content that message flows may connect.
    private(set) var collaborationNodeIDs: Set<ElementID> = []
    /// The element name of every id the model knows (first one wins), to say what a wrong reference names instead.
    /// Built on first use from `namedElements`: only messages about wrong references need it, so a valid document
    /// never pays for hashing every id a second time.
    private(set) lazy var elementNames: [ElementID: String] = {
        var names: [ElementID: String] = [:]
        for (id, name) in namedElements where names[id] == nil { names[id] = name }
        return names
    }()
    /// Every id the model knows with its element name, in document order (duplicates included).
    private var namedElements: [(ElementID, String)] = []
    /// The link catch events of each container, by link name (see `linkName(node:)`), in document order.
    private(set) var linkCatches: [LinkKey: [Int]] = [:]

    /// A link name within one container: link events only jump within their own process or sub-process.
    struct LinkKey: Hashable {
        /// The container (index into `containers`).
        var container: Int
        /// The trimmed `name` of the `linkEventDefinition`.
        var name: String
    }

    /// Indexes `definitions`.
    init(_ definitions: Definitions) {
        self.definitions = definitions
        indexRootElements()
        for (processIndex, process) in definitions.processes.enumerated() {
            remember(process.id, "process")
            if processByID[process.id] == nil, !process.id.rawValue.isEmpty { processByID[process.id] = processIndex }
            containers.append(Container(process: processIndex))
            processContainers.append(containers.count - 1)
            index(process.elements, container: containers.count - 1, process: processIndex)
        }
        outgoing = Array(repeating: [], count: nodes.count)
        incoming = Array(repeating: [], count: nodes.count)
        for (flowIndex, entry) in flows.enumerated() {
            if let source = node(entry.flow.sourceRef) { outgoing[source].append(flowIndex) }
            if let target = node(entry.flow.targetRef) { incoming[target].append(flowIndex) }
        }
        for (nodeIndex, entry) in nodes.enumerated() {
            if case .intermediateCatchEvent = entry.node.kind, let name = linkName(node: nodeIndex), !name.isEmpty {
                linkCatches[LinkKey(container: entry.container, name: name), default: []].append(nodeIndex)
            }
            guard case .boundaryEvent(let event) = entry.node.kind, let activity = node(event.attachedTo) else {
                continue
            }
            boundaryEvents[activity, default: []].append(nodeIndex)
        }
    }

    // MARK: Lookups

    /// The node named by `id`, if any.
    func node(_ id: ElementID?) -> Int? {
        guard let id else { return nil }
        return nodeByID[id]
    }

    /// Whether the process at `index` is marked `isExecutable="true"`.
    func isExecutable(process index: Int) -> Bool {
        definitions.processes[index].isExecutable == true
    }

    /// Whether the node at `index` sits in an executable process.
    func isInExecutableProcess(node index: Int) -> Bool {
        isExecutable(process: nodes[index].process)
    }

    /// `kind 'id'`, e.g. `userTask 'Task_1'`, for messages.
    func describe(node index: Int) -> String {
        let node = nodes[index].node
        return node.id.rawValue.isEmpty
            ? "a \(node.elementName) without an id" : "\(node.elementName) '\(node.id.rawValue)'"
    }

    /// `process 'id'` or `sub-process 'id'`, for messages saying where something is.
    func describe(container index: Int) -> String {
        if let node = containers[index].subProcessNode { return describe(node: node) }
        return "process '\(definitions.processes[containers[index].process].id)'"
    }

    /// The trimmed `name` of the node's `linkEventDefinition` ("" when the definition has none), or nil when the
    /// node is not a link event.
    func linkName(node index: Int) -> String? {
        for definition in nodes[index].node.kind.eventDefinitions {
            if case .link(let name, _, _) = definition.kind { return name?.trimmingWhitespace() ?? "" }
        }
        return nil
    }

    /// The link catch events in the same container as the link event at `index` that share its link name.
    func linkTargets(of index: Int) -> [Int] {
        guard let name = linkName(node: index), !name.isEmpty else { return [] }
        return linkCatches[LinkKey(container: nodes[index].container, name: name)] ?? []
    }

    /// The id of the node at `index`, for a diagnostic's element id (nil when the node has none).
    func elementID(node index: Int) -> ElementID? {
        nodes[index].node.id.reportable
    }

    // MARK: Building

    private func remember(_ id: ElementID?, _ name: String) {
        guard let id, !id.rawValue.isEmpty else { return }
        namedElements.append((id, name))
    }

    /// Remembers each id under `name` and returns them as a set.
    private func collect(_ ids: [ElementID], as name: String) -> Set<ElementID> {
        for id in ids { remember(id, name) }
        return Set(ids)
    }

    private func indexRootElements() {
        messageIDs = collect(definitions.messages.map(\.id), as: "message")
        errorIDs = collect(definitions.errors.map(\.id), as: "error")
        signalIDs = collect(definitions.signals.map(\.id), as: "signal")
        escalationIDs = collect(definitions.escalations.map(\.id), as: "escalation")
        dataStoreIDs = collect(definitions.dataStores.map(\.id), as: "dataStore")
        for item in definitions.itemDefinitions { remember(item.id, "itemDefinition") }
        for category in definitions.categories {
            remember(category.id, "category")
            for value in category.values { remember(value.id, "categoryValue") }
        }
        for definition in definitions.eventDefinitions { remember(definition.id, definition.elementName) }
        for collaboration in definitions.collaborations {
            remember(collaboration.id, "collaboration")
            for participant in collaboration.participants {
                remember(participant.id, "participant")
                if participantByID[participant.id] == nil { participantByID[participant.id] = participant }
            }
            for flow in collaboration.messageFlows { remember(flow.id, "messageFlow") }
            for artifact in collaboration.artifacts { remember(artifact.id, "artifact") }
            for element in collaboration.otherElements { indexCollaborationNodes(element) }
        }
    }

    private func indexCollaborationNodes(_ element: XMLFragment) {
        if let id = element.attribute("id"), !id.isEmpty {
            collaborationNodeIDs.insert(ElementID(id))
            remember(ElementID(id), element.name.localName)
        }
        for child in element.children { indexCollaborationNodes(child) }
    }

    /// Indexes a process's elements and every sub-process inside them, with a work list rather than recursion so
    /// that no nesting depth can exhaust the stack.
    private func index(_ elements: FlowElements, container: Int, process: Int) {
        var work: [(elements: FlowElements, container: Int)] = [(elements, container)]
        while let (elements, container) = work.popLast() {
            containers[container].dataReferences = elements.dataReferences
            for object in elements.dataObjects {
                dataObjectIDs.insert(object.id)
                remember(object.id, "dataObject")
            }
            for reference in elements.dataReferences {
                remember(reference.id, reference.kind == .dataObject ? "dataObjectReference" : "dataStoreReference")
            }
            for artifact in elements.artifacts { remember(artifact.id, "artifact") }
            for laneSet in elements.laneSets { index(laneSet) }
            for flow in elements.sequenceFlows {
                let flowIndex = flows.count
                flows.append(Flow(flow: flow, container: container, process: process))
                containers[container].flows.append(flowIndex)
                remember(flow.id, "sequenceFlow")
                if !flow.id.rawValue.isEmpty, flowByID[flow.id] == nil { flowByID[flow.id] = flowIndex }
            }
            for node in elements.flowNodes {
                let nodeIndex = nodes.count
                nodes.append(Node(node: node, container: container, process: process))
                containers[container].nodes.append(nodeIndex)
                remember(node.id, node.elementName)
                if !node.id.rawValue.isEmpty, nodeByID[node.id] == nil { nodeByID[node.id] = nodeIndex }
                for definition in node.kind.eventDefinitions { remember(definition.id, definition.elementName) }
                if let inner = node.kind.subProcess {
                    containers.append(Container(process: process, subProcessNode: nodeIndex, parent: container))
                    innerContainer[nodeIndex] = containers.count - 1
                    work.append((inner.elements, containers.count - 1))
                }
            }
        }
    }

    private func index(_ laneSet: LaneSet) {
        remember(laneSet.id, "laneSet")
        for lane in laneSet.lanes {
            remember(lane.id, "lane")
            if let child = lane.childLaneSet { index(child) }
        }
    }
}

extension ElementID {
    /// The id as a diagnostic's element id: nil when it is empty (the element has no id).
    var reportable: ElementID? { rawValue.isEmpty ? nil : self }
}
