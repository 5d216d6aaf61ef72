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
        let node = process[element.node]
        if case .process = node.behavior { return "processDefinition" }
        return ExecutableNode.camundaActivityType(node)
    }
}
