/// `missing-start-event` (error): an executable process has no start event, directly in the process, that can
/// start it — a none, timer, message, signal or conditional start event. Start events of event sub-processes and of
/// embedded sub-processes do not count: they start those containers, not the process.
struct MissingStartEventRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (processIndex, process) in index.definitions.processes.enumerated()
        where index.isExecutable(process: processIndex) {
            var others: [String] = []
            var canStart = false
            for nodeIndex in index.containers[index.processContainers[processIndex]].nodes {
                guard case .startEvent(let event) = index.nodes[nodeIndex].node.kind else { continue }
                if Self.canStartProcess(event) {
                    canStart = true
                    break
                }
                others.append(index.describe(node: nodeIndex))
            }
            guard !canStart else { continue }
            let why = others.isEmpty
                ? "it has no start event"
                : "its start events (\(others.joined(separator: ", "))) only start event sub-processes"
            found.append(Diagnostic(
                .error, .missingStartEvent,
                "executable process '\(process.id)' cannot be started: \(why); add a none, timer, message, signal "
                    + "or conditional start event directly in the process (start events inside sub-processes do "
                    + "not count), or set isExecutable=\"false\" if it is not meant to run",
                at: process.location, element: process.id.reportable))
        }
        return found
    }

    /// Whether a top-level start event with these definitions can start a process instance.
    static func canStartProcess(_ event: StartEvent) -> Bool {
        event.eventDefinitions.allSatisfy { definition in
            switch definition.kind {
            case .message, .timer, .signal, .conditional: true
            case .error, .escalation, .compensate, .link, .cancel, .terminate: false
            }
        }
    }
}
