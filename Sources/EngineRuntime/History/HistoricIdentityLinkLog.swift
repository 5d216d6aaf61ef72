import Expressions
import PostgresClient

/// One identity link of a user task added or removed (Camunda's `HistoricIdentityLinkLogDto`): today the candidate
/// users and groups and the assignee a task was created with, and assignees that later task events record.
public struct HistoricIdentityLinkLog: Sendable, Hashable {
    /// `<processInstanceId>:<sequence>:<n>` (not readable back: there is no lookup by id).
    public var id: String
    /// When.
    public var time: DateTime
    /// `candidate` or `assignee`.
    public var type: String
    /// The user, for user links.
    public var userID: String?
    /// The group, for group links.
    public var groupID: String?
    /// The user task.
    public var taskID: String?
    /// The definition id.
    public var processDefinitionID: String
    /// The definition key.
    public var processDefinitionKey: String
    /// `add` (Baton records no removals yet).
    public var operationType: String
    /// Who made the change (nil for the engine and anonymous callers).
    public var assignerID: String?
    /// The tenant.
    public var tenantID: String?
    /// The root of the call hierarchy.
    public var rootProcessInstanceID: String
}

/// Filters of the identity link log query (nil means no filter).
public struct HistoricIdentityLinkLogQuery: Sendable, Hashable {
    /// Sort keys, named as Camunda's `sortBy` values.
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        case time, type, userId, groupId, taskId, processDefinitionId, processDefinitionKey, operationType,
            assignerId, tenantId
    }

    /// `candidate` or `assignee`.
    public var type: String?
    /// The user.
    public var userID: String?
    /// The group.
    public var groupID: String?
    /// The user task.
    public var taskID: String?
    /// The definition id.
    public var processDefinitionID: String?
    /// The definition key.
    public var processDefinitionKey: String?
    /// `add` or `delete`.
    public var operationType: String?
    /// Who made the change.
    public var assignerID: String?
    /// Before / after this time.
    public var dateBefore: DateTime?
    public var dateAfter: DateTime?
    /// Sorting, first criterion first.
    public var sorting: [HistorySort<SortKey>] = []

    /// An empty query (everything).
    public init() {}
}

extension HistoricIdentityLinkLogQuery: HistoryQueryPlan {
    func prepare(_ engine: Engine, on connection: PostgresConnection) throws -> PreparedHistoryQuery {
        var filter = HistoryFilterBuilder()
        let task = """
            coalesce(h.payload->>'taskId', (SELECT t.payload->>'taskId' FROM history_events t
                WHERE t.process_instance_id = h.process_instance_id AND t.type = 'userTaskCreated'
                  AND t.element_instance_key = h.element_instance_key ORDER BY t.sequence DESC LIMIT 1))
            """
        let links = """
            SELECT h.process_instance_id AS pid, h.sequence, h.occurred_at, h.actor, \(task) AS task_id,
                'candidate' AS type, u.v AS user_id, NULL::text AS group_id, u.n AS n
            FROM history_events h, json_array_elements_text(h.payload->'candidateUsers') WITH ORDINALITY AS u(v, n)
            WHERE h.type = 'userTaskCreated'
            UNION ALL
            SELECT h.process_instance_id, h.sequence, h.occurred_at, h.actor, \(task), 'candidate', NULL, g.v,
                1000 + g.n
            FROM history_events h, json_array_elements_text(h.payload->'candidateGroups') WITH ORDINALITY AS g(v, n)
            WHERE h.type = 'userTaskCreated'
            UNION ALL
            SELECT h.process_instance_id, h.sequence, h.occurred_at, h.actor, \(task), 'assignee',
                h.payload->>'assignee', NULL, 0
            FROM history_events h
            WHERE h.element_instance_key IS NOT NULL AND h.payload->>'assignee' IS NOT NULL
            """
        let base = """
            SELECT l.pid::text || ':' || l.sequence::text || ':' || l.n::text AS id, l.occurred_at,
                \(HistorySQL.millis("l.occurred_at")) AS time_ms, l.type, l.user_id, l.group_id, l.task_id,
                p.definition_id, p.definition_key, 'add' AS operation_type, l.actor, dep.tenant_id,
                \(HistorySQL.rootInstance("l.pid")) AS root_id, l.pid::text AS process_instance_id, l.sequence, l.n
            FROM (\(links)) l
            JOIN process_instances p ON p.id = l.pid
            LEFT JOIN process_definitions d ON d.id = p.definition_id
            LEFT JOIN deployments dep ON dep.id = d.deployment_id
            """
        filter.equal("x.type", type)
        filter.equal("x.user_id", userID)
        filter.equal("x.group_id", groupID)
        filter.equal("x.task_id", taskID)
        filter.equal("x.definition_id", processDefinitionID)
        filter.equal("x.definition_key", processDefinitionKey)
        filter.equal("x.operation_type", operationType)
        filter.equal("x.actor", assignerID)
        filter.time("x.occurred_at", before: dateBefore, after: dateAfter)
        let order = sorting.map { sort -> (column: String, ascending: Bool) in
            let column: String
            switch sort.key {
            case .time: column = "x.occurred_at"
            case .type: column = "x.type"
            case .userId: column = "x.user_id"
            case .groupId: column = "x.group_id"
            case .taskId: column = "x.task_id"
            case .processDefinitionId: column = "x.definition_id"
            case .processDefinitionKey: column = "x.definition_key"
            case .operationType: column = "x.operation_type"
            case .assignerId: column = "x.actor"
            case .tenantId: column = "x.tenant_id"
            }
            return (column, sort.ascending)
        }
        return PreparedHistoryQuery(
            base: base, filter: filter, order: order, tieBreaker: "x.process_instance_id, x.sequence, x.n")
    }

    static func decode(_ row: PostgresRow) throws -> HistoricIdentityLinkLog {
        HistoricIdentityLinkLog(
            id: try row.decode("id"), time: try row.requiredTime("time_ms"), type: try row.decode("type"),
            userID: try row.decode("user_id", as: String?.self), groupID: try row.decode("group_id", as: String?.self),
            taskID: try row.decode("task_id", as: String?.self), processDefinitionID: try row.decode("definition_id"),
            processDefinitionKey: try row.decode("definition_key"), operationType: try row.decode("operation_type"),
            assignerID: try row.decode("actor", as: String?.self),
            tenantID: try row.decode("tenant_id", as: String?.self),
            rootProcessInstanceID: try row.decode("root_id"))
    }
}

extension HistoryService {
    /// Identity link log entries matching the query, sorted and paged.
    public func identityLinkLogs(
        _ query: HistoricIdentityLinkLogQuery = .init(), page: HistoryPage = .all
    ) async throws -> [HistoricIdentityLinkLog] {
        try await list(query, page: page)
    }

    /// How many identity link log entries match the query.
    public func countIdentityLinkLogs(_ query: HistoricIdentityLinkLogQuery = .init()) async throws -> Int {
        try await count(query)
    }
}
