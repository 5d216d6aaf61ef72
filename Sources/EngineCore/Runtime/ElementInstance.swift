/// One live element instance: a token at a flow node, or a scope (the process instance, a sub-process, a
/// multi-instance body) that holds child instances and local variables.
public struct ElementInstance: Sendable, Hashable {
    /// Its key.
    public let key: ElementInstanceKey
    /// The flow node.
    public let node: NodeIndex
    /// The scope instance it belongs to; nil for the process instance.
    public let parent: ElementInstanceKey?
    /// A plain instance, a multi-instance body, or one instance inside a body.
    public let role: InstanceRole
    /// How many child element instances are live.
    public internal(set) var childCount: Int = 0
    /// Whether local variables were ever created on it.
    public internal(set) var hasVariables = false
}

/// Whether an element instance is plain or part of a multi-instance activity.
public enum InstanceRole: Sendable, Hashable {
    /// A plain instance.
    case plain
    /// The body of a multi-instance activity (boundary events attach here).
    case multiInstanceBody
    /// One instance inside a body, with its `loopCounter` (0-based).
    case multiInstanceInner(loopCounter: Int)
}

/// The progress of a multi-instance body.
public struct MultiInstanceProgress: Sendable, Hashable {
    /// How many instances in all.
    public internal(set) var total: Int
    /// The collection being iterated, when there is one.
    public internal(set) var items: [Expressions.Value]?
    /// How many instances have been started.
    public internal(set) var started: Int = 0
    /// How many instances have completed.
    public internal(set) var completed: Int = 0
}

import Expressions
