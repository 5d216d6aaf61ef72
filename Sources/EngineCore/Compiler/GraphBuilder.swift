import BPMN
import Expressions

/// Builds one `ExecutableProcess`: numbers the nodes and flows, resolves references, and collects diagnostics.
struct GraphBuilder {
    let definitions: Definitions
    let process: Process
    var diagnostics: [Diagnostic] = []

    /// Flow nodes in index order (index 0, the process, has no flow node).
    private(set) var modelNodes: [FlowNode?] = [nil]
    /// The scope (container index) of each node.
    private(set) var scopes: [NodeIndex?] = [nil]
    private(set) var indexByID: [ElementID: NodeIndex] = [:]
    private var modelFlows: [(flow: SequenceFlow, scope: NodeIndex)] = []

    init(definitions: Definitions, process: Process) {
        self.definitions = definitions
        self.process = process
    }

    mutating func build() -> ExecutableProcess {
        collect(process.elements, scope: .process)
        var flows: [ExecutableFlow] = []
        var outgoing: [[FlowIndex]] = Array(repeating: [], count: modelNodes.count)
        var incoming: [[FlowIndex]] = Array(repeating: [], count: modelNodes.count)
        var defaultFlows: [FlowIndex?] = Array(repeating: nil, count: modelNodes.count)
        for (flow, _) in modelFlows {
            guard let sourceID = flow.sourceRef, let targetID = flow.targetRef,
                let source = indexByID[sourceID], let target = indexByID[targetID]
            else { continue }  // the validator reports dangling flows
            let index = FlowIndex(flows.count)
            let isDefault = modelNodes[source.rawValue]?.defaultFlow == flow.id
            var condition: CompiledExpression?
            if let expression = flow.conditionExpression, !isDefault || !expression.body.isEmpty {
                condition = conditionExpression(expression, flowID: flow.id, location: flow.location)
            }
            flows.append(
                ExecutableFlow(id: flow.id, source: source, target: target, condition: condition, isDefault: isDefault))
            outgoing[source.rawValue].append(index)
            incoming[target.rawValue].append(index)
            if isDefault { defaultFlows[source.rawValue] = index }
        }
        var boundaries: [[NodeIndex]] = Array(repeating: [], count: modelNodes.count)
        var startEvents: [[NodeIndex]] = Array(repeating: [], count: modelNodes.count)
        var noneStarts: [NodeIndex?] = Array(repeating: nil, count: modelNodes.count)
        var eventSubProcesses: [[NodeIndex]] = Array(repeating: [], count: modelNodes.count)
        for index in 1..<modelNodes.count {
            guard let node = modelNodes[index], let scope = scopes[index] else { continue }
            switch node.kind {
            case .boundaryEvent(let event):
                if let attached = event.attachedTo, let target = indexByID[attached] {
                    boundaries[target.rawValue].append(NodeIndex(index))
                }
            case .startEvent(let event):
                startEvents[scope.rawValue].append(NodeIndex(index))
                if event.eventDefinitions.isEmpty, noneStarts[scope.rawValue] == nil {
                    noneStarts[scope.rawValue] = NodeIndex(index)
                }
            case .subProcess(let sub) where sub.triggeredByEvent:
                eventSubProcesses[scope.rawValue].append(NodeIndex(index))
            default:
                break
            }
        }
        var nodes: [ExecutableNode] = []
        nodes.reserveCapacity(modelNodes.count)
        nodes.append(
            ExecutableNode(
                id: process.id, name: process.name, elementName: "process", behavior: .process, scope: nil,
                outgoing: [], incoming: [], defaultFlow: nil, boundaryEvents: [], noneStartEvent: noneStarts[0],
                startEvents: startEvents[0], eventSubProcesses: eventSubProcesses[0], multiInstance: nil, inputs: [],
                outputs: []))
        for index in 1..<modelNodes.count {
            guard let node = modelNodes[index] else { continue }
            let camunda = node.extensions.camunda
            nodes.append(
                ExecutableNode(
                    id: node.id, name: node.name, elementName: node.elementName, behavior: behavior(of: node),
                    scope: scopes[index], outgoing: outgoing[index], incoming: incoming[index],
                    defaultFlow: defaultFlows[index], boundaryEvents: boundaries[index],
                    noneStartEvent: noneStarts[index], startEvents: startEvents[index],
                    eventSubProcesses: eventSubProcesses[index], multiInstance: multiInstance(of: node),
                    inputs: mappings(camunda?.inputParameters ?? [], zeebe: node.extensions.zeebe?.inputs ?? [], node),
                    outputs: mappings(
                        camunda?.outputParameters ?? [], zeebe: node.extensions.zeebe?.outputs ?? [], node),
                    takesEveryFlow: outgoing[index].allSatisfy {
                        flows[$0.rawValue].condition == nil && !flows[$0.rawValue].isDefault
                    }, failedJobRetryTimeCycle: camunda?.failedJobRetryTimeCycle,
                    asyncBefore: camunda?.asyncBefore == true, asyncAfter: camunda?.asyncAfter == true))
        }
        return ExecutableProcess(id: process.id, name: process.name, nodes: nodes, flows: flows)
    }

    private mutating func collect(_ elements: FlowElements, scope: NodeIndex) {
        for flow in elements.sequenceFlows { modelFlows.append((flow, scope)) }
        for node in elements.flowNodes {
            let index = NodeIndex(modelNodes.count)
            modelNodes.append(node)
            scopes.append(scope)
            indexByID[node.id] = index
            if let sub = node.kind.subProcess { collect(sub.elements, scope: index) }
        }
    }

    mutating func report(_ message: String, _ rule: DiagnosticRule, at location: SourceLocation, element: ElementID?) {
        diagnostics.append(Diagnostic(.error, rule, message, at: location, element: element))
    }
}
