extension ReadContext {
    /// Reads a `<camunda:inputOutput>` (of an activity or a connector) into its input and output parameters.
    mutating func camundaInputOutput(
        _ element: XMLFragment
    ) -> (inputs: [CamundaParameter], outputs: [CamundaParameter]) {
        var inputs: [CamundaParameter] = []
        var outputs: [CamundaParameter] = []
        for child in element.children where child.isCamundaFamily {
            switch child.name.localName {
            case "inputParameter": inputs.append(camundaParameter(child))
            case "outputParameter": outputs.append(camundaParameter(child))
            default: continue
            }
        }
        return (inputs, outputs)
    }

    /// Reads an `inputParameter` or `outputParameter`; one without a `name` is reported.
    private mutating func camundaParameter(_ element: XMLFragment) -> CamundaParameter {
        CamundaParameter(
            name: requiredAttribute(element, "name", why: "it names the variable the parameter sets"),
            value: camundaNestedValue(element),
            location: element.location)
    }

    /// The value inside a parameter or map entry: its one nested `list`, `map` or `script` (or any Camunda-family
    /// element), else its trimmed text, else null. More than one nested element is reported, as Camunda 7 does.
    private mutating func camundaNestedValue(_ element: XMLFragment) -> CamundaParameterValue {
        let nested = element.children.filter(\.isCamundaFamily)
        guard let first = nested.first else {
            let text = element.trimmedText
            return text.isEmpty ? .null : .text(text)
        }
        if nested.count > 1 {
            error(
                .invalidAttribute, "<\(element.name)> may hold at most one nested element (list, map or script), "
                    + "found \(nested.count)", at: element.location, element: element.elementID)
        }
        return camundaValue(first)
    }

    /// A value element: `camunda:list`, `camunda:map`, `camunda:script`, or (`camunda:value` and the like) what it
    /// holds.
    private mutating func camundaValue(_ element: XMLFragment) -> CamundaParameterValue {
        switch element.name.localName {
        case "list":
            return .list(element.children.filter(\.isCamundaFamily).map { camundaValue($0) })
        case "map":
            return .map(element.camundaChildren("entry").map { entry in
                CamundaMapEntry(
                    key: requiredAttribute(entry, "key", why: "it names the map entry"),
                    value: camundaNestedValue(entry),
                    location: entry.location)
            })
        case "script":
            return .script(camundaScript(element))
        default:
            return camundaNestedValue(element)
        }
    }

    /// The attribute `name` of an extension element that needs it; a missing one is reported and read as "".
    mutating func requiredAttribute(_ element: XMLFragment, _ name: String, why reason: String) -> String {
        if let value = element.attribute(name) { return value }
        error(
            .invalidAttribute, "<\(element.name)> has no '\(name)' attribute; \(reason)", at: element.location,
            element: element.elementID)
        return ""
    }
}
