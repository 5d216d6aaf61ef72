extension ReadContext {
    /// Reads a `<camunda:executionListener>` or `<camunda:taskListener>`: its attributes, a `camunda:script`,
    /// `camunda:field` injections and, for a timeout task listener, its `bpmn:timerEventDefinition`.
    mutating func camundaListener(_ element: XMLFragment) -> CamundaListener {
        CamundaListener(
            event: element.attribute("event"),
            className: element.attribute("class"),
            expression: element.attribute("expression"),
            delegateExpression: element.attribute("delegateExpression"),
            script: element.camundaChild("script").map { camundaScript($0) },
            fields: element.camundaChildren("field").map { camundaField($0) },
            timeout: element.bpmnChild("timerEventDefinition").map { timerDefinition($0) },
            location: element.location)
    }

    /// Reads `<camunda:field name>`: its value from the `stringValue` or `expression` attribute, or else from a
    /// `camunda:string` or `camunda:expression` child (text verbatim, as Camunda 7 injects it).
    private func camundaField(_ element: XMLFragment) -> CamundaProperty {
        let value = element.attribute("stringValue") ?? element.attribute("expression")
            ?? element.camundaChild("string")?.text ?? element.camundaChild("expression")?.text
        return CamundaProperty(name: element.nameAttribute ?? "", value: value)
    }

    /// Reads `<camunda:script scriptFormat resource>` and its inline body (verbatim; nil when empty).
    func camundaScript(_ element: XMLFragment) -> CamundaScript {
        CamundaScript(
            scriptFormat: element.attribute("scriptFormat"),
            resource: element.attribute("resource"),
            body: element.text.isEmpty ? nil : element.text,
            location: element.location)
    }
}
