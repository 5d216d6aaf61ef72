/// `unreachable-node` (warning, executable processes only): a flow node no token can ever reach (see
/// `Reachability` for where tokens start). Each unreachable node is reported once; the contents of an unreachable
/// sub-process and the boundary events of an unreachable activity are covered by the warning on that element.
struct UnreachableNodeRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        let reachability = Reachability(index)
        var found: [Diagnostic] = []
        for nodeIndex in index.nodes.indices where index.isInExecutableProcess(node: nodeIndex) {
            guard !reachability.reached[nodeIndex], !isCovered(nodeIndex, reachability, index) else { continue }
            let node = index.nodes[nodeIndex].node
            var consequences: [String] = []
            if index.innerContainer[nodeIndex] != nil { consequences.append("nothing inside it can run either") }
            if index.boundaryEvents[nodeIndex] != nil { consequences.append("its boundary events never fire") }
            let consequence = consequences.isEmpty ? "" : " (\(consequences.joined(separator: "; ")))"
            found.append(Diagnostic(
                .warning, .unreachableNode,
                "\(index.describe(node: nodeIndex)) in \(index.describe(container: index.nodes[nodeIndex].container)) "
                    + "can never be reached: no path of sequence flows leads to it from a start event; connect it "
                    + "to the flow or delete it" + consequence,
                at: node.location, element: index.elementID(node: nodeIndex)))
        }
        return found
    }

    /// Whether the node's unreachability is already reported on its sub-process or on the activity it is attached to.
    private func isCovered(_ nodeIndex: Int, _ reachability: Reachability, _ index: ModelIndex) -> Bool {
        if let owner = index.containers[index.nodes[nodeIndex].container].subProcessNode, !reachability.reached[owner] {
            return true
        }
        guard case .boundaryEvent(let event) = index.nodes[nodeIndex].node.kind else { return false }
        // A boundary event attached to nothing is reported as `dangling-reference`.
        guard let activity = index.node(event.attachedTo) else { return true }
        return !reachability.reached[activity]
    }
}
