/// `boundary-not-on-activity` (error): a boundary event's `attachedToRef` names an existing element that is not an
/// activity (an event, a gateway, a data object, …) — only activities run long enough to be interrupted — or an
/// activity in another process or sub-process than the boundary event itself (Camunda 7 looks the activity up in the
/// boundary event's own scope).
struct BoundaryAttachmentRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for nodeIndex in index.nodes.indices {
            let node = index.nodes[nodeIndex].node
            guard case .boundaryEvent(let event) = node.kind, let reference = event.attachedTo else { continue }
            let what: String
            if let target = index.node(reference) {
                if index.nodes[target].node.kind.isActivity {
                    found += container(of: nodeIndex, attachedTo: target, index)
                    continue
                }
                what = index.describe(node: target)
            } else if let name = index.elementNames[reference] {
                what = "\(name) '\(reference)'"
            } else {
                continue  // names nothing: `dangling-reference`
            }
            found.append(Diagnostic(
                .error, .boundaryNotOnActivity,
                "\(index.describe(node: nodeIndex)) is attached to \(what), which is not an activity; boundary events "
                    + "can only be attached to tasks, sub-processes and call activities — attach it to an activity, "
                    + "or model the event as an intermediate catch event in the flow",
                at: node.location, element: index.elementID(node: nodeIndex)))
        }
        return found
    }

    /// The problem when the boundary event and its activity sit in different containers.
    private func container(of nodeIndex: Int, attachedTo activity: Int, _ index: ModelIndex) -> [Diagnostic] {
        let own = index.nodes[nodeIndex].container
        let activityContainer = index.nodes[activity].container
        guard own != activityContainer else { return [] }
        return [Diagnostic(
            .error, .boundaryNotOnActivity,
            "\(index.describe(node: nodeIndex)) in \(index.describe(container: own)) is attached to "
                + "\(index.describe(node: activity)) in \(index.describe(container: activityContainer)); a boundary "
                + "event must be defined in the same scope as its activity — move the <boundaryEvent> element into "
                + "\(index.describe(container: activityContainer)), next to the activity",
            at: index.nodes[nodeIndex].node.location, element: index.elementID(node: nodeIndex))]
    }
}
