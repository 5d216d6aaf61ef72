/// Finds ids used more than once among the BPMN and diagram-interchange elements of a document (extension
/// payload inside `extensionElements` is not BPMN's and is skipped).
enum DuplicateIDCheck {
    private static let namespaces: Set<String> = [Namespaces.bpmn, Namespaces.bpmnDI, Namespaces.dc, Namespaces.di]

    static func check(_ root: XMLFragment) -> [Diagnostic] {
        var firstSeen: [String: (SourceLocation, String)] = [:]
        var diagnostics: [Diagnostic] = []
        visit(root, &firstSeen, &diagnostics)
        return diagnostics
    }

    private static func visit(
        _ element: XMLFragment, _ firstSeen: inout [String: (SourceLocation, String)],
        _ diagnostics: inout [Diagnostic]
    ) {
        guard namespaces.contains(element.name.namespaceURI), element.name.localName != "extensionElements" else {
            return
        }
        if let id = element.attribute("id"), !id.isEmpty {
            if let (location, name) = firstSeen[id] {
                diagnostics.append(Diagnostic(
                    .error, .duplicateID,
                    "id '\(id)' of <\(element.name.localName)> is already used by <\(name)> at \(location); "
                        + "ids must be unique in a document",
                    at: element.location, element: ElementID(id)))
            } else {
                firstSeen[id] = (element.location, element.name.localName)
            }
        }
        for child in element.children { visit(child, &firstSeen, &diagnostics) }
    }
}
