extension NodeBehavior {
    /// Whether a `complete` command from outside (a person, a worker, the called process, the connector) finishes
    /// a token waiting here.
    var acceptsCompletion: Bool {
        switch self {
        case .userTask, .externalTask, .connectorTask, .receiveTask, .callActivity: true
        case .endEvent(_, let external), .throwEvent(_, let external): external != nil
        case .process, .startEvent, .catchEvent, .boundaryEvent, .passThrough, .expressionTask, .subProcess,
            .eventSubProcess, .exclusiveGateway, .parallelGateway, .inclusiveGateway, .eventBasedGateway:
            false
        }
    }

    /// Whether the node is an end or intermediate throw event (errors it throws are searched from its scope).
    var isThrowEvent: Bool {
        switch self {
        case .endEvent, .throwEvent: true
        case .process, .startEvent, .catchEvent, .boundaryEvent, .passThrough, .userTask, .externalTask,
            .expressionTask, .connectorTask, .receiveTask, .subProcess, .eventSubProcess, .callActivity,
            .exclusiveGateway, .parallelGateway, .inclusiveGateway, .eventBasedGateway:
            false
        }
    }

    /// For catching nodes, the trigger and whether catching interrupts (catch events always "interrupt": their
    /// token moves on).
    var catching: (trigger: EventTrigger, interrupting: Bool)? {
        switch self {
        case .boundaryEvent(let trigger, _, let interrupting), .startEvent(let trigger, let interrupting):
            (trigger, interrupting)
        case .catchEvent(let trigger):
            (trigger, true)
        case .process, .endEvent, .throwEvent, .passThrough, .userTask, .externalTask, .expressionTask,
            .connectorTask, .receiveTask, .subProcess, .eventSubProcess, .callActivity, .exclusiveGateway,
            .parallelGateway, .inclusiveGateway, .eventBasedGateway:
            nil
        }
    }

    /// What the runtime must withdraw when a token waiting here is terminated.
    func withdrawal(_ key: ElementInstanceKey) -> Effect? {
        switch self {
        case .userTask, .externalTask, .connectorTask: .cancelWork(key)
        case .endEvent(_, let external), .throwEvent(_, let external): external == nil ? nil : .cancelWork(key)
        case .callActivity: .cancelCalledProcess(key)
        case .process, .startEvent, .catchEvent, .boundaryEvent, .passThrough, .expressionTask, .receiveTask,
            .subProcess, .eventSubProcess, .exclusiveGateway, .parallelGateway, .inclusiveGateway, .eventBasedGateway:
            nil
        }
    }
}
