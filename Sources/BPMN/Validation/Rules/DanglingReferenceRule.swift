/// `dangling-reference` (error): a reference names no element of the kind it needs, or a required reference is
/// missing. Covers sequence flows, boundary events, default flows, message flows, participants and data references
/// here; event definitions, send/receive tasks and Camunda error definitions in `DanglingReferenceRule+Events`.
struct DanglingReferenceRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for entry in index.flows { found += sequenceFlow(entry.flow, index) }
        for nodeIndex in index.nodes.indices {
            found += boundaryAttachment(nodeIndex, index)
            found += defaultFlow(nodeIndex, index)
            found += eventReferences(nodeIndex, index)
        }
        for container in index.containers {
            for reference in container.dataReferences { found += dataReference(reference, index) }
        }
        for collaboration in index.definitions.collaborations {
            for participant in collaboration.participants { found += participantProcess(participant, index) }
            for flow in collaboration.messageFlows { found += messageFlow(flow, index) }
        }
        return found
    }

    private func sequenceFlow(_ flow: SequenceFlow, _ index: ModelIndex) -> [Diagnostic] {
        // The common case first, before any message text is built.
        if index.node(flow.sourceRef) != nil && index.node(flow.targetRef) != nil { return [] }
        let check = FlowEnds(
            owner: "sequence flow '\(flow.id)'", element: flow.id.reportable, location: flow.location,
            expected: "flow node")
        let ends = [("sourceRef", flow.sourceRef, "leaves"), ("targetRef", flow.targetRef, "enters")].map { end in
            (
                attribute: end.0, reference: end.1, why: "a sequence flow must name the flow node it \(end.2)",
                fix: "point it at the flow node the flow \(end.2), or delete the flow"
            )
        }
        return check.diagnostics(ends, index) { index.node($0) != nil }
    }

    private func boundaryAttachment(_ nodeIndex: Int, _ index: ModelIndex) -> [Diagnostic] {
        let node = index.nodes[nodeIndex].node
        guard case .boundaryEvent(let event) = node.kind else { return [] }
        guard let reference = event.attachedTo else {
            return [Diagnostic(
                .error, .danglingReference,
                "\(index.describe(node: nodeIndex)) has no attachedToRef; a boundary event must name the activity it "
                    + "is attached to — add attachedToRef",
                at: node.location, element: index.elementID(node: nodeIndex))]
        }
        // A reference to an existing element that is not an activity is `boundary-not-on-activity`.
        guard index.node(reference) == nil, index.elementNames[reference] == nil else { return [] }
        return [Diagnostic(
            .error, .danglingReference,
            "\(index.describe(node: nodeIndex)) is attached to '\(reference)', which names nothing in this document; "
                + "point attachedToRef at the activity the event belongs to",
            at: node.location, element: index.elementID(node: nodeIndex))]
    }

    private func defaultFlow(_ nodeIndex: Int, _ index: ModelIndex) -> [Diagnostic] {
        let node = index.nodes[nodeIndex].node
        guard let reference = node.defaultFlow, index.flowByID[reference] == nil else { return [] }
        return [Diagnostic(
            .error, .danglingReference,
            "\(index.describe(node: nodeIndex)) has default flow '\(reference)', which "
                + index.resolution(of: reference, expected: "sequenceFlow")
                + "; name one of its outgoing sequence flows in default, or remove the attribute",
            at: node.location, element: index.elementID(node: nodeIndex))]
    }

    private func dataReference(_ reference: DataReference, _ index: ModelIndex) -> [Diagnostic] {
        guard let target = reference.reference else { return [] }
        let (attribute, expected, known): (String, String, Set<ElementID>)
        switch reference.kind {
        case .dataObject: (attribute, expected, known) = ("dataObjectRef", "dataObject", index.dataObjectIDs)
        case .dataStore: (attribute, expected, known) = ("dataStoreRef", "dataStore", index.dataStoreIDs)
        }
        guard !known.contains(target) else { return [] }
        let elementName = reference.kind == .dataObject ? "dataObjectReference" : "dataStoreReference"
        return [Diagnostic(
            .error, .danglingReference,
            "\(elementName) '\(reference.id)' has \(attribute) '\(target)', which "
                + index.resolution(of: target, expected: expected)
                + "; declare the \(expected) or point \(attribute) at an existing one",
            at: reference.location, element: reference.id.reportable)]
    }

    private func participantProcess(_ participant: Participant, _ index: ModelIndex) -> [Diagnostic] {
        guard let reference = participant.processRef, index.processByID[reference] == nil else { return [] }
        return [Diagnostic(
            .error, .danglingReference,
            "participant '\(participant.id)' has processRef '\(reference)', which "
                + index.resolution(of: reference, expected: "process")
                + "; a pool must refer to a process of the same document — fix processRef, or remove it to draw "
                + "a black-box pool",
            at: participant.location, element: participant.id.reportable)]
    }

    private func messageFlow(_ flow: MessageFlow, _ index: ModelIndex) -> [Diagnostic] {
        let check = FlowEnds(
            owner: "message flow '\(flow.id)'", element: flow.id.reportable, location: flow.location,
            expected: "participant or flow node")
        let why = "a message flow must connect two pools or flow nodes"
        let fix = "point it at a pool or at a flow node of this document"
        var found = check.diagnostics(
            [("sourceRef", flow.sourceRef, why, fix), ("targetRef", flow.targetRef, why, fix)], index,
            resolves: { reference in
                index.participantByID[reference] != nil || index.node(reference) != nil
                    || index.collaborationNodeIDs.contains(reference)
            })
        if let reference = flow.messageRef, !index.messageIDs.contains(reference) {
            found.append(Diagnostic(
                .error, .danglingReference,
                "message flow '\(flow.id)' has messageRef '\(reference)', which "
                    + index.resolution(of: reference, expected: "message")
                    + "; declare <message id=\"\(reference)\" name=\"…\"> or fix messageRef",
                at: flow.location, element: flow.id.reportable))
        }
        return found
    }
}

extension ModelIndex {
    /// Why a reference does not resolve: `names no <message> in this document`, or `names a <signal>, not a
    /// <message>` when the id belongs to another kind of element.
    func resolution(of id: ElementID, expected: String) -> String {
        guard let name = elementNames[id] else { return "names no \(expected) in this document" }
        return "names a \(name), not a \(expected)"
    }
}
