extension ReadContext {
    /// Reads the vendor extensions of `element`: its foreign attributes and the children of its `extensionElements`.
    ///
    /// Camunda 7 family attributes and elements (matched by namespace URI, never by prefix) fill `camunda`, Zeebe
    /// elements fill `zeebe`; everything else, and anything of theirs Baton does not type (or a second copy of a
    /// single-valued one), is kept verbatim in `otherAttributes` / `otherElements`. The few Camunda attributes the
    /// BPMN model holds itself (see `isCamundaAttributeOfModel(_:of:)`) appear in neither.
    mutating func extensions(_ element: XMLFragment) -> Extensions {
        // Most elements carry none: say so without setting up the Camunda and Zeebe readers.
        guard element.attributes.contains(where: { !$0.name.namespaceURI.isEmpty })
            || element.children.contains(where: { $0.isBPMN("extensionElements") })
        else { return Extensions() }
        var result = Extensions()
        var camunda = CamundaExtensions()
        var camundaVocabulary: CamundaVocabulary?
        var zeebe = ZeebeExtensions()
        var hasZeebe = false
        var readByModel: Set<String> = []

        for attribute in element.attributes {
            let uri = attribute.name.namespaceURI
            if uri.isEmpty || uri == Namespaces.bpmn || uri == Namespaces.xsi || uri == Self.xmlNamespace {
                continue
            }
            if let vocabulary = CamundaVocabulary(namespaceURI: uri) {
                // The model reads the first of the family's spellings (`XMLFragment.attribute(_:in:)`).
                let name = attribute.name.localName
                if Self.isCamundaAttributeOfModel(name, of: element), readByModel.insert(name).inserted { continue }
                if camundaAttribute(attribute, of: element, into: &camunda) {
                    camundaVocabulary = camundaVocabulary ?? vocabulary
                    continue
                }
            }
            result.otherAttributes.append(attribute)
        }

        for container in element.bpmnChildren("extensionElements") {
            for child in container.children {
                if let vocabulary = CamundaVocabulary(namespaceURI: child.name.namespaceURI),
                    camundaElement(child, into: &camunda)
                {
                    camundaVocabulary = camundaVocabulary ?? vocabulary
                } else if child.name.namespaceURI == Namespaces.zeebe, zeebeElement(child, into: &zeebe) {
                    hasZeebe = true
                } else {
                    result.otherElements.append(child)
                }
            }
        }

        if let camundaVocabulary {
            camunda.vocabulary = camundaVocabulary
            result.camunda = camunda
        }
        if hasZeebe { result.zeebe = zeebe }
        return result
    }

    private static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
}
