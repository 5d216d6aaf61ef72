import BPMN
import Expressions

/// A flow node ready to run: what it does, where it sits, and where its flows go.
///
/// A final class: the interpreter reads nodes on every step, and a reference is cheaper to hand around than a
/// struct of a dozen reference-counted fields.
public final class ExecutableNode: Sendable {
    /// The element id.
    public let id: ElementID
    /// The element name.
    public let name: String?
    /// The BPMN element name (`userTask`, `endEvent`, …).
    public let elementName: String
    /// What the node does when a token reaches it.
    public let behavior: NodeBehavior
    /// The container the node sits in (the process or a sub-process); nil only for the process itself.
    public let scope: NodeIndex?
    /// Outgoing sequence flows, in document order.
    public let outgoing: [FlowIndex]
    /// Incoming sequence flows, in document order.
    public let incoming: [FlowIndex]
    /// The default outgoing flow.
    public let defaultFlow: FlowIndex?
    /// Boundary events attached to this activity, in document order.
    public let boundaryEvents: [NodeIndex]
    /// Containers only: the none start event a token enters at.
    public let noneStartEvent: NodeIndex?
    /// Containers only: start events of every kind directly inside, in document order.
    public let startEvents: [NodeIndex]
    /// Containers only: the event sub-processes directly inside.
    public let eventSubProcesses: [NodeIndex]
    /// Activities only: multi-instance characteristics.
    public let multiInstance: MultiInstanceSpec?
    /// Input mappings evaluated when the node is entered (local variables of the node).
    public let inputs: [VariableMapping]
    /// Output mappings evaluated when the node is left (set in the enclosing scope).
    public let outputs: [VariableMapping]

    /// Whether a token arriving here must wait for others (a parallel or inclusive gateway with several incoming
    /// flows).
    public let isJoin: Bool
    /// Whether the node opens a scope for child element instances.
    public let isContainer: Bool
    /// Whether every outgoing flow is taken without a choice (no conditions, no default).
    public let takesEveryFlow: Bool
    /// `camunda:failedJobRetryTimeCycle`: how the runtime retries this element's failing jobs.
    public let failedJobRetryTimeCycle: String?
    /// `camunda:asyncBefore`: the element starts in a job of its own, after the transaction that reached it.
    public let asyncBefore: Bool
    /// `camunda:asyncAfter`: the element is left in a job of its own, after the transaction that completed it.
    public let asyncAfter: Bool

    init(
        id: ElementID, name: String?, elementName: String, behavior: NodeBehavior, scope: NodeIndex?,
        outgoing: [FlowIndex], incoming: [FlowIndex], defaultFlow: FlowIndex?, boundaryEvents: [NodeIndex],
        noneStartEvent: NodeIndex?, startEvents: [NodeIndex], eventSubProcesses: [NodeIndex],
        multiInstance: MultiInstanceSpec?, inputs: [VariableMapping], outputs: [VariableMapping],
        takesEveryFlow: Bool = true, failedJobRetryTimeCycle: String? = nil, asyncBefore: Bool = false,
        asyncAfter: Bool = false
    ) {
        self.asyncBefore = asyncBefore
        self.asyncAfter = asyncAfter
        self.takesEveryFlow = takesEveryFlow
        self.failedJobRetryTimeCycle = failedJobRetryTimeCycle
        self.id = id
        self.name = name
        self.elementName = elementName
        self.behavior = behavior
        self.scope = scope
        self.outgoing = outgoing
        self.incoming = incoming
        self.defaultFlow = defaultFlow
        self.boundaryEvents = boundaryEvents
        self.noneStartEvent = noneStartEvent
        self.startEvents = startEvents
        self.eventSubProcesses = eventSubProcesses
        self.multiInstance = multiInstance
        self.inputs = inputs
        self.outputs = outputs
        switch behavior {
        case .parallelGateway, .inclusiveGateway:
            isJoin = incoming.count > 1
            isContainer = false
        case .process, .subProcess, .eventSubProcess:
            isJoin = false
            isContainer = true
        case .startEvent, .endEvent, .catchEvent, .throwEvent, .boundaryEvent, .passThrough, .userTask, .externalTask,
            .expressionTask, .connectorTask, .receiveTask, .callActivity, .exclusiveGateway, .eventBasedGateway:
            isJoin = false
            isContainer = false
        }
    }
}

/// What a node does. One case per behaviour, dispatched by exhaustive switches.
public enum NodeBehavior: Sendable {
    /// The process itself (the root scope).
    case process
    /// A start event; `interrupting` matters in event sub-processes.
    case startEvent(EventTrigger, interrupting: Bool)
    /// An end event and its result.
    case endEvent(EventTrigger, external: ExternalTaskSpec?)
    /// An intermediate catch event.
    case catchEvent(EventTrigger)
    /// An intermediate throw event.
    case throwEvent(EventTrigger, external: ExternalTaskSpec?)
    /// A boundary event on `attachedTo`.
    case boundaryEvent(EventTrigger, attachedTo: NodeIndex, interrupting: Bool)
    /// `task` and `manualTask`: nothing to do, the token passes.
    case passThrough
    /// A user task: waits for a person.
    case userTask(UserTaskSpec)
    /// A service, send or business-rule task served by an external worker: waits for completion.
    case externalTask(ExternalTaskSpec)
    /// A script task (FEEL/JUEL) or a `camunda:expression` service task: evaluates and passes.
    case expressionTask(CompiledExpression, resultVariable: String?)
    /// A service task calling the HTTP connector: waits for the runtime to report the call's outcome.
    case connectorTask(ConnectorSpec)
    /// A receive task: waits for its message (or a completion).
    case receiveTask(MessageSpec?)
    /// An embedded sub-process.
    case subProcess
    /// An event sub-process, started only by its start event's trigger.
    case eventSubProcess
    /// A call activity: the runtime starts the called process; the activity waits for it.
    case callActivity(CallActivitySpec)
    /// An exclusive gateway.
    case exclusiveGateway
    /// A parallel gateway.
    case parallelGateway
    /// An inclusive gateway.
    case inclusiveGateway
    /// An event-based gateway: waits for the first of its following events.
    case eventBasedGateway

    /// Whether a token waits at this node for something outside the instance (a person, a worker, a message, a
    /// timer, the called process).
    public var isWaitState: Bool {
        switch self {
        case .userTask, .externalTask, .connectorTask, .receiveTask, .callActivity, .eventBasedGateway: true
        case .catchEvent(let trigger): trigger.waits
        case .endEvent(_, let external), .throwEvent(_, let external): external != nil
        case .process, .startEvent, .boundaryEvent, .passThrough, .expressionTask, .subProcess, .eventSubProcess,
            .exclusiveGateway, .parallelGateway, .inclusiveGateway:
            false
        }
    }
}

/// The trigger (catching) or result (throwing) of an event.
public enum EventTrigger: Sendable {
    /// No definition.
    case none
    /// A message, by name.
    case message(MessageSpec)
    /// A timer.
    case timer(TimerSpec)
    /// A signal, by name.
    case signal(CompiledExpression)
    /// A BPMN error; a nil code catches every error.
    case error(ErrorSpec)
    /// An escalation; a nil code catches every escalation.
    case escalation(EscalationSpec)
    /// A link, by name.
    case link(String)
    /// Terminate (end events only).
    case terminate

    /// Whether a catch event with this trigger waits.
    var waits: Bool {
        switch self {
        case .message, .timer, .signal: true
        case .none, .error, .escalation, .link, .terminate: false
        }
    }
}
