import BPMN
import Expressions

/// The dense index of a flow node in an `ExecutableProcess` (0 is the process itself).
public struct NodeIndex: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The position in `ExecutableProcess.nodes`.
    public var rawValue: Int
    /// Creates an index.
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    /// The process itself: the root scope.
    public static let process = NodeIndex(0)
    /// Orders by position.
    public static func < (lhs: NodeIndex, rhs: NodeIndex) -> Bool { lhs.rawValue < rhs.rawValue }
    /// `#N`.
    public var description: String { "#\(rawValue)" }
}

/// The dense index of a sequence flow in an `ExecutableProcess`.
public struct FlowIndex: Sendable, Hashable, Codable, Comparable {
    /// The position in `ExecutableProcess.flows`.
    public var rawValue: Int
    /// Creates an index.
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    /// Orders by position.
    public static func < (lhs: FlowIndex, rhs: FlowIndex) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A process compiled for execution: flow nodes and sequence flows in dense arrays with resolved references,
/// pre-parsed expressions, boundary events attached to their activities and containers knowing their scopes.
///
/// Immutable once built, so one instance is shared by every process instance of a definition.
public final class ExecutableProcess: Sendable {
    /// The process id (the definition key).
    public let id: ElementID
    /// The process name.
    public let name: String?
    /// Every flow node; index 0 is the process itself.
    public let nodes: [ExecutableNode]
    /// Every sequence flow.
    public let flows: [ExecutableFlow]
    /// Node index by element id.
    public let nodeIndexByID: [ElementID: NodeIndex]
    /// Flow index by element id.
    public let flowIndexByID: [ElementID: FlowIndex]
    /// For each node, the nodes reachable from it through flows and boundary events within its scope (used by the
    /// inclusive join to know which tokens can still arrive).
    let reachable: [NodeSet]

    init(
        id: ElementID, name: String?, nodes: [ExecutableNode], flows: [ExecutableFlow]
    ) {
        self.id = id
        self.name = name
        self.nodes = nodes
        self.flows = flows.map { flow in
            var flow = flow
            flow.targetIsJoin = nodes[flow.target.rawValue].isJoin
            return flow
        }
        var byID: [ElementID: NodeIndex] = [:]
        for (index, node) in nodes.enumerated() { byID[node.id] = NodeIndex(index) }
        nodeIndexByID = byID
        var flowByID: [ElementID: FlowIndex] = [:]
        for (index, flow) in flows.enumerated() { flowByID[flow.id] = FlowIndex(index) }
        flowIndexByID = flowByID
        reachable = ExecutableProcess.reachability(nodes: nodes, flows: flows)
    }

    /// The node at an index.
    public subscript(node: NodeIndex) -> ExecutableNode { nodes[node.rawValue] }

    /// The flow at an index.
    public subscript(flow: FlowIndex) -> ExecutableFlow { flows[flow.rawValue] }

    /// Whether a token at `from` can still reach `to` (through flows, and boundary events of activities on the way).
    func canReach(from: NodeIndex, to: NodeIndex) -> Bool { reachable[from.rawValue].contains(to.rawValue) }

    private static func reachability(nodes: [ExecutableNode], flows: [ExecutableFlow]) -> [NodeSet] {
        var direct: [[Int]] = Array(repeating: [], count: nodes.count)
        for (index, node) in nodes.enumerated() {
            for flow in node.outgoing { direct[index].append(flows[flow.rawValue].target.rawValue) }
            for boundary in node.boundaryEvents { direct[index].append(boundary.rawValue) }
            // A link throw jumps to the link catch events with its name in the same scope.
            if case .throwEvent(.link(let name), _) = node.behavior {
                for (target, candidate) in nodes.enumerated() where candidate.scope == node.scope {
                    if case .catchEvent(.link(let caught)) = candidate.behavior, caught == name {
                        direct[index].append(target)
                    }
                }
            }
        }
        var result: [NodeSet] = []
        result.reserveCapacity(nodes.count)
        for start in nodes.indices {
            var seen = NodeSet(count: nodes.count)
            var stack = direct[start]
            while let next = stack.popLast() {
                if seen.contains(next) { continue }
                seen.insert(next)
                stack.append(contentsOf: direct[next])
            }
            result.append(seen)
        }
        return result
    }
}

/// A fixed-size bit set of node indices.
struct NodeSet: Sendable, Hashable {
    private var words: [UInt64]

    init(count: Int) { words = Array(repeating: 0, count: (count + 63) / 64) }

    func contains(_ index: Int) -> Bool { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }

    mutating func insert(_ index: Int) { words[index >> 6] |= 1 << UInt64(index & 63) }
}
