import EngineCore

/// `GET /process-instance/{id}/activity-instances` (contract §2.4): the tree of live element instances from the
/// instance's snapshot. Ids follow the history API (`<activityId>:<processInstanceId>:<key>`); the root is the
/// process instance itself with Camunda's `activityId` = the definition id and type `processDefinition`.
/// Elements waiting for an asynchronous continuation before they start are transition instances.
struct ActivityInstanceTree {
    let instanceID: String
    let definitionID: String
    let process: ExecutableProcess
    let state: InstanceState
    /// Open incident ids by element instance key.
    let incidents: [Int: [String]]

    var json: JSON {
        let rootKey = state.rootKey
        let incidentIDs = rootKey.map { incidents[$0.rawValue] ?? [] } ?? []
        return .object([
            ("id", .string(instanceID)), ("parentActivityInstanceId", .null), ("activityId", .string(definitionID)),
            ("activityType", .string("processDefinition")), ("processInstanceId", .string(instanceID)),
            ("processDefinitionId", .string(definitionID)),
            ("childActivityInstances", .array(rootKey.map { children(of: $0, parentID: instanceID) } ?? [])),
            ("childTransitionInstances", .array(rootKey.map { transitions(of: $0, parentID: instanceID) } ?? [])),
            ("executionIds", .array([.string(instanceID)])),
            ("activityName", .string(process.name ?? process.id.rawValue)),
            ("incidentIds", .array(incidentIDs.map { .string($0) })),
            ("incidents", .array(incidentIDs.map { incidentJSON($0, activityID: definitionID) })),
            ("name", .string(process.name ?? process.id.rawValue)),
        ])
    }

    private func activityID(_ element: ElementInstance) -> String {
        let id = process[element.node].id.rawValue
        if case .multiInstanceBody = element.role { return id + "#multiInstanceBody" }
        return id
    }

    private func instanceID(_ element: ElementInstance) -> String {
        "\(activityID(element)):\(instanceID):\(element.key.rawValue)"
    }

    private func isTransition(_ element: ElementInstance) -> Bool {
        state.asyncPoints[element.key] == .waitingBefore
    }

    private func children(of key: ElementInstanceKey, parentID: String) -> [JSON] {
        state.children(of: key).filter { !isTransition($0) }.map { element in
            let id = instanceID(element)
            let node = process[element.node]
            let ids = incidents[element.key.rawValue] ?? []
            return .object([
                ("id", .string(id)), ("parentActivityInstanceId", .string(parentID)),
                ("activityId", .string(activityID(element))), ("activityType", .string(type(element))),
                ("processInstanceId", .string(instanceID)), ("processDefinitionId", .string(definitionID)),
                ("childActivityInstances", .array(children(of: element.key, parentID: id))),
                ("childTransitionInstances", .array(transitions(of: element.key, parentID: id))),
                ("executionIds", .array([.string(id)])), ("activityName", .string(node.name)),
                ("incidentIds", .array(ids.map { .string($0) })),
                ("incidents", .array(ids.map { incidentJSON($0, activityID: activityID(element)) })),
                ("name", .string(node.name)),
            ])
        }
    }

    private func transitions(of key: ElementInstanceKey, parentID: String) -> [JSON] {
        state.children(of: key).filter(isTransition).map { element in
            let id = instanceID(element)
            let ids = incidents[element.key.rawValue] ?? []
            return .object([
                ("id", .string(id)), ("parentActivityInstanceId", .string(parentID)),
                ("processInstanceId", .string(instanceID)), ("processDefinitionId", .string(definitionID)),
                ("activityId", .string(activityID(element))), ("activityName", .string(process[element.node].name)),
                ("activityType", .string(type(element))), ("executionId", .string(id)),
                ("targetActivityId", .string(activityID(element))),
                ("incidentIds", .array(ids.map { .string($0) })),
                ("incidents", .array(ids.map { incidentJSON($0, activityID: activityID(element)) })),
            ])
        }
    }

    private func incidentJSON(_ id: String, activityID: String) -> JSON {
        .object([("id", .string(id)), ("activityId", .string(activityID))])
    }

    private func type(_ element: ElementInstance) -> String {
        if case .multiInstanceBody = element.role { return "multiInstanceBody" }
        return Self.activityType(process[element.node])
    }

    /// Camunda's activity type string for a node (`org.camunda.bpm.engine.ActivityTypes`).
    static func activityType(_ node: ExecutableNode) -> String {
        switch node.behavior {
        case .process: return "processDefinition"
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
            return node.elementName
        }
    }
}
