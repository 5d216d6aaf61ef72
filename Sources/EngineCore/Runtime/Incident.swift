/// A problem that stops a token until someone resolves it: the dead-letter entry of the interpreter.
public struct Incident: Sendable, Hashable {
    /// The element instance that is stuck.
    public let element: ElementInstanceKey
    /// Its node.
    public let node: NodeIndex
    /// What kind of problem.
    public let kind: IncidentKind
    /// A message for people: what failed, where, and why.
    public let message: String
    /// What resolving the incident retries.
    public let retry: RetryPoint
}

/// The kinds of incident the core raises.
public enum IncidentKind: String, Sendable, Hashable, Codable {
    /// An expression could not be evaluated (unknown variable, wrong type, …).
    case expressionFailed
    /// No outgoing flow of a gateway or activity could be taken.
    case noFlowSelected
    /// A BPMN error was thrown that nothing catches.
    case unhandledError
    /// A timer value evaluated to something that is not a valid timer.
    case invalidTimer
    /// Too many steps without reaching a wait state (an endless loop in the model).
    case stepLimitExceeded
    /// A job (timer, asynchronous continuation, connector call) failed and has no retries left.
    case failedJob
    /// An external task failed and its worker set its retries to 0.
    case failedExternalTask
}

/// Where execution resumes when an incident is resolved.
public enum RetryPoint: Sendable, Hashable {
    /// Run the element's behaviour again (inputs, assignment, script, …).
    case execute
    /// Leave the element again (outputs, flow conditions).
    case complete
    /// Check the joining gateways of the scope again (their check was cut off by the step limit).
    case checkJoins
    /// Nothing to retry: resolving only acknowledges (the token keeps waiting where it is, or an end event ends).
    case acknowledge
}
