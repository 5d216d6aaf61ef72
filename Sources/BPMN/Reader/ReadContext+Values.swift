extension ReadContext {
    /// Reads a boolean attribute (`true`/`false`, also `1`/`0` as XML Schema allows), reporting other values.
    mutating func bool(_ element: XMLFragment, _ name: String) -> Bool? {
        guard let raw = element.attribute(name) else { return nil }
        return bool(raw, named: name, of: element)
    }

    /// Reads a boolean from an attribute found some other way (a namespaced one, say), reporting other values.
    mutating func bool(_ attribute: XMLAttribute, of element: XMLFragment) -> Bool? {
        bool(attribute.value, named: attribute.name.description, of: element)
    }

    private mutating func bool(_ raw: String, named name: String, of element: XMLFragment) -> Bool? {
        // The value as written first; trimming allocates, and almost no document needs it.
        switch raw {
        case "true": return true
        case "false": return false
        default: break
        }
        switch raw.trimmingWhitespace() {
        case "true", "1": return true
        case "false", "0": return false
        default:
            error(
                .invalidAttribute, "attribute '\(name)' of <\(element.name.localName)> must be true or false, "
                    + "found '\(raw)'", at: element.location, element: element.elementID)
            return nil
        }
    }

    /// Reads a boolean attribute with a default.
    mutating func bool(_ element: XMLFragment, _ name: String, default value: Bool) -> Bool {
        bool(element, name) ?? value
    }

    /// Reads an integer attribute, reporting values that are not integers.
    mutating func int(_ element: XMLFragment, _ name: String) -> Int? {
        guard let raw = element.attribute(name) else { return nil }
        if let value = Int(raw) ?? Int(raw.trimmingWhitespace()) { return value }
        error(
            .invalidAttribute, "attribute '\(name)' of <\(element.name.localName)> must be an integer, found '\(raw)'",
            at: element.location, element: element.elementID)
        return nil
    }

    /// Reads a decimal attribute, reporting values that are not numbers.
    mutating func double(_ element: XMLFragment, _ name: String) -> Double? {
        guard let raw = element.attribute(name) else { return nil }
        if let value = Double(raw) ?? Double(raw.trimmingWhitespace()) { return value }
        error(
            .invalidAttribute, "attribute '\(name)' of <\(element.name.localName)> must be a number, found '\(raw)'",
            at: element.location, element: element.elementID)
        return nil
    }

    /// The element's id; an element the schema requires an id on but that has none is reported.
    mutating func requiredID(_ element: XMLFragment) -> ElementID {
        if let id = element.elementID, !id.rawValue.isEmpty { return id }
        error(
            .invalidAttribute, "<\(element.name.localName)> has no id; every BPMN element needs a unique id",
            at: element.location, element: nil)
        return ElementID("")
    }

    /// The id of an element nothing needs to reference by id (sequence flows, associations, annotations, groups,
    /// message flows): Camunda 7 accepts these without one, so a stable id is made up from the element's position.
    func generatedID(_ element: XMLFragment) -> ElementID {
        if let id = element.elementID, !id.rawValue.isEmpty { return id }
        return ElementID.generated(for: element.name.localName, at: element.location)
    }

    /// Reports a BPMN-namespace element that BPMN 2.0 does not define where it stands, or that Baton does not model.
    mutating func unknownElement(_ element: XMLFragment, in parent: XMLFragment) {
        warning(
            .unknownElement,
            "<\(element.name.localName)> is not a BPMN 2.0 element Baton reads inside <\(parent.name.localName)>; it "
                + "is kept but ignored (check the spelling, or model it with elements Baton runs)",
            at: element.location, element: element.elementID)
    }

    /// Reads an expression element (`conditionExpression`, `timeDuration`, …).
    func expression(_ element: XMLFragment) -> Expression {
        Expression(
            body: element.trimmedText,
            language: element.attribute("language"),
            isFormal: element.xsiType == "tFormalExpression",
            evaluatesToTypeRef: element.attribute("evaluatesToTypeRef"),
            id: element.elementID,
            location: element.location)
    }

    /// Reads the optional expression child `localName`.
    func expression(child localName: String, of element: XMLFragment) -> Expression? {
        element.bpmnChild(localName).map(expression)
    }

    /// Reads `documentation` children.
    func documentation(_ element: XMLFragment) -> [Documentation] {
        element.children.compactMap {
            $0.isBPMN("documentation")
                ? Documentation(text: $0.text, textFormat: $0.attribute("textFormat"), location: $0.location) : nil
        }
    }
}
