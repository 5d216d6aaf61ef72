extension ReadContext {
    /// Reads the flow elements, data and artifacts of a process or sub-process.
    mutating func flowElements(_ container: XMLFragment) -> FlowElements {
        var elements = FlowElements()
        // By index, each child lent to `flowElement`: `for child in` would copy every element (a retain per field).
        for index in container.children.indices
        where container.children[index].name.namespaceURI == Namespaces.bpmn {
            flowElement(container.children[index], in: container, into: &elements)
        }
        return elements
    }

    /// Reads one BPMN child of a process or sub-process into `elements`.
    private mutating func flowElement(
        _ child: XMLFragment, in container: XMLFragment, into elements: inout FlowElements
    ) {
        switch child.name.localName {
        case "sequenceFlow":
            elements.sequenceFlows.append(sequenceFlow(child))
        case "dataObject":
            elements.dataObjects.append(DataObject(
                id: requiredID(child), name: child.nameAttribute, itemSubjectRef: child.reference("itemSubjectRef"),
                isCollection: bool(child, "isCollection", default: false), location: child.location))
        case "dataObjectReference":
            elements.dataReferences.append(DataReference(
                id: requiredID(child), name: child.nameAttribute, kind: .dataObject,
                reference: child.reference("dataObjectRef"), itemSubjectRef: child.reference("itemSubjectRef"),
                location: child.location))
        case "dataStoreReference":
            elements.dataReferences.append(DataReference(
                id: requiredID(child), name: child.nameAttribute, kind: .dataStore,
                reference: child.reference("dataStoreRef"), itemSubjectRef: child.reference("itemSubjectRef"),
                location: child.location))
        case "textAnnotation", "group", "association":
            elements.artifacts.append(artifact(child))
        case "laneSet":
            elements.laneSets.append(laneSet(child))
        default:
            if let node = flowNode(child) {
                elements.flowNodes.append(node)
            } else if !ElementNames.handledInContainer.contains(child.name.localName) {
                elements.otherElements.append(child)
                if !ElementNames.keptInContainer.contains(child.name.localName) {
                    unknownElement(child, in: container)
                }
            }
        }
    }

    /// Reads a `sequenceFlow`.
    mutating func sequenceFlow(_ element: XMLFragment) -> SequenceFlow {
        SequenceFlow(
            id: generatedID(element),
            name: element.nameAttribute,
            sourceRef: element.reference("sourceRef"),
            targetRef: element.reference("targetRef"),
            conditionExpression: expression(child: "conditionExpression", of: element),
            isImmediate: bool(element, "isImmediate"),
            documentation: documentation(element),
            extensions: extensions(element),
            location: element.location)
    }

    /// Reads a `textAnnotation`, `group` or `association`.
    mutating func artifact(_ element: XMLFragment) -> Artifact {
        let kind: Artifact.Kind
        switch element.name.localName {
        case "textAnnotation":
            kind = .textAnnotation(
                text: element.bpmnChild("text")?.text, textFormat: element.attribute("textFormat"))
        case "group":
            kind = .group(categoryValueRef: element.reference("categoryValueRef"))
        default:
            kind = .association(
                sourceRef: element.reference("sourceRef"), targetRef: element.reference("targetRef"),
                direction: element.attribute("associationDirection"))
        }
        return Artifact(id: generatedID(element), kind: kind, location: element.location)
    }

    /// Reads a `laneSet` (or `childLaneSet`).
    mutating func laneSet(_ element: XMLFragment) -> LaneSet {
        LaneSet(
            id: element.elementID,
            name: element.nameAttribute,
            lanes: element.bpmnChildren("lane").map { lane in
                Lane(
                    id: requiredID(lane),
                    name: lane.nameAttribute,
                    flowNodeRefs: lane.bpmnChildReferences("flowNodeRef"),
                    partitionElementRef: lane.reference("partitionElementRef"),
                    childLaneSet: lane.bpmnChild("childLaneSet").map { laneSet($0) },
                    location: lane.location)
            },
            location: element.location)
    }
}
