extension ReadContext {
    /// Whether the Camunda-family attribute `localName` of `element` is held by the BPMN model itself rather than
    /// by `CamundaExtensions`: `variableName` and `variableEvents` of a `conditionalEventDefinition` (in
    /// `EventDefinition.Kind.conditional`) and `errorMessage` of an `error` (`BPMNError.errorMessage`).
    static func isCamundaAttributeOfModel(_ localName: String, of element: XMLFragment) -> Bool {
        switch localName {
        case "variableName", "variableEvents": element.isBPMN("conditionalEventDefinition")
        case "errorMessage": element.isBPMN("error")
        default: false
        }
    }

    /// Reads one Camunda-family attribute of `element` into `camunda`.
    ///
    /// Returns false when the attribute is not part of the typed vocabulary, or when its field already holds a value
    /// (the same attribute under two of the family's URIs, `async` next to `asyncBefore`), so the caller keeps it
    /// verbatim. Invalid booleans are reported and leave the field nil.
    mutating func camundaAttribute(
        _ attribute: XMLAttribute, of element: XMLFragment, into camunda: inout CamundaExtensions
    ) -> Bool {
        let value = attribute.value
        switch attribute.name.localName {
        // Service-like tasks
        case "type": return fillOnce(&camunda.type, value)
        case "topic": return fillOnce(&camunda.topic, value)
        case "taskPriority": return fillOnce(&camunda.taskPriority, value)
        case "class": return fillOnce(&camunda.className, value)
        case "expression": return fillOnce(&camunda.expression, value)
        case "delegateExpression": return fillOnce(&camunda.delegateExpression, value)
        case "resultVariable": return fillOnce(&camunda.resultVariable, value)
        // User tasks
        case "assignee": return fillOnce(&camunda.assignee, value)
        case "candidateUsers": return fillOnce(&camunda.candidateUsers, value.commaSeparatedItems())
        case "candidateGroups": return fillOnce(&camunda.candidateGroups, value.commaSeparatedItems())
        case "dueDate": return fillOnce(&camunda.dueDate, value)
        case "followUpDate": return fillOnce(&camunda.followUpDate, value)
        case "priority": return fillOnce(&camunda.priority, value)
        case "formKey": return fillOnce(&camunda.formKey, value)
        case "formRef": return fillOnce(&camunda.formRef, value)
        case "formRefBinding": return fillOnce(&camunda.formRefBinding, value)
        case "formRefVersion": return fillOnce(&camunda.formRefVersion, value)
        // Continuations and jobs
        case "asyncBefore": return fillOnce(&camunda.asyncBefore, bool(attribute, of: element))
        case "async":
            if element.isBPMN("signalEventDefinition") {
                return fillOnce(&camunda.signalAsync, bool(attribute, of: element))
            }
            return fillOnce(&camunda.asyncBefore, bool(attribute, of: element))
        case "asyncAfter": return fillOnce(&camunda.asyncAfter, bool(attribute, of: element))
        case "exclusive": return fillOnce(&camunda.exclusive, bool(attribute, of: element))
        case "jobPriority": return fillOnce(&camunda.jobPriority, value)
        default: return camundaDefinitionAttribute(attribute, of: element, into: &camunda)
        }
    }

    /// The attributes of processes, start events, call activities, multi-instance loops, scripts and event
    /// definitions; see `camundaAttribute(_:of:into:)`.
    private mutating func camundaDefinitionAttribute(
        _ attribute: XMLAttribute, of element: XMLFragment, into camunda: inout CamundaExtensions
    ) -> Bool {
        let name = attribute.name.localName
        let value = attribute.value
        switch name {
        // Processes and start events
        case "versionTag": return fillOnce(&camunda.versionTag, value)
        case "historyTimeToLive": return fillOnce(&camunda.historyTimeToLive, value)
        case "candidateStarterGroups": return fillOnce(&camunda.candidateStarterGroups, value.commaSeparatedItems())
        case "candidateStarterUsers": return fillOnce(&camunda.candidateStarterUsers, value.commaSeparatedItems())
        case "isStartableInTasklist": return fillOnce(&camunda.isStartableInTasklist, bool(attribute, of: element))
        case "initiator": return fillOnce(&camunda.initiator, value)
        // Call activities
        case "calledElementBinding": return fillOnce(&camunda.calledElementBinding, value)
        case "calledElementVersion": return fillOnce(&camunda.calledElementVersion, value)
        case "calledElementVersionTag": return fillOnce(&camunda.calledElementVersionTag, value)
        case "calledElementTenantId": return fillOnce(&camunda.calledElementTenantId, value)
        case "variableMappingClass", "variableMappingDelegateExpression":
            return fillOnce(&camunda.variableMappingDelegate, value)
        // Multi-instance and scripts
        case "collection": return fillOnce(&camunda.collection, value)
        case "elementVariable": return fillOnce(&camunda.elementVariable, value)
        case "resource": return fillOnce(&camunda.resource, value)
        // Event definitions
        case "errorCodeVariable": return fillOnce(&camunda.errorCodeVariable, value)
        case "errorMessageVariable": return fillOnce(&camunda.errorMessageVariable, value)
        case "escalationCodeVariable": return fillOnce(&camunda.escalationCodeVariable, value)
        default:
            // decisionRef, decisionRefBinding, decisionRefVersion, decisionRefVersionTag, decisionRefTenantId
            guard name.hasPrefix("decisionRef"), camunda.decisionReference[name] == nil else { return false }
            camunda.decisionReference[name] = value
            return true
        }
    }
}
