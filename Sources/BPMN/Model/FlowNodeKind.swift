/// One case per BPMN 2.0 flow-node element, each carrying that element's own data.
public enum FlowNodeKind: Sendable, Hashable, Codable {
    // Events
    /// `startEvent`.
    case startEvent(StartEvent)
    /// `endEvent`.
    case endEvent(EndEvent)
    /// `intermediateCatchEvent`.
    case intermediateCatchEvent(CatchEvent)
    /// `intermediateThrowEvent`.
    case intermediateThrowEvent(ThrowEvent)
    /// `boundaryEvent`.
    case boundaryEvent(BoundaryEvent)
    // Tasks
    /// `task` (abstract: does nothing).
    case task
    /// `userTask`.
    case userTask(UserTask)
    /// `serviceTask`.
    case serviceTask(ServiceTask)
    /// `sendTask`.
    case sendTask(SendTask)
    /// `receiveTask`.
    case receiveTask(ReceiveTask)
    /// `scriptTask`.
    case scriptTask(ScriptTask)
    /// `businessRuleTask`.
    case businessRuleTask(BusinessRuleTask)
    /// `manualTask`.
    case manualTask
    // Containers
    /// `subProcess` (also event sub-processes, `triggeredByEvent="true"`).
    case subProcess(SubProcess)
    /// `transaction`: a sub-process with transactional semantics.
    case transaction(SubProcess)
    /// `adHocSubProcess`.
    case adHocSubProcess(SubProcess)
    /// `callActivity`.
    case callActivity(CallActivity)
    // Gateways
    /// `exclusiveGateway`.
    case exclusiveGateway
    /// `inclusiveGateway`.
    case inclusiveGateway
    /// `parallelGateway`.
    case parallelGateway
    /// `complexGateway`.
    case complexGateway(ComplexGateway)
    /// `eventBasedGateway`.
    case eventBasedGateway(EventBasedGateway)

    /// The BPMN element name of this kind.
    public var elementName: String {
        switch self {
        case .startEvent: "startEvent"
        case .endEvent: "endEvent"
        case .intermediateCatchEvent: "intermediateCatchEvent"
        case .intermediateThrowEvent: "intermediateThrowEvent"
        case .boundaryEvent: "boundaryEvent"
        case .task: "task"
        case .userTask: "userTask"
        case .serviceTask: "serviceTask"
        case .sendTask: "sendTask"
        case .receiveTask: "receiveTask"
        case .scriptTask: "scriptTask"
        case .businessRuleTask: "businessRuleTask"
        case .manualTask: "manualTask"
        case .subProcess: "subProcess"
        case .transaction: "transaction"
        case .adHocSubProcess: "adHocSubProcess"
        case .callActivity: "callActivity"
        case .exclusiveGateway: "exclusiveGateway"
        case .inclusiveGateway: "inclusiveGateway"
        case .parallelGateway: "parallelGateway"
        case .complexGateway: "complexGateway"
        case .eventBasedGateway: "eventBasedGateway"
        }
    }

    /// Every flow-node element name, in the order of the cases.
    public static let elementNames: [String] = [
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent", "task",
        "userTask", "serviceTask", "sendTask", "receiveTask", "scriptTask", "businessRuleTask", "manualTask",
        "subProcess", "transaction", "adHocSubProcess", "callActivity", "exclusiveGateway", "inclusiveGateway",
        "parallelGateway", "complexGateway", "eventBasedGateway",
    ]

    /// Whether the node is an activity (a task, sub-process or call activity), i.e. may carry boundary events.
    public var isActivity: Bool {
        switch self {
        case .task, .userTask, .serviceTask, .sendTask, .receiveTask, .scriptTask, .businessRuleTask, .manualTask,
            .subProcess, .transaction, .adHocSubProcess, .callActivity:
            true
        case .startEvent, .endEvent, .intermediateCatchEvent, .intermediateThrowEvent, .boundaryEvent,
            .exclusiveGateway, .inclusiveGateway, .parallelGateway, .complexGateway, .eventBasedGateway:
            false
        }
    }

    /// Whether the node is a gateway.
    public var isGateway: Bool {
        switch self {
        case .exclusiveGateway, .inclusiveGateway, .parallelGateway, .complexGateway, .eventBasedGateway: true
        case .startEvent, .endEvent, .intermediateCatchEvent, .intermediateThrowEvent, .boundaryEvent, .task,
            .userTask, .serviceTask, .sendTask, .receiveTask, .scriptTask, .businessRuleTask, .manualTask,
            .subProcess, .transaction, .adHocSubProcess, .callActivity:
            false
        }
    }

    /// The event definitions of an event node (empty for other nodes and for none events).
    public var eventDefinitions: [EventDefinition] {
        switch self {
        case .startEvent(let event): event.eventDefinitions
        case .endEvent(let event): event.eventDefinitions
        case .intermediateCatchEvent(let event): event.eventDefinitions
        case .intermediateThrowEvent(let event): event.eventDefinitions
        case .boundaryEvent(let event): event.eventDefinitions
        case .task, .userTask, .serviceTask, .sendTask, .receiveTask, .scriptTask, .businessRuleTask, .manualTask,
            .subProcess, .transaction, .adHocSubProcess, .callActivity, .exclusiveGateway, .inclusiveGateway,
            .parallelGateway, .complexGateway, .eventBasedGateway:
            []
        }
    }

    /// The nested elements of a sub-process, transaction or ad-hoc sub-process.
    public var subProcess: SubProcess? {
        switch self {
        case .subProcess(let container), .transaction(let container), .adHocSubProcess(let container): container
        case .startEvent, .endEvent, .intermediateCatchEvent, .intermediateThrowEvent, .boundaryEvent, .task,
            .userTask, .serviceTask, .sendTask, .receiveTask, .scriptTask, .businessRuleTask, .manualTask,
            .callActivity, .exclusiveGateway, .inclusiveGateway, .parallelGateway, .complexGateway,
            .eventBasedGateway:
            nil
        }
    }
}
