extension ReadContext {
    /// Reads one Zeebe extension element (a child of `bpmn:extensionElements`) into `zeebe`.
    ///
    /// Returns false for elements outside the typed vocabulary (`zeebe:userTaskForm`, `zeebe:linkedResources`, …)
    /// and for a second copy of a single-valued one, so the caller keeps them verbatim.
    mutating func zeebeElement(_ element: XMLFragment, into zeebe: inout ZeebeExtensions) -> Bool {
        let attribute: (String) -> String? = element.attribute
        let location = element.location
        switch element.name.localName {
        case "taskDefinition":
            return fillOnce(
                &zeebe.taskDefinition,
                ZeebeTaskDefinition(type: attribute("type"), retries: attribute("retries"), location: location))
        case "taskHeaders":
            zeebe.taskHeaders += element.zeebeChildren("header").map {
                ZeebeKeyValue(key: $0.attribute("key") ?? "", value: $0.attribute("value"), location: $0.location)
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
                    candidateUsers: attribute("candidateUsers"), location: location))
        case "taskSchedule":
            guard zeebe.taskScheduleLocation == nil else { return false }
            zeebe.dueDate = attribute("dueDate")
            zeebe.followUpDate = attribute("followUpDate")
            zeebe.taskScheduleLocation = location
        case "priorityDefinition":
            guard zeebe.priorityLocation == nil else { return false }
            zeebe.priority = attribute("priority")
            zeebe.priorityLocation = location
        case "formDefinition":
            return fillOnce(
                &zeebe.form,
                ZeebeForm(
                    formKey: attribute("formKey"), formID: attribute("formId"),
                    externalReference: attribute("externalReference"), bindingType: attribute("bindingType"),
                    versionTag: attribute("versionTag"), location: location))
        default:
            return zeebeCallElement(element, into: &zeebe)
        }
        return true
    }

    /// Call activities, decisions, messages, loops, scripts, processes, listeners, properties and ad-hoc
    /// sub-processes; see `zeebeElement(_:into:)`.
    private mutating func zeebeCallElement(_ element: XMLFragment, into zeebe: inout ZeebeExtensions) -> Bool {
        let attribute: (String) -> String? = element.attribute
        let location = element.location
        switch element.name.localName {
        case "calledElement":
            return fillOnce(&zeebe.calledElement, zeebeCalledElement(element))
        case "calledDecision":
            return fillOnce(
                &zeebe.calledDecision,
                ZeebeCalledDecision(
                    decisionID: attribute("decisionId"), resultVariable: attribute("resultVariable"),
                    bindingType: attribute("bindingType"), versionTag: attribute("versionTag"), location: location))
        case "subscription":
            guard zeebe.correlationKeyLocation == nil else { return false }
            zeebe.correlationKey = attribute("correlationKey")
            zeebe.correlationKeyLocation = location
        case "loopCharacteristics":
            return fillOnce(
                &zeebe.loopCharacteristics,
                ZeebeLoopCharacteristics(
                    inputCollection: attribute("inputCollection"), inputElement: attribute("inputElement"),
                    outputCollection: attribute("outputCollection"), outputElement: attribute("outputElement"),
                    location: location))
        case "script":
            return fillOnce(
                &zeebe.script,
                ZeebeScript(
                    expression: attribute("expression"), resultVariable: attribute("resultVariable"),
                    location: location))
        case "versionTag":
            guard zeebe.versionTagLocation == nil else { return false }
            zeebe.versionTag = attribute("value")
            zeebe.versionTagLocation = location
        case "executionListeners":
            zeebe.executionListeners += element.zeebeChildren("executionListener").map(Self.zeebeListener)
        case "taskListeners":
            zeebe.taskListeners += element.zeebeChildren("taskListener").map(Self.zeebeListener)
        case "properties":
            zeebe.properties += element.zeebeChildren("property").map {
                ZeebeKeyValue(key: $0.nameAttribute ?? "", value: $0.attribute("value"), location: $0.location)
            }
        case "adHoc":
            guard zeebe.adHocLocation == nil else { return false }
            zeebe.adHocActiveElementsCollection = attribute("activeElementsCollection")
            zeebe.adHocOutputCollection = attribute("outputCollection")
            zeebe.adHocOutputElement = attribute("outputElement")
            zeebe.adHocLocation = location
        default:
            return false
        }
        return true
    }

    /// Reads `zeebe:calledElement`; attributes outside the typed ones are kept verbatim.
    private mutating func zeebeCalledElement(_ element: XMLFragment) -> ZeebeCalledElement {
        ZeebeCalledElement(
            processID: element.attribute("processId"),
            propagateAllChildVariables: bool(element, "propagateAllChildVariables"),
            propagateAllParentVariables: bool(element, "propagateAllParentVariables"),
            bindingType: element.attribute("bindingType"), versionTag: element.attribute("versionTag"),
            businessID: element.attribute("businessId"),
            otherAttributes: element.attributes(except: Self.zeebeCalledElementAttributes),
            location: element.location)
    }

    private static let zeebeCalledElementAttributes: Set<String> = [
        "processId", "propagateAllChildVariables", "propagateAllParentVariables", "bindingType", "versionTag",
        "businessId",
    ]

    private static func zeebeMapping(_ element: XMLFragment) -> ZeebeMapping {
        ZeebeMapping(
            source: element.attribute("source"), target: element.attribute("target") ?? "",
            location: element.location)
    }

    private static func zeebeListener(_ element: XMLFragment) -> ZeebeListener {
        ZeebeListener(
            eventType: element.attribute("eventType"), type: element.attribute("type"),
            retries: element.attribute("retries"), location: element.location)
    }
}
