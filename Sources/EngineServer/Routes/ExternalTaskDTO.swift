import EngineRuntime
import Expressions

/// Camunda's external task DTOs: `LockedExternalTaskDto` (fetch-and-lock) and `ExternalTaskDto` (queries).
/// Baton has no separate executions: `executionId` is the process instance id; `activityInstanceId` is
/// `activityId:elementInstanceKey`.
enum ExternalTaskDTO {
    /// A fetched task with its variables (`deserialize`: Object values as native JSON, else as text).
    static func locked(
        _ task: LockedExternalTask, deserialize: Bool, extensionProperties: [String: String] = [:]
    ) -> JSON {
        .object([
            ("activityId", .string(task.activityID)),
            ("activityInstanceId", .string("\(task.activityID):\(task.elementInstanceKey)")),
            ("errorMessage", .string(task.errorMessage)),
            ("errorDetails", .string(task.errorDetails)),
            ("executionId", .string(task.processInstanceID)),
            ("id", .string(task.id)),
            ("lockExpirationTime", CamundaDate.json(task.lockExpirationTime)),
            ("createTime", CamundaDate.json(task.createTime)),
            ("processDefinitionId", .string(task.processDefinitionID)),
            ("processDefinitionKey", .string(task.processDefinitionKey)),
            ("processDefinitionVersionTag", .null),
            ("processInstanceId", .string(task.processInstanceID)),
            ("retries", .int(task.retries)),
            ("suspended", .bool(false)),
            ("workerId", .string(task.workerID)),
            ("topicName", .string(task.topicName)),
            ("tenantId", .null),
            ("variables", VariableCodec.dtoMap(task.variables, deserialize: deserialize)),
            ("priority", .int(Int64(task.priority))),
            ("businessKey", .string(task.businessKey)),
            (
                "extensionProperties",
                .object(extensionProperties.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
            ),
        ])
    }

    /// A task as the query returns it.
    static func info(_ task: ExternalTaskInfo) -> JSON {
        .object([
            ("activityId", .string(task.activityID)),
            ("activityInstanceId", .string("\(task.activityID):\(task.elementInstanceKey)")),
            ("errorMessage", .string(task.errorMessage)),
            ("executionId", .string(task.processInstanceID)),
            ("id", .string(task.id)),
            ("lockExpirationTime", CamundaDate.json(task.lockExpirationTime)),
            ("createTime", CamundaDate.json(task.createTime)),
            ("processDefinitionId", .string(task.processDefinitionID)),
            ("processDefinitionKey", .string(task.processDefinitionKey)),
            ("processDefinitionVersionTag", .null),
            ("processInstanceId", .string(task.processInstanceID)),
            ("tenantId", .null),
            ("retries", .int(task.retries)),
            ("suspended", .bool(task.suspended)),
            ("workerId", .string(task.workerID)),
            ("priority", .int(Int64(task.priority))),
            ("topicName", .string(task.topicName)),
            ("businessKey", .string(task.businessKey)),
        ])
    }
}
