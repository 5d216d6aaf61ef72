import BPMN
import Expressions

/// A sequence flow with resolved ends and a pre-parsed condition.
public struct ExecutableFlow: Sendable {
    /// The flow's id.
    public let id: ElementID
    /// The source node.
    public let source: NodeIndex
    /// The target node.
    public let target: NodeIndex
    /// The condition, if the flow has one.
    public let condition: CompiledExpression?
    /// Whether this is the source's default flow.
    public let isDefault: Bool
    /// Whether the target is a joining gateway (a token arriving there waits for others).
    public internal(set) var targetIsJoin = false
}
