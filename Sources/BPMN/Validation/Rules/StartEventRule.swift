/// `missing-start-event` (error, executable processes only): start events Camunda 7 refuses at deploy, beyond a
/// process without any (`MissingStartEventRule`):
///
/// - a process with more than one none or timer start event ("multiple none start events or timer start events not
///   supported on process definition"; any number of message, signal and conditional start events is fine);
/// - an embedded sub-process or transaction without a start event ("subProcess must define a startEvent element"),
///   with more than one none start event, or with a start event that has a trigger (only event sub-processes have
///   those);
/// - an event sub-process without a start event, with more than one, or with a none start event.
///
/// Ad-hoc sub-processes have no start events.
struct StartEventRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for container in index.containers where index.isExecutable(process: container.process) {
            let starts = container.nodes.filter { node in
                if case .startEvent = index.nodes[node].node.kind { return true }
                return false
            }
            guard let owner = container.subProcessNode else {
                found += process(starts, index)
                continue
            }
            switch index.nodes[owner].node.kind {
            case .subProcess(let inner) where inner.triggeredByEvent:
                found += eventSubProcess(owner, starts, index)
            case .subProcess, .transaction:
                found += embedded(owner, starts, index)
            case .adHocSubProcess, .startEvent, .endEvent, .intermediateCatchEvent, .intermediateThrowEvent,
                .boundaryEvent, .task, .userTask, .serviceTask, .sendTask, .receiveTask, .scriptTask,
                .businessRuleTask, .manualTask, .callActivity, .exclusiveGateway, .inclusiveGateway, .parallelGateway,
                .complexGateway, .eventBasedGateway:
                continue
            }
        }
        return found
    }

    private func process(_ starts: [Int], _ index: ModelIndex) -> [Diagnostic] {
        let initial = starts.filter { start in
            let definitions = index.nodes[start].node.kind.eventDefinitions
            return definitions.isEmpty || definitions.contains { definition in
                if case .timer = definition.kind { return true }
                return false
            }
        }
        return extras(initial, index) { first in
            "is another none or timer start event of \(Self.where(first, index)), after "
                + "\(index.describe(node: first)); Camunda 7 starts a process at one none or timer start event "
                + "(\"multiple none start events or timer start events not supported on process definition\") — "
                + "keep one, and give the others a message or signal event definition"
        }
    }

    private func embedded(_ owner: Int, _ starts: [Int], _ index: ModelIndex) -> [Diagnostic] {
        guard !starts.isEmpty else {
            return [diagnostic(
                owner,
                "has no start event; Camunda 7 requires one in every embedded sub-process (\"subProcess must define "
                    + "a startEvent element\") — add a none start event and connect it to the first element inside",
                index)]
        }
        var found: [Diagnostic] = []
        var none: [Int] = []
        for start in starts {
            guard let definition = index.nodes[start].node.kind.eventDefinitions.first else {
                none.append(start)
                continue
            }
            found.append(diagnostic(
                start,
                "in \(index.describe(node: owner)) has a \(definition.elementName), but only event sub-processes "
                    + "have start events with a trigger — remove the event definition, or set "
                    + "triggeredByEvent=\"true\" on the sub-process to make it an event sub-process",
                index))
        }
        return found + extras(none, index) { first in
            "is another none start event of \(Self.where(first, index)), after \(index.describe(node: first)); an "
                + "embedded sub-process starts at exactly one start event (Camunda 7: \"multiple start events not "
                + "supported for subprocess\") — keep one"
        }
    }

    private func eventSubProcess(_ owner: Int, _ starts: [Int], _ index: ModelIndex) -> [Diagnostic] {
        guard !starts.isEmpty else {
            return [diagnostic(
                owner,
                "is an event sub-process without a start event; its start event's trigger (message, timer, signal, "
                    + "error, escalation, conditional or compensation) says when it runs — add exactly one",
                index)]
        }
        let untriggered = starts.filter { index.nodes[$0].node.kind.eventDefinitions.isEmpty }
        return untriggered.map { start in
            diagnostic(
                start,
                "of \(Self.eventSubProcessName(owner, index)) has no event definition; an event sub-process "
                    + "starts only when its trigger occurs — add a message, timer, signal, error, escalation or "
                    + "conditional event definition",
                index)
        } + extras(starts, index) { first in
            "is another start event of \(Self.eventSubProcessName(owner, index)), after "
                + "\(index.describe(node: first)); an event sub-process has exactly one start event (Camunda 7: "
                + "\"multiple start events not supported for subprocess\") — move it into an event sub-process of "
                + "its own"
        }
    }

    /// One diagnostic on each start event after the first, with `problem(first)`.
    private func extras(_ starts: [Int], _ index: ModelIndex, _ problem: (Int) -> String) -> [Diagnostic] {
        guard let first = starts.first else { return [] }
        return starts.dropFirst().map { diagnostic($0, problem(first), index) }
    }

    private func diagnostic(_ nodeIndex: Int, _ problem: String, _ index: ModelIndex) -> Diagnostic {
        Diagnostic(
            .error, .missingStartEvent, "\(index.describe(node: nodeIndex)) " + problem,
            at: index.nodes[nodeIndex].node.location, element: index.elementID(node: nodeIndex))
    }

    /// `event sub-process 'id'`.
    private static func eventSubProcessName(_ owner: Int, _ index: ModelIndex) -> String {
        let id = index.nodes[owner].node.id
        return id.rawValue.isEmpty ? "an event sub-process without an id" : "event sub-process '\(id)'"
    }

    /// `process 'p'` or `subProcess 'sub'`: the container of the node at `nodeIndex`.
    private static func `where`(_ nodeIndex: Int, _ index: ModelIndex) -> String {
        index.describe(container: index.nodes[nodeIndex].container)
    }
}
