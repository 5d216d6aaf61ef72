import Expressions

/// Everything the core knows about one process instance. It changes only by applying events, so it can be rebuilt
/// from history alone.
public struct InstanceState: Sendable, Hashable {
    /// Where the instance is in its life.
    public enum Status: String, Sendable, Hashable, Codable {
        /// No start command yet.
        case notStarted
        /// Running (possibly waiting, possibly with incidents).
        case active
        /// Ended normally.
        case completed
        /// Cancelled.
        case terminated
    }

    /// Where the instance is in its life.
    public internal(set) var status: Status = .notStarted
    /// The key of the process instance's own element instance.
    public internal(set) var rootKey: ElementInstanceKey?
    /// The business key.
    public internal(set) var businessKey: String?
    /// The start event the instance was started at.
    public internal(set) var startEvent: NodeIndex?
    /// Live element instances.
    public internal(set) var elements: [ElementInstanceKey: ElementInstance] = [:]
    /// Variables by scope instance.
    public internal(set) var variables: [ElementInstanceKey: [String: Value]] = [:]
    /// Tokens waiting at joining gateways: per (scope instance, gateway), the count per incoming flow.
    public internal(set) var joinArrivals: [JoinPoint: [FlowIndex: Int]] = [:]
    /// The progress of multi-instance bodies (kept apart so element instances stay plain values).
    public internal(set) var loops: [ElementInstanceKey: MultiInstanceProgress] = [:]
    /// Where elements with asynchronous continuations are.
    public internal(set) var asyncPoints: [ElementInstanceKey: AsyncState] = [:]
    /// Open subscriptions.
    public internal(set) var subscriptions: [SubscriptionKey: Subscription] = [:]
    /// Open incidents.
    public internal(set) var incidents: [IncidentKey: Incident] = [:]
    /// Open user tasks.
    public internal(set) var userTasks: [ElementInstanceKey: UserTaskDetails] = [:]
    /// Open external tasks.
    public internal(set) var externalTasks: [ElementInstanceKey: ExternalTaskDetails] = [:]
    /// The next key to hand out.
    public internal(set) var nextKey = 1

    /// A state before the start command.
    public init() {}

    /// The process-scope variables.
    public var processVariables: [String: Value] {
        guard let rootKey else { return [:] }
        return variables[rootKey] ?? [:]
    }

    /// Whether the element instance has an open incident.
    public func hasIncident(_ key: ElementInstanceKey) -> Bool {
        incidents.values.contains { $0.element == key }
    }

    /// The live child instances of a scope, in creation order.
    public func children(of key: ElementInstanceKey) -> [ElementInstance] {
        elements.values.filter { $0.parent == key }.sorted { $0.key < $1.key }
    }

    /// The open subscriptions owned by an element instance, in creation order.
    public func subscriptions(ownedBy key: ElementInstanceKey) -> [(SubscriptionKey, Subscription)] {
        subscriptions.filter { $0.value.owner == key }.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }
    }

    /// The value of a variable as seen from a scope: the nearest scope on the chain that has it.
    public func variable(_ name: String, from scope: ElementInstanceKey) -> Value? {
        var current: ElementInstanceKey? = scope
        while let key = current {
            if let value = variables[key]?[name] { return value }
            current = elements[key]?.parent
        }
        return nil
    }
}

/// A joining gateway within one scope instance.
public struct JoinPoint: Sendable, Hashable {
    /// The scope instance.
    public var scope: ElementInstanceKey
    /// The gateway.
    public var gateway: NodeIndex
}

/// Before or after an element.
public enum AsyncPoint: String, Sendable, Hashable, Codable {
    /// `camunda:asyncBefore`.
    case before
    /// `camunda:asyncAfter`.
    case after
}

/// Where an element with asynchronous continuations stands.
public enum AsyncState: String, Sendable, Hashable, Codable {
    /// Waiting for the continuation before its start.
    case waitingBefore
    /// Started after its continuation.
    case passedBefore
    /// Waiting for the continuation after its end.
    case waitingAfter
    /// Leaving after its continuation.
    case passedAfter
}
