extension ReadContext {
    /// Reads `ioSpecification`, data associations, `property`, and an event's `dataInput`/`dataOutput`.
    mutating func activityData(_ element: XMLFragment) -> ActivityData {
        var data = ActivityData()
        // By index, each child lent to `dataChild`: most elements have none, and `for child in` copies every child.
        for index in element.children.indices where element.children[index].name.namespaceURI == Namespaces.bpmn {
            dataChild(element.children[index], into: &data)
        }
        return data
    }

    private mutating func dataChild(_ child: XMLFragment, into data: inout ActivityData) {
        switch child.name.localName {
        case "ioSpecification":
            data.ioSpecification = IOSpecification(
                dataInputs: child.bpmnChildren("dataInput").map { dataItem($0) },
                dataOutputs: child.bpmnChildren("dataOutput").map { dataItem($0) },
                inputSets: child.bpmnChildren("inputSet").map {
                    $0.bpmnChildReferences("dataInputRefs")
                },
                outputSets: child.bpmnChildren("outputSet").map {
                    $0.bpmnChildReferences("dataOutputRefs")
                },
                location: child.location)
        case "dataInputAssociation":
            data.inputAssociations.append(dataAssociation(child))
        case "dataOutputAssociation":
            data.outputAssociations.append(dataAssociation(child))
        case "property":
            data.properties.append(DataProperty(
                id: child.elementID, name: child.nameAttribute, itemSubjectRef: child.reference("itemSubjectRef"),
                location: child.location))
        case "dataInput", "dataOutput":
            data.eventData.append(dataItem(child))
        default:
            return
        }
    }

    private mutating func dataItem(_ element: XMLFragment) -> DataItem {
        DataItem(
            id: element.elementID, name: element.nameAttribute, itemSubjectRef: element.reference("itemSubjectRef"),
            isCollection: bool(element, "isCollection", default: false), location: element.location)
    }

    private func dataAssociation(_ element: XMLFragment) -> DataAssociation {
        DataAssociation(
            id: element.elementID,
            sourceRefs: element.bpmnChildReferences("sourceRef"),
            targetRef: element.bpmnChild("targetRef")?.textReference,
            transformation: expression(child: "transformation", of: element),
            assignments: element.bpmnChildren("assignment").map {
                DataAssignment(
                    from: expression(child: "from", of: $0), to: expression(child: "to", of: $0),
                    location: $0.location)
            },
            location: element.location)
    }
}
