import Expressions
import PostgresClient

/// One change someone asked for (Camunda's `UserOperationLogEntryDto`), derived from the history event that records
/// it (see `UserOperationRules` for which events count).
public struct UserOperationLogEntry: Sendable, Hashable {
    /// `<processInstanceId>:<sequence>` of the event (see `HistoryIDs`).
    public var id: String
    /// The operation (one per entry in Baton: the same as `id`).
    public var operationID: String
    /// `Complete`, `Delete`, `Suspend`, `Activate`, `SetVariable`, `RemoveVariable`, `CorrelateMessage`, `Resolve`,
    /// `SetExternalTaskRetries`, `SetPriority`, `Unlock`, `SetJobRetries`, `SetAnnotation`.
    public var operationType: String
    /// `Task`, `ProcessInstance`, `Variable`, `Incident`, `ExternalTask`, `Job`.
    public var entityType: String
    /// `TaskWorker` or `Operator`.
    public var category: String
    /// The changed property, if one.
    public var property: String?
    /// Its value before, as text.
    public var orgValue: String?
    /// Its value after, as text.
    public var newValue: String?
    /// Who asked (nil for anonymous callers: Baton records those too, unlike Camunda).
    public var userID: String?
    /// When.
    public var timestamp: DateTime
    /// The process instance.
    public var processInstanceID: String
    /// The definition id.
    public var processDefinitionID: String
    /// The definition key.
    public var processDefinitionKey: String
    /// The deployment of the definition.
    public var deploymentID: String?
    /// The root of the call hierarchy.
    public var rootProcessInstanceID: String
    /// The user task concerned.
    public var taskID: String?
    /// The external task concerned.
    public var externalTaskID: String?
    /// The operator's note on the operation (`PUT /history/user-operation/{id}/set-annotation`), the latest one.
    public var annotation: String?
}

/// Which history events are user operations, and what they changed. Add a rule when a new operator command writes
/// history (e.g. task claims): a condition on the event `h`, and SQL expressions for the changed property.
enum UserOperationRules {
    struct Rule {
        let condition: String
        let operationType: String
        let entityType: String
        let category: String
        var property = "NULL::text"
        var orgValue = "NULL::text"
        var newValue = "NULL::text"
        var taskID = "NULL::text"
        var externalTaskID = "NULL::text"
    }

    private static let createdTask = """
        (SELECT t.payload->>'taskId' FROM history_events t WHERE t.process_instance_id = h.process_instance_id
           AND t.type = 'userTaskCreated' AND t.element_instance_key = h.element_instance_key
         ORDER BY t.sequence DESC LIMIT 1)
        """

    /// Task changes (`userTaskChanged` events, one per change kind) as Camunda names their operations.
    private static let taskChanges: [Rule] = [
        ("claim", "Claim", "Task", "'assignee'", "h.payload->>'userId'"),
        ("unclaim", "Claim", "Task", "'assignee'", "NULL::text"),
        ("setAssignee", "Assign", "Task", "'assignee'", "h.payload->>'userId'"),
        ("setOwner", "SetOwner", "Task", "'owner'", "h.payload->>'userId'"),
        ("delegate", "Delegate", "Task", "'assignee'", "h.payload->>'userId'"),
        ("resolve", "Resolve", "Task", "'delegation'", "'RESOLVED'"),
        ("update", "Update", "Task", "NULL::text", "NULL::text"),
        ("addCandidateUser", "AddUserLink", "IdentityLink", "'candidate'", "h.payload->>'userId'"),
        ("addCandidateGroup", "AddGroupLink", "IdentityLink", "'candidate'", "h.payload->>'groupId'"),
        ("removeCandidateUser", "DeleteUserLink", "IdentityLink", "'candidate'", "h.payload->>'userId'"),
        ("removeCandidateGroup", "DeleteGroupLink", "IdentityLink", "'candidate'", "h.payload->>'groupId'"),
    ].map { change, operation, entity, property, newValue in
        Rule(
            condition: "h.type = 'userTaskChanged' AND h.payload->>'change' = '\(change)'", operationType: operation,
            entityType: entity, category: "TaskWorker", property: property, newValue: newValue, taskID: createdTask)
    }

    static let rules: [Rule] = taskChanges + [
        Rule(
            condition: """
                h.type = 'elementCompleted' AND h.command = 'completeTask' AND EXISTS (SELECT 1 FROM history_events t
                  WHERE t.process_instance_id = h.process_instance_id AND t.type = 'userTaskCreated'
                    AND t.element_instance_key = h.element_instance_key)
                """,
            operationType: "Complete", entityType: "Task", category: "TaskWorker", property: "'delete'",
            orgValue: "'false'", newValue: "'true'", taskID: createdTask),
        // A called instance cancelled because its call activity ended (its caller was cancelled, or a boundary
        // event interrupted the call) is a consequence, not an operation of its own.
        Rule(
            condition: """
                h.type = 'elementTerminated' AND h.command = 'cancel' AND h.element_id = p.definition_key
                AND NOT EXISTS (SELECT 1 FROM history_events c WHERE c.process_instance_id = p.super_instance_id
                    AND c.element_instance_key = p.super_element_key AND c.type = 'elementTerminated'
                    AND c.occurred_at = h.occurred_at)
                """,
            operationType: "Delete", entityType: "ProcessInstance", category: "Operator"),
        Rule(
            condition: "h.type = 'instanceSuspended'", operationType: "Suspend", entityType: "ProcessInstance",
            category: "Operator", property: "'suspensionState'", newValue: "'suspended'"),
        Rule(
            condition: "h.type = 'instanceActivated'", operationType: "Activate", entityType: "ProcessInstance",
            category: "Operator", property: "'suspensionState'", newValue: "'active'"),
        Rule(
            condition: "h.type IN ('variableCreated', 'variableUpdated') AND h.command = 'setVariables'",
            operationType: "SetVariable", entityType: "Variable", category: "Operator",
            property: "h.payload->>'name'", orgValue: "(h.payload->'old')::text", newValue: "(h.payload->'value')::text"
        ),
        Rule(
            condition: "h.type = 'variableDeleted' AND h.command IN ('setVariables', 'removeVariables')",
            operationType: "RemoveVariable", entityType: "Variable", category: "Operator",
            property: "h.payload->>'name'", orgValue: "(h.payload->'old')::text"),
        Rule(
            condition: """
                h.command = 'correlateMessage' AND (h.type = 'messageCorrelated'
                  OR (h.type = 'instanceCreated' AND NOT EXISTS (SELECT 1 FROM history_events m
                      WHERE m.process_instance_id = h.process_instance_id AND m.type = 'messageCorrelated'
                        AND m.occurred_at = h.occurred_at)))
                """,
            operationType: "CorrelateMessage", entityType: "ProcessInstance", category: "Operator",
            property: "'messageName'",
            newValue: """
                coalesce(h.payload->>'message', (SELECT s.payload->>'message' FROM history_events s
                  WHERE s.process_instance_id = h.process_instance_id AND s.type = 'subscriptionOpened'
                    AND s.element_id = h.payload->>'startEvent' LIMIT 1))
                """),
        Rule(
            condition: "h.type = 'incidentResolved' AND h.command = 'resolveIncident'", operationType: "Resolve",
            entityType: "Incident", category: "Operator"),
        Rule(
            condition: "h.type = 'externalTaskRetriesSet'", operationType: "SetExternalTaskRetries",
            entityType: "ExternalTask", category: "Operator", property: "'retries'",
            orgValue: "h.payload->>'previousRetries'", newValue: "h.payload->>'retries'",
            externalTaskID: "h.payload->>'externalTaskId'"),
        Rule(
            condition: "h.type = 'externalTaskPrioritySet'", operationType: "SetPriority", entityType: "ExternalTask",
            category: "Operator", property: "'priority'", orgValue: "h.payload->>'previousPriority'",
            newValue: "h.payload->>'priority'", externalTaskID: "h.payload->>'externalTaskId'"),
        Rule(
            condition: "h.type = 'externalTaskUnlocked'", operationType: "Unlock", entityType: "ExternalTask",
            category: "Operator", externalTaskID: "h.payload->>'externalTaskId'"),
        Rule(
            condition: "h.type = 'jobRetriesSet'", operationType: "SetJobRetries", entityType: "Job",
            category: "Operator", property: "'retries'", orgValue: "h.payload->>'previousRetries'",
            newValue: "h.payload->>'retries'"),
        Rule(
            condition: "h.type = 'jobDueDateSet'", operationType: "SetDueDate", entityType: "Job", category: "Operator",
            property: "'duedate'", orgValue: "h.payload->>'previousDueDate'", newValue: "h.payload->>'dueDate'"),
        Rule(
            condition: "h.type = 'jobSuspended'", operationType: "Suspend", entityType: "Job", category: "Operator",
            property: "'suspensionState'", newValue: "'suspended'"),
        Rule(
            condition: "h.type = 'jobActivated'", operationType: "Activate", entityType: "Job", category: "Operator",
            property: "'suspensionState'", newValue: "'active'"),
        Rule(
            condition: "h.type = 'jobDeleted'", operationType: "Delete", entityType: "Job", category: "Operator"),
        Rule(
            condition: "h.type = 'incidentAnnotated'", operationType: "SetAnnotation", entityType: "Incident",
            category: "Operator", property: "'annotation'", orgValue: "h.payload->>'previous'",
            newValue: "h.payload->>'annotation'"),
    ]

    /// The union of every rule's entries for the instances `instanceCondition` (on `h.process_instance_id`)
    /// admits.
    static func entries(instanceCondition: String) -> String {
        rules.map { rule in
            """
            SELECT h.process_instance_id AS pid, p.definition_id, p.definition_key, h.sequence, h.occurred_at, h.actor,
                '\(rule.operationType)' AS
                operation_type, '\(rule.entityType)' AS entity_type, '\(rule.category)' AS category,
                \(rule.property) AS property, \(rule.orgValue) AS org_value, \(rule.newValue) AS new_value,
                \(rule.taskID) AS task_id, \(rule.externalTaskID) AS external_task_id
            FROM history_events h JOIN process_instances p ON p.id = h.process_instance_id
            WHERE (\(instanceCondition)) AND \(rule.condition)
            """
        }.joined(separator: "\nUNION ALL\n")
    }
}

/// Filters of the user operation log query (nil means no filter).
public struct UserOperationLogQuery: Sendable, Hashable {
    /// Sort keys, named as Camunda's `sortBy` values.
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        case timestamp
    }

    /// The user.
    public var userID: String?
    /// The operation type.
    public var operationType: String?
    /// The entity type.
    public var entityType: String?
    /// Entity types.
    public var entityTypeIn: [String]?
    /// The category.
    public var category: String?
    /// Categories.
    public var categoryIn: [String]?
    /// The process instance.
    public var processInstanceID: String?
    /// The definition id.
    public var processDefinitionID: String?
    /// The definition key.
    public var processDefinitionKey: String?
    /// The user task.
    public var taskID: String?
    /// The external task.
    public var externalTaskID: String?
    /// The changed property.
    public var property: String?
    /// After / before this time.
    public var afterTimestamp: DateTime?
    public var beforeTimestamp: DateTime?
    /// Sorting, first criterion first.
    public var sorting: [HistorySort<SortKey>] = []

    /// An empty query (everything).
    public init() {}
}

extension UserOperationLogQuery: HistoryQueryPlan {
    func prepare(_ engine: Engine, on connection: PostgresConnection) throws -> PreparedHistoryQuery {
        var filter = HistoryFilterBuilder()
        let condition = filter.instances(
            "h.process_instance_id", processInstanceID.map { [HistoryIDs.canonicalUUID($0) ?? $0] })
        let base = """
            SELECT u.pid::text || ':' || u.sequence::text AS id, u.operation_type, u.entity_type, u.category,
                u.property, u.org_value, u.new_value, u.actor, u.occurred_at, \(HistorySQL.millis("u.occurred_at"))
                    AS time_ms,
                u.pid::text AS process_instance_id, u.definition_id, u.definition_key, d.deployment_id,
                \(HistorySQL.rootInstance("u.pid")) AS root_id, u.task_id, u.external_task_id, u.sequence,
                (SELECT a.payload->>'annotation' FROM history_events a
                 WHERE a.process_instance_id = u.pid AND a.type = 'operationAnnotated'
                   AND a.payload->>'operationId' = u.pid::text || ':' || u.sequence::text
                 ORDER BY a.sequence DESC LIMIT 1) AS annotation
            FROM (\(UserOperationRules.entries(instanceCondition: condition))) u
            LEFT JOIN process_definitions d ON d.id = u.definition_id
            """
        filter.equal("x.actor", userID)
        filter.equal("x.operation_type", operationType)
        filter.equal("x.entity_type", entityType)
        filter.anyOf("x.entity_type", entityTypeIn)
        filter.equal("x.category", category)
        filter.anyOf("x.category", categoryIn)
        filter.equal("x.definition_id", processDefinitionID)
        filter.equal("x.definition_key", processDefinitionKey)
        filter.equal("x.task_id", taskID)
        filter.equal("x.external_task_id", externalTaskID)
        filter.equal("x.property", property)
        filter.time("x.occurred_at", before: beforeTimestamp, after: afterTimestamp)
        let order = sorting.map { sort in (column: "x.occurred_at", ascending: sort.ascending) }
        return PreparedHistoryQuery(
            base: base, filter: filter, order: order, tieBreaker: "x.occurred_at, x.process_instance_id, x.sequence")
    }

    static func decode(_ row: PostgresRow) throws -> UserOperationLogEntry {
        let id: String = try row.decode("id")
        return UserOperationLogEntry(
            id: id, operationID: id, operationType: try row.decode("operation_type"),
            entityType: try row.decode("entity_type"), category: try row.decode("category"),
            property: try row.decode("property", as: String?.self),
            orgValue: try row.decode("org_value", as: String?.self),
            newValue: try row.decode("new_value", as: String?.self), userID: try row.decode("actor", as: String?.self),
            timestamp: try row.requiredTime("time_ms"), processInstanceID: try row.decode("process_instance_id"),
            processDefinitionID: try row.decode("definition_id"),
            processDefinitionKey: try row.decode("definition_key"),
            deploymentID: try row.decode("deployment_id", as: String?.self),
            rootProcessInstanceID: try row.decode("root_id"),
            taskID: try row.decode("task_id", as: String?.self),
            externalTaskID: try row.decode("external_task_id", as: String?.self),
            annotation: try row.decode("annotation", as: String?.self))
    }
}

extension HistoryService {
    /// User operation log entries matching the query, sorted and paged.
    public func userOperations(
        _ query: UserOperationLogQuery = .init(), page: HistoryPage = .all
    ) async throws -> [UserOperationLogEntry] {
        try await list(query, page: page)
    }

    /// How many user operation log entries match the query.
    public func countUserOperations(_ query: UserOperationLogQuery = .init()) async throws -> Int {
        try await count(query)
    }
}
