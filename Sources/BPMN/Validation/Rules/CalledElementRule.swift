/// `dangling-reference` (warning): a call activity of an executable process calls a process that is not in this
/// document. It may be deployed separately, so this is only a warning; an expression (`${…}`, `#{…}`, `=…`) is not
/// checked.
struct CalledElementRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for nodeIndex in index.nodes.indices where index.isInExecutableProcess(node: nodeIndex) {
            let node = index.nodes[nodeIndex].node
            guard case .callActivity(let call) = node.kind else { continue }
            let written = call.calledElement ?? node.extensions.zeebe?.calledElement?.processID
            guard let key = written?.trimmingWhitespace(), !key.isEmpty, !Self.isExpression(key),
                index.processByID[ElementID(key)] == nil
            else { continue }
            found.append(Diagnostic(
                .warning, .danglingReference,
                "\(index.describe(node: nodeIndex)) calls process '\(key)', which is not in this document; deploy a "
                    + "process with id '\(key)' before this one runs, or fix calledElement",
                at: node.location, element: index.elementID(node: nodeIndex)))
        }
        return found
    }

    private static func isExpression(_ text: String) -> Bool {
        text.contains("${") || text.contains("#{") || text.hasPrefix("=")
    }
}
