/// `dangling-reference` (error, executable processes only): a reference the engine needs to run the element is
/// missing altogether — the `messageRef` of an event that waits for a message (message start, intermediate catch and
/// boundary events), and the `signalRef` of every signal event. A receive task without `messageRef` is only a
/// warning: Camunda 7 accepts it as a plain wait state that a signal to its execution continues. Camunda 7 refuses these at
/// deploy ("attribute 'messageRef' is required", "signalEventDefinition does not have required property
/// 'signalRef'"). Throwing message events and send tasks may go without a `messageRef`: they are implemented by
/// their Camunda attributes (an external task, a connector), not by the message.
struct RequiredReferenceRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for nodeIndex in index.nodes.indices where index.isInExecutableProcess(node: nodeIndex) {
            let node = index.nodes[nodeIndex].node
            let owner = { index.describe(node: nodeIndex) }
            let element = index.elementID(node: nodeIndex)
            if case .receiveTask(let task) = node.kind, task.messageRef == nil {
                found.append(Diagnostic(
                    .warning, .danglingReference,
                    "\(owner()) has no messageRef, so no message can reach it; it waits until a signal to its execution "
                        + "moves it on — declare <message id=\"…\" name=\"…\"> and name it in messageRef if a message "
                        + "should complete it",
                    at: node.location, element: element))
            }
            let waits = !DanglingReferenceRule.isThrowing(node.kind)
            for definition in node.kind.eventDefinitions {
                let what = { "the \(definition.elementName) of \(owner())" }
                switch definition.kind {
                case .message(messageRef: nil, operationRef: _) where waits:
                    found.append(missing(
                        .message, on: what(), because: "on an event that waits for a message",
                        at: definition.location, element: element))
                case .signal(signalRef: nil):
                    found.append(missing(
                        .signal, on: what(), because: "the signal's name is what is thrown and caught",
                        at: definition.location, element: element))
                case .message, .signal, .timer, .error, .escalation, .compensate, .conditional, .link, .cancel,
                    .terminate:
                    break
                }
            }
        }
        return found
    }

    /// The root element a missing reference should name.
    private enum Required: String {
        case message, signal
    }

    private func missing(
        _ kind: Required, on owner: String, because reason: String, at location: SourceLocation, element: ElementID?
    ) -> Diagnostic {
        let attribute = kind.rawValue + "Ref"
        return Diagnostic(
            .error, .danglingReference,
            "\(owner) has no \(attribute); attribute '\(attribute)' is required (\(reason)) — declare "
                + "<\(kind.rawValue) id=\"…\" name=\"…\"> at the top of the document and name it in \(attribute)",
            at: location, element: element)
    }
}
