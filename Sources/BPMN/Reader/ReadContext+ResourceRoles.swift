extension ReadContext {
    /// Reads the resource-role children (`performer`, `humanPerformer`, `potentialOwner`, `resourceRole`).
    func resourceRoles(_ element: XMLFragment) -> [ResourceRole] {
        element.children.compactMap { child in
            guard child.name.namespaceURI == Namespaces.bpmn,
                let kind = ResourceRole.Kind(rawValue: child.name.localName)
            else { return nil }
            let assignment = child.bpmnChild("resourceAssignmentExpression")?.bpmnChildren.first.map(expression)
            return ResourceRole(
                kind: kind, id: child.elementID, name: child.nameAttribute,
                resourceRef: child.reference("resourceRef") ?? child.bpmnChild("resourceRef")?.textReference,
                assignment: assignment, location: child.location)
        }
    }
}
