import Expressions

/// An open event subscription: something the instance waits for that will arrive from outside.
public struct Subscription: Sendable, Hashable {
    /// The element instance that owns it (the waiting event or task, the activity a boundary event is attached
    /// to, the scope an event sub-process lives in, or the event-based gateway).
    public let owner: ElementInstanceKey
    /// The node that catches: the catch event, receive task, boundary event, or event sub-process start event.
    public let catcher: NodeIndex
    /// What it waits for.
    public let trigger: SubscriptionTrigger
}

/// What a subscription waits for.
public enum SubscriptionTrigger: Sendable, Hashable {
    /// A message with this name (and correlation key, when the model gives one).
    case message(name: String, correlationKey: String?)
    /// A signal with this name.
    case signal(name: String)
    /// A timer due at `due`; `fired` counts earlier firings of the same cycle.
    case timer(due: DateTime, fired: Int)
}
