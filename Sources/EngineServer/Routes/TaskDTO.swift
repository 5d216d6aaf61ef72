import EngineCore
import EngineRuntime
import Expressions

/// Camunda's `TaskDto`, `CommentDto` and `IdentityLinkDto` as JSON, with every field present (null when empty).
enum TaskDTO {
    /// A task.
    static func json(_ task: TaskRecord) -> JSON {
        .object([
            ("id", .string(task.id)), ("name", .string(task.name)), ("assignee", .string(task.assignee)),
            ("created", CamundaDate.json(task.created)), ("lastUpdated", CamundaDate.json(task.lastUpdated)),
            ("due", CamundaDate.json(task.due)), ("followUp", CamundaDate.json(task.followUp)),
            ("delegationState", .string(task.delegationState?.rawValue)), ("description", .string(task.description)),
            ("executionId", .string(task.executionID)), ("owner", .string(task.owner)), ("parentTaskId", .null),
            ("priority", .int(task.priority)), ("processDefinitionId", .string(task.processDefinitionID)),
            ("processInstanceId", .string(task.processInstanceID)),
            ("taskDefinitionKey", .string(task.taskDefinitionKey)), ("caseExecutionId", .null),
            ("caseInstanceId", .null), ("caseDefinitionId", .null), ("suspended", .bool(task.suspended)),
            ("formKey", .string(task.formKey)), ("camundaFormRef", .null), ("tenantId", .null),
            ("taskState", .string(task.lastUpdated == nil ? "Created" : "Updated")),
        ])
    }

    /// A comment.
    static func json(_ comment: TaskComment) -> JSON {
        .object([
            ("id", .string(comment.id)), ("userId", .string(comment.userID)), ("taskId", .string(comment.taskID)),
            ("processInstanceId", .string(comment.processInstanceID)), ("message", .string(comment.message)),
            ("time", CamundaDate.json(comment.time)), ("removalTime", .null), ("rootProcessInstanceId", .null),
        ])
    }

    /// An identity link.
    static func json(_ link: TaskIdentityLink) -> JSON {
        .object([
            ("userId", .string(link.userID)), ("groupId", .string(link.groupID)), ("type", .string(link.type.rawValue)),
        ])
    }
}
