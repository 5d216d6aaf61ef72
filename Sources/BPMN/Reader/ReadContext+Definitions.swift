extension ReadContext {
    /// Reads the `definitions` root (already checked to be BPMN) and everything in it.
    mutating func definitions(_ root: XMLFragment) -> Definitions {
        var result = Definitions(
            id: root.elementID,
            name: root.nameAttribute,
            targetNamespace: root.attribute("targetNamespace"),
            exporter: root.attribute("exporter"),
            exporterVersion: root.attribute("exporterVersion"),
            expressionLanguage: root.attribute("expressionLanguage"),
            typeLanguage: root.attribute("typeLanguage"),
            extensions: extensions(root),
            location: root.location)
        // Top-level event definitions first: events anywhere may point at them through eventDefinitionRef.
        for child in root.children where child.name.namespaceURI == Namespaces.bpmn {
            if child.name.localName.hasSuffix("EventDefinition"), let definition = eventDefinition(child) {
                result.eventDefinitions.append(definition)
                if let id = definition.id { rootEventDefinitions[id] = definition }
            }
        }
        for child in root.children {
            if child.name.namespaceURI == Namespaces.bpmnDI && child.name.localName == "BPMNDiagram" {
                result.diagrams.append(diagram(child))
                continue
            }
            guard child.name.namespaceURI == Namespaces.bpmn else {
                result.otherElements.append(child)
                continue
            }
            switch child.name.localName {
            case "process": result.processes.append(process(child))
            case "collaboration": result.collaborations.append(collaboration(child))
            case "message":
                result.messages.append(Message(
                    id: requiredID(child), name: child.nameAttribute, itemRef: child.reference("itemRef"),
                    extensions: extensions(child), location: child.location))
            case "signal":
                result.signals.append(Signal(
                    id: requiredID(child), name: child.nameAttribute, structureRef: child.reference("structureRef"),
                    extensions: extensions(child), location: child.location))
            case "error":
                result.errors.append(BPMNError(
                    id: requiredID(child), name: child.nameAttribute, errorCode: child.attribute("errorCode"),
                    structureRef: child.reference("structureRef"),
                    errorMessage: child.attribute("errorMessage", in: Namespaces.camundaFamily),
                    extensions: extensions(child), location: child.location))
            case "escalation":
                result.escalations.append(Escalation(
                    id: requiredID(child), name: child.nameAttribute,
                    escalationCode: child.attribute("escalationCode"), structureRef: child.reference("structureRef"),
                    extensions: extensions(child), location: child.location))
            case "itemDefinition":
                result.itemDefinitions.append(ItemDefinition(
                    id: requiredID(child), structureRef: child.attribute("structureRef"),
                    itemKind: child.attribute("itemKind"), isCollection: bool(child, "isCollection", default: false),
                    location: child.location))
            case "dataStore":
                result.dataStores.append(DataStore(
                    id: requiredID(child), name: child.nameAttribute, capacity: int(child, "capacity"),
                    isUnlimited: bool(child, "isUnlimited", default: true),
                    itemSubjectRef: child.reference("itemSubjectRef"), location: child.location))
            case "category":
                result.categories.append(Category(
                    id: requiredID(child), name: child.nameAttribute,
                    values: child.bpmnChildren("categoryValue").map {
                        CategoryValue(id: requiredID($0), value: $0.attribute("value"), location: $0.location)
                    },
                    location: child.location))
            case "import":
                result.imports.append(Import(
                    namespace: child.attribute("namespace"), documentLocation: child.attribute("location"),
                    importType: child.attribute("importType"), location: child.location))
            case "extensionElements", "documentation":
                continue
            default:
                guard !child.name.localName.hasSuffix("EventDefinition") else { continue }
                result.otherElements.append(child)
                if !ElementNames.keptRootElements.contains(child.name.localName) { unknownElement(child, in: root) }
            }
        }
        return result
    }

    /// Reads a `process`.
    mutating func process(_ element: XMLFragment) -> Process {
        Process(
            id: requiredID(element),
            name: element.nameAttribute,
            isExecutable: bool(element, "isExecutable"),
            processType: element.attribute("processType"),
            isClosed: bool(element, "isClosed"),
            elements: flowElements(element),
            data: activityData(element),
            resourceRoles: resourceRoles(element),
            documentation: documentation(element),
            extensions: extensions(element),
            location: element.location)
    }

    /// Reads a `collaboration`.
    mutating func collaboration(_ element: XMLFragment) -> Collaboration {
        var result = Collaboration(
            id: requiredID(element), name: element.nameAttribute, isClosed: bool(element, "isClosed"),
            extensions: extensions(element), location: element.location)
        for child in element.children {
            guard child.name.namespaceURI == Namespaces.bpmn else { continue }
            switch child.name.localName {
            case "participant":
                let multiplicity = child.bpmnChild("participantMultiplicity").map {
                    ParticipantMultiplicity(
                        minimum: int($0, "minimum") ?? 0, maximum: int($0, "maximum") ?? 1, location: $0.location)
                }
                result.participants.append(Participant(
                    id: requiredID(child), name: child.nameAttribute, processRef: child.reference("processRef"),
                    multiplicity: multiplicity, location: child.location))
            case "messageFlow":
                result.messageFlows.append(MessageFlow(
                    id: generatedID(child), name: child.nameAttribute, sourceRef: child.reference("sourceRef"),
                    targetRef: child.reference("targetRef"), messageRef: child.reference("messageRef"),
                    location: child.location))
            case "textAnnotation", "group", "association":
                result.artifacts.append(artifact(child))
            case "extensionElements", "documentation":
                continue
            default:
                result.otherElements.append(child)
            }
        }
        return result
    }
}
