extension ReadContext {
    /// Reads the vendor extensions of `element`: foreign attributes and the children of its `extensionElements`.
    mutating func extensions(_ element: XMLFragment) -> Extensions {
        var result = Extensions()
        for attribute in element.attributes {
            let uri = attribute.name.namespaceURI
            if uri.isEmpty || uri == Namespaces.bpmn || uri == Namespaces.xsi
                || uri == "http://www.w3.org/XML/1998/namespace"
            {
                continue
            }
            result.otherAttributes.append(attribute)
        }
        if let container = element.bpmnChild("extensionElements") {
            result.otherElements.append(contentsOf: container.children)
        }
        return result
    }
}
