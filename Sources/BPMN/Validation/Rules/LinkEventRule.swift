/// `flow-mismatch` (error, executable processes only): link events that cannot jump. A link throw event jumps to the
/// link catch event with the same link name (`linkEventDefinition name`) in its own process or sub-process, so a
/// throw whose name matches no catch there goes nowhere, and two catch events with one name leave the jump ambiguous
/// (Camunda 7: "Multiple Intermediate Catch Events with the same link event name").
struct LinkEventRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for nodeIndex in index.nodes.indices where index.isInExecutableProcess(node: nodeIndex) {
            guard let name = index.linkName(node: nodeIndex) else { continue }
            switch index.nodes[nodeIndex].node.kind {
            case .intermediateThrowEvent:
                found += linkThrow(nodeIndex, name: name, index)
            case .intermediateCatchEvent:
                found += linkCatch(nodeIndex, index)
            case .startEvent, .endEvent, .boundaryEvent, .task, .userTask, .serviceTask, .sendTask, .receiveTask,
                .scriptTask, .businessRuleTask, .manualTask, .subProcess, .transaction, .adHocSubProcess,
                .callActivity, .exclusiveGateway, .inclusiveGateway, .parallelGateway, .complexGateway,
                .eventBasedGateway:
                continue
            }
        }
        return found
    }

    private func linkThrow(_ nodeIndex: Int, name: String, _ index: ModelIndex) -> [Diagnostic] {
        guard index.linkTargets(of: nodeIndex).isEmpty else { return [] }
        let container = index.describe(container: index.nodes[nodeIndex].container)
        let problem = name.isEmpty
            ? "has a linkEventDefinition without a name, so it cannot jump anywhere — give it the link name of the "
                + "intermediate catch event it should continue at, in \(container)"
            : "jumps to link '\(name)', but no intermediate catch event in \(container) has that link name; links "
                + "only jump within their own process or sub-process — add a link catch event named '\(name)' there, "
                + "or fix the name"
        return [diagnostic(nodeIndex, problem, index)]
    }

    private func linkCatch(_ nodeIndex: Int, _ index: ModelIndex) -> [Diagnostic] {
        let sharing = index.linkTargets(of: nodeIndex)
        guard let first = sharing.first, first != nodeIndex, let name = index.linkName(node: nodeIndex) else {
            return []
        }
        return [diagnostic(
            nodeIndex,
            "has the link name '\(name)', like \(index.describe(node: first)) in "
                + "\(index.describe(container: index.nodes[nodeIndex].container)); a link throw event must lead to "
                + "exactly one catch event (Camunda 7: \"Multiple Intermediate Catch Events with the same link event "
                + "name\") — give each catch event its own link name",
            index)]
    }

    private func diagnostic(_ nodeIndex: Int, _ problem: String, _ index: ModelIndex) -> Diagnostic {
        Diagnostic(
            .error, .flowMismatch, "\(index.describe(node: nodeIndex)) " + problem,
            at: index.nodes[nodeIndex].node.location, element: index.elementID(node: nodeIndex))
    }
}
