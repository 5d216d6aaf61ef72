extension ReadContext {
    /// Reads one Camunda-family extension element (a child of `bpmn:extensionElements`) into `camunda`.
    ///
    /// Returns false for elements outside the typed vocabulary and for a second copy of a single-valued one
    /// (`connector`, `failedJobRetryTimeCycle`), so the caller keeps them verbatim. Several `formData`,
    /// `inputOutput` or `properties` elements add up.
    mutating func camundaElement(_ element: XMLFragment, into camunda: inout CamundaExtensions) -> Bool {
        switch element.name.localName {
        case "inputOutput":
            let parameters = camundaInputOutput(element)
            camunda.inputParameters += parameters.inputs
            camunda.outputParameters += parameters.outputs
        case "properties":
            camunda.properties += camundaProperties(element)
        case "executionListener":
            camunda.executionListeners.append(camundaListener(element))
        case "taskListener":
            camunda.taskListeners.append(camundaListener(element))
        case "failedJobRetryTimeCycle":
            guard camunda.failedJobRetryTimeCycleLocation == nil else { return false }
            camunda.failedJobRetryTimeCycle = element.nonEmptyTrimmedText
            camunda.failedJobRetryTimeCycleLocation = element.location
        case "errorEventDefinition":
            camunda.errorEventDefinitions.append(CamundaErrorEventDefinition(
                id: element.elementID, errorRef: element.reference("errorRef"),
                expression: element.attribute("expression"), location: element.location))
        case "connector":
            return fillOnce(&camunda.connector, camundaConnector(element))
        case "formData":
            camunda.formFields += element.camundaChildren("formField").map { camundaFormField($0) }
            camunda.formDataAttributes += element.attributes
        case "field":
            camunda.fields.append(camundaField(element))
        case "in":
            camunda.inMappings.append(camundaVariableMapping(element))
        case "out":
            camunda.outMappings.append(camundaVariableMapping(element))
        default:
            return false
        }
        return true
    }

    /// Reads `<camunda:connector>`: its `connectorId` and its own `inputOutput`.
    private mutating func camundaConnector(_ element: XMLFragment) -> CamundaConnector {
        var connector = CamundaConnector(
            connectorID: element.camundaChild("connectorId")?.nonEmptyTrimmedText, location: element.location)
        for inputOutput in element.camundaChildren("inputOutput") {
            let parameters = camundaInputOutput(inputOutput)
            connector.inputParameters += parameters.inputs
            connector.outputParameters += parameters.outputs
        }
        return connector
    }

    /// Reads `<camunda:in>` or `<camunda:out>`.
    private mutating func camundaVariableMapping(_ element: XMLFragment) -> CamundaVariableMapping {
        CamundaVariableMapping(
            source: element.attribute("source"),
            sourceExpression: element.attribute("sourceExpression"),
            target: element.attribute("target"),
            allVariables: element.attribute("variables")?.trimmingWhitespace() == "all",
            businessKey: element.attribute("businessKey"),
            local: bool(element, "local", default: false),
            location: element.location)
    }

    /// Reads the `<camunda:property name value>` children of a `<camunda:properties>`.
    func camundaProperties(_ element: XMLFragment) -> [CamundaProperty] {
        element.camundaChildren("property").map {
            CamundaProperty(name: $0.nameAttribute ?? "", value: $0.attribute("value"), location: $0.location)
        }
    }
}
