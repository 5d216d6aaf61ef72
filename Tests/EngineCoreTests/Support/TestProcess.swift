import BPMN
import EngineCore
import Expressions
import Testing

/// Builds executable processes from inline BPMN for behaviour tests, and renders events as short lines.
enum TestProcess {
    static let header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test" id="d">
        """

    /// Compiles `<process id="p" isExecutable="true">BODY</process>` plus optional root elements.
    static func compile(_ body: String, roots: String = "") throws -> ExecutableProcess {
        let xml = header + roots + "<process id=\"p\" isExecutable=\"true\">" + body + "</process></definitions>"
        let parsed = try BPMNParser().parse(xml)
        let output = ProcessCompiler().compile(parsed.definitions)
        let errors = output.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        return try #require(output.processes["p"])
    }

    /// The compiler's diagnostics for a process body.
    static func diagnostics(_ body: String, roots: String = "") throws -> [Diagnostic] {
        let xml = header + roots + "<process id=\"p\" isExecutable=\"true\">" + body + "</process></definitions>"
        return ProcessCompiler().compile(try BPMNParser().parse(xml).definitions).diagnostics
    }

    /// 2026-01-01T00:00:00Z.
    static let clock = DateTime(epochMilliseconds: 1_767_225_600_000, offsetSeconds: 0)

    /// One line per event, element ids instead of indices, e.g. `activated task`, `completed task`, `flow f1`.
    static func lines(_ events: [InstanceEvent], _ process: ExecutableProcess) -> [String] {
        events.map { line($0, process) }
    }

    static func line(_ event: InstanceEvent, _ process: ExecutableProcess) -> String {
        func id(_ node: NodeIndex) -> String { process[node].id.rawValue }
        switch event {
        case .instanceCreated: return "created"
        case .elementActivated(_, let node, _, let role):
            switch role {
            case .plain: return "activated \(id(node))"
            case .multiInstanceBody: return "activated \(id(node)) body"
            case .multiInstanceInner(let counter): return "activated \(id(node)) #\(counter)"
            }
        case .elementCompleted(_, let node): return "completed \(id(node))"
        case .elementTerminated(_, let node): return "terminated \(id(node))"
        case .flowTaken(let flow, _): return "flow \(process[flow].id.rawValue)"
        case .joinFired(let node, _, let consumed): return "join \(id(node)) \(consumed.count)"
        case .joinDiscarded(let node, _): return "join discarded \(id(node))"
        case .multiInstanceStarted(_, let total, _): return "multi-instance \(total)"
        case .variableCreated(_, let name, let value): return "variable \(name) = \(text(value))"
        case .variableUpdated(_, let name, _, let value): return "variable \(name) := \(text(value))"
        case .variableDeleted(_, let name, _): return "variable \(name) deleted"
        case .userTaskCreated(let key, let details):
            return "user task \(key)" + (details.assignee.map { " assignee \($0)" } ?? "")
                + (details.candidateGroups.isEmpty ? "" : " groups \(details.candidateGroups.joined(separator: ","))")
        case .userTaskChanged(let key, let change, let details):
            return "user task \(key) \(change.name)" + (details.assignee.map { " assignee \($0)" } ?? "")
        case .externalTaskCreated(_, let details): return "external task \(details.topic)"
        case .connectorInvoked(_, let connector, _): return "connector \(connector)"
        case .calledProcessRequested(_, let called): return "call \(called.processID)"
        case .subscriptionOpened(_, let subscription):
            switch subscription.trigger {
            case .message(let name, _): return "subscribe message \(name) at \(id(subscription.catcher))"
            case .signal(let name): return "subscribe signal \(name) at \(id(subscription.catcher))"
            case .timer(let due, let fired): return "timer \(due.epochMilliseconds) #\(fired) at \(id(subscription.catcher))"
            }
        case .asyncContinuationScheduled(_, let point): return "async \(point.rawValue) scheduled"
        case .asyncContinued(_, let point): return "async \(point.rawValue) continued"
        case .subscriptionClosed: return "unsubscribe"
        case .timerFired: return "timer fired"
        case .messageCorrelated(_, let name, _): return "message \(name)"
        case .signalReceived(_, let name): return "signal received \(name)"
        case .signalThrown(let name): return "signal thrown \(name)"
        case .errorThrown(_, let code, _, let caughtBy):
            return "error \(code) " + (caughtBy.map { "caught by \(id($0))" } ?? "uncaught")
        case .escalationThrown(_, let code, let caughtBy):
            return "escalation \(code) " + (caughtBy.map { "caught by \(id($0))" } ?? "uncaught")
        case .incidentRaised(_, let incident): return "incident \(incident.kind.rawValue) at \(id(incident.node))"
        case .incidentResolved: return "incident resolved"
        }
    }

    static func text(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .integer(let number): "\(number)"
        case .decimal(let number): "\(number)"
        case .string(let text): "'\(text)'"
        case .list(let items): "[" + items.map(text).joined(separator: ",") + "]"
        case .map(let entries): "{" + entries.keys.sorted().map { "\($0):\(text(entries[$0] ?? .null))" }.joined(separator: ",") + "}"
        case .dateTime(let date): date.iso8601
        case .duration(let duration): duration.iso8601
        }
    }
}

/// Drives one instance through commands, keeping state and every event, checking replay after each step.
struct Driver {
    let process: ExecutableProcess
    var state = InstanceState()
    var events: [InstanceEvent] = []
    var effects: [Effect] = []
    var now = TestProcess.clock

    init(_ process: ExecutableProcess) { self.process = process }

    /// Applies a command and returns the lines of the events it produced.
    @discardableResult
    mutating func run(_ command: Command) throws -> [String] {
        let result = try EngineCore.step(process, state, command, StepContext(now: now)).get()
        state = result.state
        events += result.events
        effects = result.effects
        #expect(EngineCore.replay(events, in: process) == state, "replaying the events must rebuild the state")
        expectHistoryRebuilds(events, state, in: process)
        return TestProcess.lines(result.events, process)
    }

    @discardableResult
    mutating func start(_ variables: [String: Value] = [:], at startEvent: ElementID? = nil) throws -> [String] {
        try run(.start(variables: variables, businessKey: nil, startEvent: startEvent))
    }

    /// The key of the first live instance of an element.
    func key(_ id: ElementID) throws -> ElementInstanceKey {
        let instances = state.elements.values.filter { process[$0.node].id == id && $0.role != .multiInstanceBody }
        return try #require(instances.min { $0.key < $1.key }?.key, "no live instance of \(id)")
    }

    @discardableResult
    mutating func complete(_ id: ElementID, _ variables: [String: Value] = [:]) throws -> [String] {
        try run(.complete(try key(id), variables: variables, localVariables: [:]))
    }

    /// The subscription keys of open timers, by due time.
    var timers: [SubscriptionKey] {
        state.subscriptions.compactMap { key, subscription -> (DateTime, SubscriptionKey)? in
            if case .timer(let due, _) = subscription.trigger { return (due, key) }
            return nil
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.1)
    }

    /// Element ids with live instances (no bodies), sorted.
    var live: [String] {
        state.elements.values.filter { $0.node != .process && $0.role != .multiInstanceBody }
            .map { process[$0.node].id.rawValue }.sorted()
    }
}

/// Checks that history alone rebuilds an instance: every event, written as its history record and read back
/// from the record's stored JSON text, is the same event, and folding the read-back events gives `state`.
func expectHistoryRebuilds(
    _ events: [InstanceEvent], _ state: InstanceState, in process: ExecutableProcess,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    var records: [HistoryRecord] = []
    for event in events {
        var record = event.historyRecord(in: process)
        record.payload = Value(jsonText: record.payload.jsonText) ?? .null
        records.append(record)
        do {
            let decoded = try InstanceEvent(historyRecord: record, in: process)
            #expect(
                decoded == event, "history record \(record.type) reads back differently", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }
    #expect(
        (try? EngineCore.rebuild(fromHistory: records, in: process)) == state,
        "the state rebuilt from history differs", sourceLocation: sourceLocation)
}
