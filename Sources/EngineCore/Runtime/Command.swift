import BPMN
import Expressions

/// What can happen to a process instance from outside. Each is applied by `EngineCore.step`.
public enum Command: Sendable, Hashable {
    /// Start the instance: at `startEvent` (an id) or at the process's none start event.
    case start(variables: [String: Value], businessKey: String?, startEvent: ElementID?)
    /// Complete a waiting task (user, external, receive, call activity, connector) with variables
    /// (set like `setVariable`: where they exist, else on the process) and local variables.
    case complete(ElementInstanceKey, variables: [String: Value], localVariables: [String: Value])
    /// A waiting task reports a BPMN error (a worker's `handleBpmnError`).
    case throwError(ElementInstanceKey, code: String, message: String?, variables: [String: Value])
    /// A waiting task reports an escalation.
    case throwEscalation(ElementInstanceKey, code: String, variables: [String: Value])
    /// A timer is due.
    case fireTimer(SubscriptionKey)
    /// A message arrives for this instance.
    case correlateMessage(name: String, correlationKey: String?, variables: [String: Value])
    /// A signal is broadcast.
    case broadcastSignal(name: String, variables: [String: Value])
    /// Cancel the whole instance.
    case cancel
    /// Set variables on a scope (nil: the process instance); `local` creates them on that scope itself.
    case setVariables(scope: ElementInstanceKey?, variables: [String: Value], local: Bool)
    /// Run an element's asynchronous continuation (the job made for `scheduleContinuation`).
    case continueAsync(ElementInstanceKey)
    /// Resolve an incident and retry what failed.
    case resolveIncident(IncidentKey)
    /// Record a failure the runtime saw (a job or external task out of retries) as an incident on a waiting element;
    /// resolving it only acknowledges (the runtime re-runs the work when retries are set again).
    case raiseIncident(ElementInstanceKey, kind: IncidentKind, message: String)
    /// A connector call of a waiting connector task finished: its output parameters are evaluated against the
    /// response variables (`response`, `statusCode`, `headers`, …) and set in the task's scope; then it completes.
    case completeConnector(ElementInstanceKey, response: [String: Value])
    /// Delete variables as seen from a scope (nil: the process instance): `local` deletes them on that scope only;
    /// otherwise each is deleted on the nearest scope up the chain that has it. Names nobody has are ignored.
    case deleteVariables(scope: ElementInstanceKey?, names: [String], local: Bool)
}

/// Why a command was not applied. Nothing changed.
public struct CommandRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The category.
    public enum Reason: String, Sendable, Hashable {
        /// The instance is not in a state that allows the command (not started, already ended, …).
        case invalidState
        /// The element instance, subscription or incident does not exist (any more).
        case notFound
        /// The element instance exists but is not waiting for this command.
        case notWaiting
        /// No subscription waits for the message.
        case noSubscription
        /// The command's input is invalid (unknown start event, …).
        case invalidArgument
    }

    /// The category.
    public var reason: Reason
    /// What and why.
    public var message: String

    /// Creates a rejection.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
