import Expressions

/// Something the runtime must do after the step's state and events are committed.
public enum Effect: Sendable, Hashable {
    /// Create a user task (task list entry) for the waiting element instance.
    case createUserTask(ElementInstanceKey, UserTaskDetails)
    /// Create an external task that workers fetch by topic.
    case createExternalTask(ElementInstanceKey, ExternalTaskDetails)
    /// Call the connector (e.g. HTTP) and report back with a completion or a BPMN error.
    case invokeConnector(ElementInstanceKey, connectorID: String, input: [String: Value])
    /// The user task, external task or connector call of this element instance is no longer wanted.
    case cancelWork(ElementInstanceKey)
    /// Start the called process of a call activity.
    case startCalledProcess(ElementInstanceKey, CalledProcess)
    /// Cancel the called process of a call activity that was interrupted.
    case cancelCalledProcess(ElementInstanceKey)
    /// Run `continueAsync` for this element in a job of its own (after commit).
    case scheduleContinuation(ElementInstanceKey, point: AsyncPoint)
    /// Fire `fireTimer` at this time.
    case scheduleTimer(SubscriptionKey, due: DateTime)
    /// The timer is no longer wanted.
    case cancelTimer(SubscriptionKey)
    /// Route messages with this name (and key) to this instance.
    case openMessageSubscription(SubscriptionKey, name: String, correlationKey: String?)
    /// Stop routing the message.
    case closeMessageSubscription(SubscriptionKey)
    /// Route signals with this name to this instance.
    case openSignalSubscription(SubscriptionKey, name: String)
    /// Stop routing the signal.
    case closeSignalSubscription(SubscriptionKey)
    /// Deliver this signal to every other instance and signal start event.
    case broadcastSignal(name: String, variables: [String: Value])
    /// The instance ended (completed or terminated): tell a calling parent, clean up.
    case instanceEnded(completed: Bool, variables: [String: Value])
}
