extension ReadContext {
    /// Reads the event definitions of an event, resolving `eventDefinitionRef`s against the top-level ones.
    mutating func eventDefinitions(_ event: XMLFragment) -> [EventDefinition] {
        var result: [EventDefinition] = []
        // By index, each child lent to `eventDefinition(in:of:)` rather than copied.
        for index in event.children.indices where event.children[index].name.namespaceURI == Namespaces.bpmn {
            if let definition = eventDefinition(in: event.children[index], of: event) { result.append(definition) }
        }
        return result
    }

    /// The definition a BPMN child of an event gives: its own, or the top-level one an `eventDefinitionRef` names.
    private mutating func eventDefinition(in child: XMLFragment, of event: XMLFragment) -> EventDefinition? {
        guard child.name.localName == "eventDefinitionRef" else { return eventDefinition(child) }
        guard let reference = child.textReference else { return nil }
        if let definition = rootEventDefinitions[reference] { return definition }
        error(
            .danglingReference,
            "eventDefinitionRef '\(reference)' does not name an event definition of this document",
            at: child.location, element: event.elementID)
        return nil
    }

    /// Reads one `…EventDefinition` element, or returns nil for anything else.
    mutating func eventDefinition(_ element: XMLFragment) -> EventDefinition? {
        let kind: EventDefinition.Kind
        switch element.name.localName {
        case "messageEventDefinition":
            kind = .message(
                messageRef: element.reference("messageRef"),
                operationRef: element.reference("operationRef") ?? element.bpmnChild("operationRef")?.textReference)
        case "timerEventDefinition":
            kind = .timer(timerDefinition(element))
        case "errorEventDefinition":
            kind = .error(errorRef: element.reference("errorRef"))
        case "escalationEventDefinition":
            kind = .escalation(escalationRef: element.reference("escalationRef"))
        case "signalEventDefinition":
            kind = .signal(signalRef: element.reference("signalRef"))
        case "compensateEventDefinition":
            kind = .compensate(
                activityRef: element.reference("activityRef"),
                waitForCompletion: bool(element, "waitForCompletion", default: true))
        case "conditionalEventDefinition":
            let events = element.attribute("variableEvents", in: Namespaces.camundaFamily) ?? ""
            kind = .conditional(
                condition: expression(child: "condition", of: element),
                variableName: element.attribute("variableName", in: Namespaces.camundaFamily),
                variableEvents: events.split(separator: ",").map { String($0).trimmingWhitespace() }
                    .filter { !$0.isEmpty })
        case "linkEventDefinition":
            kind = .link(
                name: element.nameAttribute,
                sources: element.bpmnChildReferences("source"),
                target: element.bpmnChild("target")?.textReference)
        case "cancelEventDefinition":
            kind = .cancel
        case "terminateEventDefinition":
            kind = .terminate
        default:
            return nil
        }
        return EventDefinition(
            id: element.elementID, kind: kind, extensions: extensions(element), location: element.location)
    }

    /// Reads the `timeDate`, `timeDuration` and `timeCycle` children of a `timerEventDefinition`.
    func timerDefinition(_ element: XMLFragment) -> TimerDefinition {
        TimerDefinition(
            timeDate: expression(child: "timeDate", of: element),
            timeDuration: expression(child: "timeDuration", of: element),
            timeCycle: expression(child: "timeCycle", of: element))
    }
}
