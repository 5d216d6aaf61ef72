import EngineRuntime
import Expressions

/// The JSON shapes of the history entities, in Camunda's field order with explicit nulls (contract §2.9). Fields
/// Baton has no counterpart for (case instances, removal times, batches) are null.
enum HistoryDTO {
    static func processInstance(_ p: HistoricProcessInstance) -> JSON {
        .object([
            ("id", .string(p.id)), ("businessKey", .string(p.businessKey)),
            ("processDefinitionId", .string(p.processDefinitionID)),
            ("processDefinitionKey", .string(p.processDefinitionKey)),
            ("processDefinitionName", .string(p.processDefinitionName)),
            ("processDefinitionVersion", .int(p.processDefinitionVersion)),
            ("startTime", CamundaDate.json(p.startTime)), ("endTime", CamundaDate.json(p.endTime)),
            ("removalTime", .null), ("durationInMillis", millis(p.durationInMillis)),
            ("startUserId", .string(p.startUserID)), ("startActivityId", .string(p.startActivityID)),
            ("deleteReason", .string(p.deleteReason)), ("rootProcessInstanceId", .string(p.rootProcessInstanceID)),
            ("superProcessInstanceId", .string(p.superProcessInstanceID)), ("superCaseInstanceId", .null),
            ("caseInstanceId", .null), ("tenantId", .string(p.tenantID)), ("state", .string(p.state)),
            ("restartedProcessInstanceId", .null),
        ])
    }

    static func activityInstance(_ a: HistoricActivityInstance) -> JSON {
        .object([
            ("id", .string(a.id)), ("parentActivityInstanceId", .string(a.parentActivityInstanceID)),
            ("activityId", .string(a.activityID)), ("activityName", .string(a.activityName)),
            ("activityType", .string(a.activityType)), ("processDefinitionKey", .string(a.processDefinitionKey)),
            ("processDefinitionId", .string(a.processDefinitionID)),
            ("processInstanceId", .string(a.processInstanceID)),
            ("executionId", .string(a.processInstanceID)), ("taskId", .string(a.taskID)),
            ("calledProcessInstanceId", .string(a.calledProcessInstanceID)), ("calledCaseInstanceId", .null),
            ("assignee", .string(a.assignee)), ("startTime", CamundaDate.json(a.startTime)),
            ("endTime", CamundaDate.json(a.endTime)), ("durationInMillis", millis(a.durationInMillis)),
            ("canceled", .bool(a.canceled)), ("completeScope", .bool(a.completeScope)),
            ("tenantId", .string(a.tenantID)),
            ("removalTime", .null), ("rootProcessInstanceId", .string(a.rootProcessInstanceID)),
        ])
    }

    static func task(_ t: HistoricTask) -> JSON {
        .object([
            ("id", .string(t.id)), ("processDefinitionKey", .string(t.processDefinitionKey)),
            ("processDefinitionId", .string(t.processDefinitionID)),
            ("processInstanceId", .string(t.processInstanceID)),
            ("executionId", .string(t.processInstanceID)), ("caseDefinitionKey", .null), ("caseDefinitionId", .null),
            ("caseInstanceId", .null), ("caseExecutionId", .null),
            ("activityInstanceId", .string(t.activityInstanceID)),
            ("name", .string(t.name)), ("description", .string(t.description)),
            ("deleteReason", .string(t.deleteReason)),
            ("owner", .string(t.owner)), ("assignee", .string(t.assignee)),
            ("startTime", CamundaDate.json(t.startTime)),
            ("endTime", CamundaDate.json(t.endTime)), ("duration", millis(t.duration)),
            ("taskDefinitionKey", .string(t.taskDefinitionKey)), ("priority", .int(t.priority)),
            ("due", CamundaDate.json(t.due)), ("parentTaskId", .string(t.parentTaskID)),
            ("followUp", CamundaDate.json(t.followUp)), ("tenantId", .string(t.tenantID)), ("removalTime", .null),
            ("rootProcessInstanceId", .string(t.rootProcessInstanceID)), ("taskState", .string(t.taskState)),
        ])
    }

    static func variableInstance(_ v: HistoricVariableInstance, deserialize: Bool) -> JSON {
        var pairs: [(String, JSON)] = [("id", .string(v.id)), ("name", .string(v.name))]
        pairs += typedValue(v.value, deserialize: deserialize)
        pairs += [
            ("processDefinitionKey", .string(v.processDefinitionKey)),
            ("processDefinitionId", .string(v.processDefinitionID)),
            ("processInstanceId", .string(v.processInstanceID)),
            ("executionId", .string(v.processInstanceID)), ("activityInstanceId", .string(v.activityInstanceID)),
            ("caseDefinitionKey", .null), ("caseDefinitionId", .null), ("caseInstanceId", .null),
            ("caseExecutionId", .null), ("taskId", .string(v.taskID)), ("tenantId", .string(v.tenantID)),
            ("errorMessage", .null), ("state", .string(v.state)), ("createTime", CamundaDate.json(v.createTime)),
            ("removalTime", .null), ("rootProcessInstanceId", .string(v.rootProcessInstanceID)),
        ]
        return .object(pairs)
    }

    static func detail(_ d: HistoricVariableUpdate, deserialize: Bool) -> JSON {
        var pairs: [(String, JSON)] = [
            ("type", .string("variableUpdate")), ("id", .string(d.id)),
            ("processDefinitionKey", .string(d.processDefinitionKey)),
            ("processDefinitionId", .string(d.processDefinitionID)),
            ("processInstanceId", .string(d.processInstanceID)),
            ("activityInstanceId", .string(d.activityInstanceID)), ("executionId", .string(d.processInstanceID)),
            ("caseDefinitionKey", .null), ("caseDefinitionId", .null), ("caseInstanceId", .null),
            ("caseExecutionId", .null), ("taskId", .string(d.taskID)), ("tenantId", .string(d.tenantID)),
            ("userOperationId", .null), ("time", CamundaDate.json(d.time)), ("removalTime", .null),
            ("rootProcessInstanceId", .string(d.rootProcessInstanceID)), ("variableName", .string(d.variableName)),
            ("variableInstanceId", .string(d.variableInstanceID)),
        ]
        let typed = typedValue(d.value, deserialize: deserialize)
        pairs.append(("variableType", typed.first { $0.0 == "type" }?.1 ?? .string(d.variableType)))
        pairs += typed.filter { $0.0 != "type" }
        pairs += [("initial", .bool(d.initial)), ("revision", .int(d.revision)), ("errorMessage", .null)]
        return .object(pairs)
    }

    static func incident(_ i: HistoricIncident) -> JSON {
        .object([
            ("id", .string(i.id)), ("processDefinitionKey", .string(i.processDefinitionKey)),
            ("processDefinitionId", .string(i.processDefinitionID)),
            ("processInstanceId", .string(i.processInstanceID)),
            ("executionId", .string(i.processInstanceID)), ("rootProcessInstanceId", .string(i.rootProcessInstanceID)),
            ("createTime", CamundaDate.json(i.createTime)), ("endTime", CamundaDate.json(i.endTime)),
            ("removalTime", .null), ("incidentType", .string(i.incidentType)), ("activityId", .string(i.activityID)),
            ("failedActivityId", .string(i.failedActivityID)), ("causeIncidentId", .string(i.causeIncidentID)),
            ("rootCauseIncidentId", .string(i.rootCauseIncidentID)), ("configuration", .string(i.configuration)),
            ("historyConfiguration", .string(i.configuration)), ("incidentMessage", .string(i.incidentMessage)),
            ("tenantId", .string(i.tenantID)), ("jobDefinitionId", .null), ("open", .bool(i.open)),
            ("deleted", .bool(i.deleted)), ("resolved", .bool(i.resolved)),
            ("annotation", .string(i.annotation)),
        ])
    }

    static func jobLog(_ j: HistoricJobLog) -> JSON {
        .object([
            ("id", .string(j.id)), ("timestamp", CamundaDate.json(j.timestamp)), ("removalTime", .null),
            ("jobId", .string(j.jobID)), ("jobDueDate", CamundaDate.json(j.jobDueDate)),
            ("jobRetries", .int(j.jobRetries)),
            ("jobPriority", .int(j.jobPriority)), ("jobExceptionMessage", .string(j.jobExceptionMessage)),
            ("jobDefinitionId", .null), ("jobDefinitionType", .string(j.jobDefinitionType)),
            ("jobDefinitionConfiguration", .string(j.jobDefinitionConfiguration)),
            ("activityId", .string(j.activityID)),
            ("failedActivityId", .string(j.failedActivityID)), ("executionId", .string(j.processInstanceID)),
            ("processInstanceId", .string(j.processInstanceID)),
            ("processDefinitionId", .string(j.processDefinitionID)),
            ("processDefinitionKey", .string(j.processDefinitionKey)), ("deploymentId", .string(j.deploymentID)),
            ("rootProcessInstanceId", .string(j.rootProcessInstanceID)), ("tenantId", .string(j.tenantID)),
            ("hostname", .null), ("batchId", .null), ("creationLog", .bool(j.creationLog)),
            ("failureLog", .bool(j.failureLog)), ("successLog", .bool(j.successLog)),
            ("deletionLog", .bool(j.deletionLog)),
        ])
    }

    static func externalTaskLog(_ e: HistoricExternalTaskLog) -> JSON {
        .object([
            ("id", .string(e.id)), ("timestamp", CamundaDate.json(e.timestamp)), ("removalTime", .null),
            ("externalTaskId", .string(e.externalTaskID)), ("topicName", .string(e.topicName)),
            ("workerId", .string(e.workerID)), ("priority", .int(e.priority)), ("retries", .int(e.retries)),
            ("errorMessage", .string(e.errorMessage)), ("activityId", .string(e.activityID)),
            ("activityInstanceId", .string(e.activityInstanceID)), ("executionId", .string(e.processInstanceID)),
            ("processInstanceId", .string(e.processInstanceID)),
            ("processDefinitionId", .string(e.processDefinitionID)),
            ("processDefinitionKey", .string(e.processDefinitionKey)), ("tenantId", .string(e.tenantID)),
            ("rootProcessInstanceId", .string(e.rootProcessInstanceID)), ("creationLog", .bool(e.creationLog)),
            ("failureLog", .bool(e.failureLog)), ("successLog", .bool(e.successLog)),
            ("deletionLog", .bool(e.deletionLog)),
        ])
    }

    static func userOperation(_ u: UserOperationLogEntry) -> JSON {
        .object([
            ("id", .string(u.id)), ("deploymentId", .string(u.deploymentID)),
            ("processDefinitionId", .string(u.processDefinitionID)),
            ("processDefinitionKey", .string(u.processDefinitionKey)),
            ("processInstanceId", .string(u.processInstanceID)),
            ("executionId", .string(u.processInstanceID)), ("caseDefinitionId", .null), ("caseInstanceId", .null),
            ("caseExecutionId", .null), ("taskId", .string(u.taskID)), ("jobId", .null), ("jobDefinitionId", .null),
            ("batchId", .null), ("userId", .string(u.userID)), ("timestamp", CamundaDate.json(u.timestamp)),
            ("operationId", .string(u.operationID)), ("externalTaskId", .string(u.externalTaskID)),
            ("operationType", .string(u.operationType)), ("entityType", .string(u.entityType)),
            ("property", .string(u.property)), ("orgValue", .string(u.orgValue)), ("newValue", .string(u.newValue)),
            ("removalTime", .null), ("rootProcessInstanceId", .string(u.rootProcessInstanceID)),
            ("category", .string(u.category)), ("annotation", .string(u.annotation)),
        ])
    }

    static func identityLink(_ l: HistoricIdentityLinkLog) -> JSON {
        .object([
            ("id", .string(l.id)), ("time", CamundaDate.json(l.time)), ("type", .string(l.type)),
            ("userId", .string(l.userID)), ("groupId", .string(l.groupID)), ("taskId", .string(l.taskID)),
            ("processDefinitionId", .string(l.processDefinitionID)),
            ("processDefinitionKey", .string(l.processDefinitionKey)), ("operationType", .string(l.operationType)),
            ("assignerId", .string(l.assignerID)), ("tenantId", .string(l.tenantID)), ("removalTime", .null),
            ("rootProcessInstanceId", .string(l.rootProcessInstanceID)),
        ])
    }

    /// `type`, `value`, `valueInfo` of a variable value (the variable DTO of §1.5).
    static func typedValue(_ value: Value, deserialize: Bool) -> [(String, JSON)] {
        let dto = VariableCodec.dto(value, deserialize: deserialize)
        return ["type", "value", "valueInfo"].map { key in (key, dto[key] ?? .null) }
    }

    private static func millis(_ value: Int64?) -> JSON { value.map { .int($0) } ?? .null }
}
