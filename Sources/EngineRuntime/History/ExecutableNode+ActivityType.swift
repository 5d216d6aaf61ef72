import EngineCore

extension ExecutableNode {
    /// Camunda's activity type string for a node (`org.camunda.bpm.engine.ActivityTypes`); the process itself is
    /// `process` (history's name; the runtime activity-instance tree calls its root `processDefinition`).
    public static func camundaActivityType(_ node: ExecutableNode) -> String {
        switch node.behavior {
        case .process: return "process"
        case .startEvent(let trigger, _):
            switch trigger {
            case .timer: return "startTimerEvent"
            case .message: return "messageStartEvent"
            case .signal: return "signalStartEvent"
            case .error: return "errorStartEvent"
            case .escalation: return "escalationStartEvent"
            case .none, .link, .terminate: return "startEvent"
            }
        case .endEvent(let trigger, _):
            switch trigger {
            case .error: return "errorEndEvent"
            case .terminate: return "terminateEndEvent"
            case .message: return "messageEndEvent"
            case .signal: return "signalEndEvent"
            case .escalation: return "escalationEndEvent"
            case .none, .timer, .link: return "noneEndEvent"
            }
        case .catchEvent(let trigger):
            switch trigger {
            case .timer: return "intermediateTimer"
            case .message: return "intermediateMessageCatch"
            case .signal: return "intermediateSignalCatch"
            case .link: return "intermediateLinkCatch"
            case .none, .error, .escalation, .terminate: return "intermediateCatchEvent"
            }
        case .throwEvent(let trigger, _):
            switch trigger {
            case .message: return "intermediateMessageThrowEvent"
            case .signal: return "intermediateSignalThrow"
            case .escalation: return "intermediateEscalationThrowEvent"
            case .none: return "intermediateNoneThrowEvent"
            case .timer, .error, .link, .terminate: return "intermediateThrowEvent"
            }
        case .boundaryEvent(let trigger, _, _):
            switch trigger {
            case .timer: return "boundaryTimer"
            case .message: return "boundaryMessage"
            case .signal: return "boundarySignal"
            case .error: return "boundaryError"
            case .escalation: return "boundaryEscalation"
            case .none, .link, .terminate: return "boundaryEvent"
            }
        case .eventSubProcess: return "subProcess"
        case .passThrough, .userTask, .externalTask, .expressionTask, .connectorTask, .receiveTask, .subProcess,
            .callActivity, .exclusiveGateway, .parallelGateway, .inclusiveGateway, .eventBasedGateway:
            // The BPMN element name is Camunda's type for tasks, sub-processes and gateways (`serviceTask`,
            // `sendTask`, `businessRuleTask`, `manualTask`, `task`, …).
            return node.elementName
        }
    }
}
