extension ReadContext {
    /// Reads one Zeebe extension element (a child of `bpmn:extensionElements`) into `zeebe`.
    ///
    /// Returns false for elements outside the typed vocabulary (`zeebe:userTaskForm`, `zeebe:linkedResources`, …)
    /// and for a second copy of a single-valued one, so the caller keeps them verbatim.
    mutating func zeebeElement(_ element: XMLFragment, into zeebe: inout ZeebeExtensions) -> Bool {
        let attribute: (String) -> String? = element.attribute
        switch element.name.localName {
        case "taskDefinition":
            return fillOnce(
                &zeebe.taskDefinition, ZeebeTaskDefinition(type: attribute("type"), retries: attribute("retries")))
        case "taskHeaders":
            zeebe.taskHeaders += element.zeebeChildren("header").map {
                ZeebeKeyValue(key: $0.attribute("key") ?? "", value: $0.attribute("value"))
            }
        case "ioMapping":
            zeebe.inputs += element.zeebeChildren("input").map(Self.zeebeMapping)
            zeebe.outputs += element.zeebeChildren("output").map(Self.zeebeMapping)
        case "userTask":
            guard !zeebe.isZeebeUserTask else { return false }
            zeebe.isZeebeUserTask = true
        case "assignmentDefinition":
            return fillOnce(
                &zeebe.assignment,
                ZeebeAssignment(
                    assignee: attribute("assignee"), candidateGroups: attribute("candidateGroups"),
                    candidateUsers: attribute("candidateUsers")))
        case "taskSchedule":
            guard zeebe.dueDate == nil, zeebe.followUpDate == nil else { return false }
            zeebe.dueDate = attribute("dueDate")
            zeebe.followUpDate = attribute("followUpDate")
        case "priorityDefinition":
            return fillOnce(&zeebe.priority, attribute("priority"))
        case "formDefinition":
            return fillOnce(
                &zeebe.form,
                ZeebeForm(
                    formKey: attribute("formKey"), formID: attribute("formId"),
                    externalReference: attribute("externalReference"), bindingType: attribute("bindingType"),
                    versionTag: attribute("versionTag")))
        default:
            return zeebeCallElement(element, into: &zeebe)
        }
        return true
    }

    /// Call activities, decisions, messages, loops, scripts, processes, listeners, properties and ad-hoc
    /// sub-processes; see `zeebeElement(_:into:)`.
    private mutating func zeebeCallElement(_ element: XMLFragment, into zeebe: inout ZeebeExtensions) -> Bool {
        let attribute: (String) -> String? = element.attribute
        switch element.name.localName {
        case "calledElement":
            return fillOnce(
                &zeebe.calledElement,
                ZeebeCalledElement(
                    processID: attribute("processId"),
                    propagateAllChildVariables: bool(element, "propagateAllChildVariables"),
                    propagateAllParentVariables: bool(element, "propagateAllParentVariables"),
                    bindingType: attribute("bindingType"), versionTag: attribute("versionTag"),
                    businessID: attribute("businessId")))
        case "calledDecision":
            return fillOnce(
                &zeebe.calledDecision,
                ZeebeCalledDecision(
                    decisionID: attribute("decisionId"), resultVariable: attribute("resultVariable"),
                    bindingType: attribute("bindingType"), versionTag: attribute("versionTag")))
        case "subscription":
            return fillOnce(&zeebe.correlationKey, attribute("correlationKey"))
        case "loopCharacteristics":
            return fillOnce(
                &zeebe.loopCharacteristics,
                ZeebeLoopCharacteristics(
                    inputCollection: attribute("inputCollection"), inputElement: attribute("inputElement"),
                    outputCollection: attribute("outputCollection"), outputElement: attribute("outputElement")))
        case "script":
            return fillOnce(
                &zeebe.script,
                ZeebeScript(expression: attribute("expression"), resultVariable: attribute("resultVariable")))
        case "versionTag":
            return fillOnce(&zeebe.versionTag, attribute("value"))
        case "executionListeners":
            zeebe.executionListeners += element.zeebeChildren("executionListener").map(Self.zeebeListener)
        case "taskListeners":
            zeebe.taskListeners += element.zeebeChildren("taskListener").map(Self.zeebeListener)
        case "properties":
            zeebe.properties += element.zeebeChildren("property").map {
                ZeebeKeyValue(key: $0.nameAttribute ?? "", value: $0.attribute("value"))
            }
        case "adHoc":
            guard zeebe.adHocActiveElementsCollection == nil, zeebe.adHocOutputCollection == nil,
                zeebe.adHocOutputElement == nil
            else { return false }
            zeebe.adHocActiveElementsCollection = attribute("activeElementsCollection")
            zeebe.adHocOutputCollection = attribute("outputCollection")
            zeebe.adHocOutputElement = attribute("outputElement")
        default:
            return false
        }
        return true
    }

    private static func zeebeMapping(_ element: XMLFragment) -> ZeebeMapping {
        ZeebeMapping(source: element.attribute("source"), target: element.attribute("target") ?? "")
    }

    private static func zeebeListener(_ element: XMLFragment) -> ZeebeListener {
        ZeebeListener(
            eventType: element.attribute("eventType"), type: element.attribute("type"),
            retries: element.attribute("retries"))
    }
}
