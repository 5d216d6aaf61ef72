/// Which flow nodes of the executable processes a token can reach.
///
/// Roots, in every container that is itself reached: its start events (a process's, a sub-process's, an event
/// sub-process's); event sub-processes; activities marked `isForCompensation`. A container with no start event at
/// all (an ad-hoc sub-process always) starts every node without incoming flows, as BPMN prescribes. From a reached
/// node, tokens follow its outgoing sequence flows, enter its sub-process and may leave through its boundary events;
/// a reached link throw event jumps to the link catch events with its link name in its own container. A link catch
/// event is reached only that way.
struct Reachability {
    /// Whether each node (indexed like `ModelIndex.nodes`) can be reached; false for nodes of processes that are not
    /// executable.
    private(set) var reached: [Bool]
    private var pending: [Int] = []

    /// Walks every executable process of `index`.
    init(_ index: ModelIndex) {
        reached = Array(repeating: false, count: index.nodes.count)
        for (processIndex, container) in index.processContainers.enumerated()
        where index.isExecutable(process: processIndex) {
            enter(container, index)
        }
        while let nodeIndex = pending.popLast() {
            if let inner = index.innerContainer[nodeIndex] { enter(inner, index) }
            for boundary in index.boundaryEvents[nodeIndex] ?? [] { reach(boundary) }
            if case .intermediateThrowEvent = index.nodes[nodeIndex].node.kind {
                for target in index.linkTargets(of: nodeIndex) { reach(target) }
            }
            for flowIndex in index.outgoing[nodeIndex] {
                if let target = index.node(index.flows[flowIndex].flow.targetRef) { reach(target) }
            }
        }
    }

    private mutating func reach(_ nodeIndex: Int) {
        guard !reached[nodeIndex] else { return }
        reached[nodeIndex] = true
        pending.append(nodeIndex)
    }

    /// Reaches the roots of a container that a token has entered.
    private mutating func enter(_ container: Int, _ index: ModelIndex) {
        let members = index.containers[container].nodes
        var startsWithoutStartEvents = !members.contains { member in
            if case .startEvent = index.nodes[member].node.kind { return true }
            return false
        }
        if let owner = index.containers[container].subProcessNode, case .adHocSubProcess = index.nodes[owner].node.kind
        {
            startsWithoutStartEvents = true
        }
        for member in members {
            let node = index.nodes[member].node
            switch node.kind {
            case .startEvent:
                reach(member)
            case .boundaryEvent:
                continue  // reached with its activity
            case .intermediateCatchEvent:
                // A link catch event is entered only from its link throw event.
                if index.linkName(node: member) == nil, startsWithoutStartEvents, index.incoming[member].isEmpty {
                    reach(member)
                }
            case .subProcess(let inner) where inner.triggeredByEvent:
                reach(member)
            case .endEvent, .intermediateThrowEvent, .task, .userTask, .serviceTask, .sendTask, .receiveTask,
                .scriptTask, .businessRuleTask, .manualTask, .subProcess, .transaction, .adHocSubProcess,
                .callActivity, .exclusiveGateway, .inclusiveGateway, .parallelGateway, .complexGateway,
                .eventBasedGateway:
                if node.isForCompensation || (startsWithoutStartEvents && index.incoming[member].isEmpty) {
                    reach(member)
                }
            }
        }
    }
}
