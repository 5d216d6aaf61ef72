extension ReadContext {
    /// Reads a `<camunda:executionListener>` or `<camunda:taskListener>`: its attributes (those outside the typed
    /// ones verbatim), a `camunda:script`, `camunda:field` injections and, for a timeout task listener, its
    /// `bpmn:timerEventDefinition`.
    mutating func camundaListener(_ element: XMLFragment) -> CamundaListener {
        CamundaListener(
            event: element.attribute("event"),
            className: element.attribute("class"),
            expression: element.attribute("expression"),
            delegateExpression: element.attribute("delegateExpression"),
            script: element.camundaChild("script").map { camundaScript($0) },
            fields: element.camundaChildren("field").map { camundaField($0) },
            timeout: element.bpmnChild("timerEventDefinition").map { timerDefinition($0) },
            otherAttributes: element.attributes(except: Self.listenerAttributes),
            location: element.location)
    }

    private static let listenerAttributes: Set<String> = ["event", "class", "expression", "delegateExpression"]

    /// Reads `<camunda:field name>` (of a listener, or directly in a task's extension elements): a string value from
    /// the `stringValue` attribute or a `camunda:string` child, else an expression from the `expression` attribute
    /// or a `camunda:expression` child, each verbatim.
    ///
    /// As Camunda 7 does, a string wins over an expression; the ignored expression is reported as a warning. A field
    /// without a name or a value, or with a value written twice in the same form (attribute and child), is reported
    /// as an error; one without a value reads as the empty string.
    mutating func camundaField(_ element: XMLFragment) -> CamundaField {
        let name = requiredAttribute(element, "name", why: "it names the delegate field to inject")
        let strings = fieldValues(element, attribute: "stringValue", child: "string").map(CamundaFieldValue.string)
        let expressions = fieldValues(element, attribute: "expression", child: "expression")
            .map(CamundaFieldValue.expression)
        let what = "<\(element.name)> '\(name)'"
        let prefix = element.name.prefix.map { $0.isEmpty ? "" : "\($0):" } ?? ""
        let forms = [(strings, "stringValue", "string"), (expressions, "expression", "expression")]
        for (values, attribute, child) in forms where values.count > 1 {
            error(
                .invalidAttribute,
                "\(what) has both the '\(attribute)' attribute and a <\(prefix)\(child)> child; write only one",
                at: element.location, element: element.elementID)
        }
        guard let value = strings.first ?? expressions.first else {
            error(
                .invalidAttribute, "\(what) has no value; give it a 'stringValue' or 'expression' attribute, or a "
                    + "<\(prefix)string> or <\(prefix)expression> child", at: element.location,
                element: element.elementID)
            return CamundaField(name: name, value: .string(""), location: element.location)
        }
        if !strings.isEmpty && !expressions.isEmpty {
            warning(
                .invalidAttribute, "\(what) has both a string value and an expression; Camunda 7 injects the string "
                    + "and ignores the expression", at: element.location, element: element.elementID)
        }
        return CamundaField(name: name, value: value, location: element.location)
    }

    /// The values of one form of field value: the attribute `attribute`, then the text of a Camunda-family `child`.
    private func fieldValues(_ element: XMLFragment, attribute: String, child: String) -> [String] {
        [element.attribute(attribute), element.camundaChild(child)?.text].compactMap { $0 }
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
