import Expressions
import PostgresClient

/// A user task as history shows it (Camunda's `HistoricTaskInstanceDto`).
public struct HistoricTask: Sendable, Hashable {
    /// The task id (the id the runtime task had).
    public var id: String
    /// The task name (the element name).
    public var name: String?
    /// The description (nil: the model's documentation is not kept yet).
    public var description: String?
    /// `completed` or `deleted` once ended, nil while open.
    public var deleteReason: String?
    /// The owner (latest).
    public var owner: String?
    /// The assignee (latest).
    public var assignee: String?
    /// When the task was created.
    public var startTime: DateTime
    /// When it ended.
    public var endTime: DateTime?
    /// End minus start in milliseconds (Camunda's `duration`).
    public var duration: Int64?
    /// The element id.
    public var taskDefinitionKey: String
    /// The activity instance of the user task element.
    public var activityInstanceID: String
    /// The priority (latest).
    public var priority: Int
    /// The due date (latest).
    public var due: DateTime?
    /// The follow-up date (latest).
    public var followUp: DateTime?
    /// The parent task (nil: Baton has no sub-tasks).
    public var parentTaskID: String?
    /// The definition key.
    public var processDefinitionKey: String
    /// The definition id.
    public var processDefinitionID: String
    /// The process instance.
    public var processInstanceID: String
    /// The root of the call hierarchy.
    public var rootProcessInstanceID: String
    /// The tenant.
    public var tenantID: String?
    /// Camunda's task state: `Created` while open, `Completed` or `Deleted` once ended.
    public var taskState: String
}

/// Filters of the historic task query (nil means no filter).
public struct HistoricTaskQuery: Sendable, Hashable {
    /// Sort keys, named as Camunda's `sortBy` values.
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        case taskId, activityInstanceId, processDefinitionId, processInstanceId, executionId, duration, endTime,
            startTime, taskName, taskDescription, assignee, owner, dueDate, followUpDate, deleteReason,
            taskDefinitionKey, priority, tenantId
    }

    /// The task id.
    public var taskID: String?
    /// The process instance.
    public var processInstanceID: String?
    /// The definition id.
    public var processDefinitionID: String?
    /// The definition key.
    public var processDefinitionKey: String?
    /// The task name.
    public var taskName: String?
    /// The task name with `%` wildcards.
    public var taskNameLike: String?
    /// The assignee.
    public var taskAssignee: String?
    /// The assignee with `%` wildcards.
    public var taskAssigneeLike: String?
    /// The owner.
    public var taskOwner: String?
    /// The element id.
    public var taskDefinitionKey: String?
    /// Element ids.
    public var taskDefinitionKeyIn: [String]?
    /// Assignee, owner or candidate user.
    public var taskInvolvedUser: String?
    /// Had this candidate group.
    public var taskHadCandidateGroup: String?
    /// The priority.
    public var taskPriority: Int?
    /// Only tasks whose process instance has ended / still runs.
    public var processFinished: Bool?
    public var processUnfinished: Bool?
    /// Only ended / open tasks.
    public var finished: Bool?
    public var unfinished: Bool?
    /// Only assigned / unassigned tasks.
    public var assigned: Bool?
    public var unassigned: Bool?
    /// Due before / after.
    public var taskDueBefore: DateTime?
    public var taskDueAfter: DateTime?
    /// Started and finished before / after.
    public var startedBefore: DateTime?
    public var startedAfter: DateTime?
    public var finishedBefore: DateTime?
    public var finishedAfter: DateTime?
    /// Sorting, first criterion first.
    public var sorting: [HistorySort<SortKey>] = []

    /// An empty query (everything).
    public init() {}
}

extension HistoricTaskQuery: HistoryQueryPlan {
    func prepare(_ engine: Engine, on connection: PostgresConnection) throws -> PreparedHistoryQuery {
        var filter = HistoryFilterBuilder()
        let instance = processInstanceID.map { HistoryIDs.canonicalUUID($0) ?? $0 }
        let catalog = try ActivityCatalog(
            engine: engine,
            definitionIDs: try ActivityCatalog.definitionIDs(instances: instance.map { [$0] }, on: connection),
            on: connection)
        let condition = filter.instances("h.process_instance_id", instance.map { [$0] })
        let base = """
            WITH ai AS (\(ElementHistorySQL.elements(instanceCondition: condition)))
            SELECT coalesce(a.task_id, a.pid::text || ':' || a.key::text) AS id, c.name,
                CASE WHEN a.ended IS NULL THEN NULL WHEN a.canceled THEN 'deleted' ELSE 'completed' END
                    AS delete_reason,
                a.owner, a.assignee, a.task_created, a.ended, \(HistorySQL.millis("a.task_created")) AS start_ms,
                \(HistorySQL.millis("a.ended")) AS end_ms,
                \(HistorySQL.millis("a.ended")) - \(HistorySQL.millis("a.task_created")) AS duration_ms,
                a.element_id AS task_definition_key,
                \(ElementHistorySQL.activityInstanceID("a")) AS activity_instance_id,
                coalesce(a.priority_text::int8, 50) AS priority, a.due_text::timestamptz AS due,
                a.follow_up_text::timestamptz AS follow_up, \(HistorySQL.millis("a.due_text::timestamptz")) AS due_ms,
                \(HistorySQL.millis("a.follow_up_text::timestamptz")) AS follow_up_ms,
                p.definition_key, p.definition_id, a.pid::text AS process_instance_id,
                \(HistorySQL.rootInstance("a.pid")) AS root_id, dep.tenant_id,
                CASE WHEN a.ended IS NULL THEN 'Created' WHEN a.canceled THEN 'Deleted' ELSE 'Completed' END
                    AS task_state,
                p.ended_at AS process_ended, coalesce(a.candidate_groups, '[]')::jsonb AS candidate_groups,
                coalesce(a.candidate_users, '[]')::jsonb AS candidate_users, a.key
            FROM ai a
            JOIN process_instances p ON p.id = a.pid
            LEFT JOIN process_definitions d ON d.id = p.definition_id
            LEFT JOIN deployments dep ON dep.id = d.deployment_id
            LEFT JOIN \(catalog.table { filter.bind($0) }) c
                ON c.definition_id = p.definition_id AND c.element_id = a.element_id
            WHERE a.task_created IS NOT NULL
            """
        filter.equal("x.id", taskID)
        filter.equal("x.definition_id", processDefinitionID)
        filter.equal("x.definition_key", processDefinitionKey)
        filter.equal("x.name", taskName)
        filter.like("x.name", taskNameLike)
        filter.equal("x.assignee", taskAssignee)
        filter.like("x.assignee", taskAssigneeLike)
        filter.equal("x.owner", taskOwner)
        filter.equal("x.task_definition_key", taskDefinitionKey)
        filter.anyOf("x.task_definition_key", taskDefinitionKeyIn)
        if let taskInvolvedUser {
            let user = filter.bind(.text(taskInvolvedUser))
            filter.add("(x.assignee = \(user) OR x.owner = \(user) OR x.candidate_users ? \(user))")
        }
        if let taskHadCandidateGroup { filter.add("x.candidate_groups ? \(filter.bind(.text(taskHadCandidateGroup)))") }
        if let taskPriority { filter.add("x.priority = \(filter.bind(.int(taskPriority)))") }
        filter.when(processFinished, "x.process_ended IS NOT NULL")
        filter.when(processUnfinished, "x.process_ended IS NULL")
        filter.when(finished, "x.ended IS NOT NULL")
        filter.when(unfinished, "x.ended IS NULL")
        filter.when(assigned, "x.assignee IS NOT NULL")
        filter.when(unassigned, "x.assignee IS NULL")
        filter.time("x.due", before: taskDueBefore, after: taskDueAfter)
        filter.time("x.task_created", before: startedBefore, after: startedAfter)
        filter.time("x.ended", before: finishedBefore, after: finishedAfter)
        let order = sorting.map { sort -> (column: String, ascending: Bool) in
            let column: String
            switch sort.key {
            case .taskId: column = "x.id"
            case .activityInstanceId: column = "x.activity_instance_id"
            case .processDefinitionId: column = "x.definition_id"
            case .processInstanceId, .executionId: column = "x.process_instance_id"
            case .duration: column = "x.duration_ms"
            case .endTime: column = "x.ended"
            case .startTime: column = "x.task_created"
            case .taskName: column = "x.name"
            case .taskDescription: column = "NULL::text"
            case .assignee: column = "x.assignee"
            case .owner: column = "x.owner"
            case .dueDate: column = "x.due"
            case .followUpDate: column = "x.follow_up"
            case .deleteReason: column = "x.delete_reason"
            case .taskDefinitionKey: column = "x.task_definition_key"
            case .priority: column = "x.priority"
            case .tenantId: column = "x.tenant_id"
            }
            return (column, sort.ascending)
        }
        return PreparedHistoryQuery(
            base: base, filter: filter, order: order, tieBreaker: "x.process_instance_id, x.key")
    }

    static func decode(_ row: PostgresRow) throws -> HistoricTask {
        HistoricTask(
            id: try row.decode("id"), name: try row.decode("name", as: String?.self), description: nil,
            deleteReason: try row.decode("delete_reason", as: String?.self),
            owner: try row.decode("owner", as: String?.self), assignee: try row.decode("assignee", as: String?.self),
            startTime: try row.requiredTime("start_ms"), endTime: try row.time("end_ms"),
            duration: try row.decode("duration_ms", as: Int64?.self),
            taskDefinitionKey: try row.decode("task_definition_key"),
            activityInstanceID: try row.decode("activity_instance_id"), priority: try row.decode("priority"),
            due: try row.time("due_ms"), followUp: try row.time("follow_up_ms"), parentTaskID: nil,
            processDefinitionKey: try row.decode("definition_key"),
            processDefinitionID: try row.decode("definition_id"),
            processInstanceID: try row.decode("process_instance_id"), rootProcessInstanceID: try row.decode("root_id"),
            tenantID: try row.decode("tenant_id", as: String?.self), taskState: try row.decode("task_state"))
    }
}

extension HistoryService {
    /// Historic user tasks matching the query, sorted and paged.
    public func tasks(_ query: HistoricTaskQuery = .init(), page: HistoryPage = .all) async throws -> [HistoricTask] {
        try await list(query, page: page)
    }

    /// How many historic user tasks match the query.
    public func countTasks(_ query: HistoricTaskQuery = .init()) async throws -> Int {
        try await count(query)
    }
}
