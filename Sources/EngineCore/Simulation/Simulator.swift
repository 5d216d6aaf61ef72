import BPMN
import Expressions

/// Runs one process instance in memory with a simulated clock: what `baton simulate` and the scenario tests use.
///
/// Steps name elements by id; the simulator finds the waiting element instance. Effects are not executed: signals
/// thrown by the instance reach it inside the step already, timers fire when the clock is advanced past them, and
/// call activities and external tasks wait for a `complete` step.
public struct Simulator: Sendable {
    /// The process being run.
    public let process: ExecutableProcess
    /// The instance state.
    public private(set) var state = InstanceState()
    /// Every event so far.
    public private(set) var events: [InstanceEvent] = []
    /// Every effect so far.
    public private(set) var effects: [Effect] = []
    /// The simulated clock.
    public private(set) var now: DateTime

    /// Creates a simulator with its clock at `start`.
    public init(process: ExecutableProcess, start: DateTime) {
        self.process = process
        now = start
    }

    /// Starts the instance.
    public mutating func start(
        variables: [String: Value] = [:], businessKey: String? = nil, startEvent: ElementID? = nil
    ) throws(SimulationError) {
        try run(.start(variables: variables, businessKey: businessKey, startEvent: startEvent))
    }

    /// Completes the first waiting instance of a task.
    public mutating func complete(_ elementID: ElementID, variables: [String: Value] = [:]) throws(SimulationError) {
        let key = try waitingInstance(of: elementID)
        try run(.complete(key, variables: variables, localVariables: [:]))
    }

    /// Throws a BPMN error from the first waiting instance of a task.
    public mutating func throwError(
        _ elementID: ElementID, code: String, message: String? = nil, variables: [String: Value] = [:]
    ) throws(SimulationError) {
        let key = try waitingInstance(of: elementID)
        try run(.throwError(key, code: code, message: message, variables: variables))
    }

    /// Correlates a message.
    public mutating func correlate(
        _ name: String, correlationKey: String? = nil, variables: [String: Value] = [:]
    ) throws(SimulationError) {
        try run(.correlateMessage(name: name, correlationKey: correlationKey, variables: variables))
    }

    /// Broadcasts a signal.
    public mutating func signal(_ name: String, variables: [String: Value] = [:]) throws(SimulationError) {
        try run(.broadcastSignal(name: name, variables: variables))
    }

    /// Moves the clock forward, firing every timer due by the new time in order of due time (the clock reads each
    /// timer's due time while it fires).
    public mutating func advanceTime(by duration: ISODuration) throws(SimulationError) {
        let target = duration.added(to: now)
        while true {
            let due = state.subscriptions.compactMap { key, subscription -> (DateTime, SubscriptionKey)? in
                guard case .timer(let at, _) = subscription.trigger, at <= target else { return nil }
                return (at, key)
            }.min { ($0.0, $0.1) < ($1.0, $1.1) }
            guard let (at, key) = due else { break }
            if at > now { now = at }
            try run(.fireTimer(key))
        }
        now = target
    }

    /// The ids of the elements where tokens wait, one entry per waiting token, in creation order.
    public var waitingAt: [ElementID] { waitingInstances.map { process[$0.node].id } }

    /// Every flow node completion in order (the process itself excluded).
    public var completed: [ElementID] {
        events.compactMap { event in
            guard case .elementCompleted(_, let node) = event, node != .process else { return nil }
            return process[node].id
        }
    }

    /// `completed`, `active`, `incident` (while any incident is open) or `terminated`.
    public var status: String {
        if !state.incidents.isEmpty { return "incident" }
        return state.status.rawValue
    }

    /// Open incidents: the element id and the message.
    public var incidents: [(elementID: ElementID, message: String)] {
        state.incidents.sorted { $0.key < $1.key }.map { (process[$0.value.node].id, $0.value.message) }
    }

    private var waitingInstances: [ElementInstance] {
        state.elements.values.filter { element in
            element.role != .multiInstanceBody && process[element.node].behavior.isWaitState
                && !state.hasIncident(element.key)
        }.sorted { $0.key < $1.key }
    }

    private func waitingInstance(of elementID: ElementID) throws(SimulationError) -> ElementInstanceKey {
        guard process.nodeIndexByID[elementID] != nil else {
            throw SimulationError(kind: .unknownElement, message: "process '\(process.id.rawValue)' has no element '\(elementID.rawValue)'")
        }
        guard let element = waitingInstances.first(where: { process[$0.node].id == elementID }) else {
            let waiting = waitingAt.map(\.rawValue)
            throw SimulationError(
                kind: .notWaiting,
                "'\(elementID.rawValue)' is not waiting; waiting: "
                    + (waiting.isEmpty ? "nothing (the instance is \(status))" : waiting.joined(separator: ", ")))
        }
        return element.key
    }

    private mutating func run(_ command: Command) throws(SimulationError) {
        switch EngineCore.step(process, state, command, StepContext(now: now)) {
        case .success(let result):
            state = result.state
            events += result.events
            effects += result.effects
            // Asynchronous continuations run at once in a simulation (the runtime runs them as jobs).
            if let (key, _) = state.asyncPoints.filter({ $0.value == .waitingBefore || $0.value == .waitingAfter })
                .min(by: { $0.key < $1.key })
            {
                try run(.continueAsync(key))
            }
        case .failure(let rejection):
            let waiting = waitingAt.map(\.rawValue)
            throw SimulationError(
                kind: .rejected,
                "\(rejection.message); waiting: "
                    + (waiting.isEmpty ? "nothing (the instance is \(status))" : waiting.joined(separator: ", ")))
        }
    }
}

/// A simulation step that could not be applied.
public struct SimulationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The category.
    public enum Kind: Sendable, Hashable {
        /// The step names an element the process does not have.
        case unknownElement
        /// The step names an element that is not waiting.
        case notWaiting
        /// The engine refused the command (no subscription for a message, …).
        case rejected
    }

    /// The category.
    public var kind: Kind
    /// What and why, and what is waiting instead.
    public var message: String

    init(kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
