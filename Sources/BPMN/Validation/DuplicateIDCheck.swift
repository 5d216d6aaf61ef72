/// Finds ids used more than once among the BPMN and diagram-interchange elements of a document (extension
/// payload inside `extensionElements` is not BPMN's and is skipped).
///
/// It runs on every deployment, so the common case is cheap: one pass that only inserts each id into a set (one hash
/// per element). Only when that pass meets a duplicate does a second pass collect positions for the messages.
enum DuplicateIDCheck {
    static func check(_ root: XMLFragment) -> [Diagnostic] {
        var seen = Set<String>()
        var duplicated = Set<String>()
        visit(root) { id, _ in
            if !seen.insert(id).inserted { duplicated.insert(id) }
        }
        guard !duplicated.isEmpty else { return [] }
        var first: [String: (SourceLocation, String)] = [:]
        var diagnostics: [Diagnostic] = []
        visit(root) { id, element in
            guard duplicated.contains(id) else { return }
            guard let (location, name) = first[id] else {
                first[id] = (element.location, element.name.localName)
                return
            }
            diagnostics.append(Diagnostic(
                .error, .duplicateID,
                "id '\(id)' of <\(element.name.localName)> is already used by <\(name)> at \(location); "
                    + "ids must be unique in a document",
                at: element.location, element: ElementID(id)))
        }
        return diagnostics
    }

    /// Calls `body` with the id of every BPMN or DI element that has one, in document order.
    private static func visit(_ element: XMLFragment, _ body: (String, XMLFragment) -> Void) {
        // Plain comparisons, not a Set: the URIs are the `Namespaces` constants themselves (see `InternedNames`),
        // so equal ones compare on their storage without hashing.
        let uri = element.name.namespaceURI
        guard uri == Namespaces.bpmn || uri == Namespaces.bpmnDI || uri == Namespaces.dc || uri == Namespaces.di,
            element.name.localName != "extensionElements"
        else { return }
        if !element.attributes.isEmpty, let id = element.attribute("id"), !id.isEmpty { body(id, element) }
        // By index: the subscript lends each child, where `for child in` would copy it (a retain per field).
        for index in element.children.indices { visit(element.children[index], body) }
    }
}
