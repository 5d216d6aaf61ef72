import Expressions

/// A fact about a process instance, in the past tense. The state of an instance is exactly the fold of its events
/// (`InstanceState.apply`), so events are both the history and the way state changes.
public enum InstanceEvent: Sendable, Hashable {
    /// The process instance was created (its root element instance follows).
    case instanceCreated(ElementInstanceKey, businessKey: String?, startEvent: NodeIndex)
    /// An element instance came into being (a token arrived, a scope opened).
    case elementActivated(ElementInstanceKey, node: NodeIndex, parent: ElementInstanceKey?, role: InstanceRole)
    /// An element instance did its work and left.
    case elementCompleted(ElementInstanceKey, node: NodeIndex)
    /// An element instance was ended without completing (interrupted, cancelled, terminated).
    case elementTerminated(ElementInstanceKey, node: NodeIndex)
    /// A sequence flow was taken within a scope instance.
    case flowTaken(FlowIndex, scope: ElementInstanceKey)
    /// A joining gateway fired, consuming one token from each of these incoming flows.
    case joinFired(NodeIndex, scope: ElementInstanceKey, consumed: [FlowIndex])
    /// Tokens waiting at a joining gateway were discarded because the rest of their scope was ended.
    case joinDiscarded(NodeIndex, scope: ElementInstanceKey)
    /// A multi-instance body determined its instances.
    case multiInstanceStarted(ElementInstanceKey, total: Int, items: [Value]?)
    /// A variable was created in a scope.
    case variableCreated(scope: ElementInstanceKey, name: String, value: Value)
    /// A variable changed.
    case variableUpdated(scope: ElementInstanceKey, name: String, old: Value, new: Value)
    /// A variable was removed.
    case variableDeleted(scope: ElementInstanceKey, name: String, old: Value)
    /// A user task was created for a waiting element instance.
    case userTaskCreated(ElementInstanceKey, UserTaskDetails)
    /// An open user task was changed from outside (`change` says how); `details` are the task's details after it.
    case userTaskChanged(ElementInstanceKey, change: UserTaskChange, details: UserTaskDetails)
    /// An external task was created for a waiting element instance.
    case externalTaskCreated(ElementInstanceKey, ExternalTaskDetails)
    /// A connector call was requested for a waiting element instance.
    case connectorInvoked(ElementInstanceKey, connectorID: String, input: [String: Value])
    /// A call activity asked for its called process.
    case calledProcessRequested(ElementInstanceKey, CalledProcess)
    /// An element waits for an asynchronous continuation (`camunda:asyncBefore`/`asyncAfter`).
    case asyncContinuationScheduled(ElementInstanceKey, point: AsyncPoint)
    /// The asynchronous continuation ran.
    case asyncContinued(ElementInstanceKey, point: AsyncPoint)
    /// A subscription opened.
    case subscriptionOpened(SubscriptionKey, Subscription)
    /// A subscription closed (triggered for the last time, or its owner left).
    case subscriptionClosed(SubscriptionKey)
    /// A timer fired.
    case timerFired(SubscriptionKey)
    /// A message was correlated to a subscription.
    case messageCorrelated(SubscriptionKey, name: String, correlationKey: String?)
    /// A signal reached a subscription.
    case signalReceived(SubscriptionKey, name: String)
    /// A signal was thrown by this instance.
    case signalThrown(name: String)
    /// A BPMN error was thrown; `caughtBy` is the catching boundary or start event, nil when uncaught.
    case errorThrown(ElementInstanceKey, code: String, message: String?, caughtBy: NodeIndex?)
    /// An escalation was thrown; `caughtBy` is the catching event, nil when nothing catches it.
    case escalationThrown(ElementInstanceKey, code: String, caughtBy: NodeIndex?)
    /// An incident was raised.
    case incidentRaised(IncidentKey, Incident)
    /// An incident was resolved.
    case incidentResolved(IncidentKey)
}
