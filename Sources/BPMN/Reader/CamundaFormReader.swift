extension ReadContext {
    /// Reads one `<camunda:formField>` of a `<camunda:formData>`: its attributes, enum `camunda:value`s,
    /// `camunda:validation` constraints and `camunda:properties`. A field without an `id` is reported.
    mutating func camundaFormField(_ element: XMLFragment) -> CamundaFormField {
        CamundaFormField(
            id: requiredAttribute(element, "id", why: "it names the form variable"),
            label: element.attribute("label"),
            type: element.attribute("type"),
            defaultValue: element.attribute("defaultValue"),
            datePattern: element.attribute("datePattern"),
            values: element.camundaChildren("value").map {
                CamundaProperty(name: $0.attribute("id") ?? "", value: $0.nameAttribute, location: $0.location)
            },
            constraints: element.camundaChildren("validation").flatMap { $0.camundaChildren("constraint") }.map {
                CamundaProperty(name: $0.nameAttribute ?? "", value: $0.attribute("config"), location: $0.location)
            },
            properties: element.camundaChildren("properties").flatMap { camundaProperties($0) },
            location: element.location)
    }
}
