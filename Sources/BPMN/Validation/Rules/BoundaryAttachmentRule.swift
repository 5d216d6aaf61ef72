/// `boundary-not-on-activity` (error): a boundary event's `attachedToRef` names an existing element that is not an
/// activity (an event, a gateway, a data object, …). Only activities run long enough to be interrupted.
struct BoundaryAttachmentRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for nodeIndex in index.nodes.indices {
            let node = index.nodes[nodeIndex].node
            guard case .boundaryEvent(let event) = node.kind, let reference = event.attachedTo else { continue }
            let what: String
            if let target = index.node(reference) {
                if index.nodes[target].node.kind.isActivity { continue }
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
}
