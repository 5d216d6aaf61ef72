import Expressions
import PostgresClient

/// One event in the life of an external task (Camunda's `HistoricExternalTaskLogDto`).
public struct HistoricExternalTaskLog: Sendable, Hashable {
    /// `<processInstanceId>:<sequence>` of the event (see `HistoryIDs`).
    public var id: String
    /// When.
    public var timestamp: DateTime
    /// The external task.
    public var externalTaskID: String?
    /// The topic.
    public var topicName: String?
    /// The worker (for failures and completions).
    public var workerID: String?
    /// The priority the task had.
    public var priority: Int
    /// The retries a failure left (nil otherwise).
    public var retries: Int?
    /// The failure's message.
    public var errorMessage: String?
    /// The element.
    public var activityID: String?
    /// The element's activity instance.
    public var activityInstanceID: String
    /// The process instance.
    public var processInstanceID: String
    /// The definition id.
    public var processDefinitionID: String
    /// The definition key.
    public var processDefinitionKey: String
    /// The root of the call hierarchy.
    public var rootProcessInstanceID: String
    /// The tenant.
    public var tenantID: String?
    /// The task was created.
    public var creationLog: Bool
    /// A worker reported a failure.
    public var failureLog: Bool
    /// A worker completed it.
    public var successLog: Bool
    /// It was removed without completing (BPMN error, its element cancelled).
    public var deletionLog: Bool
}

/// Filters of the external task log query (nil means no filter).
public struct HistoricExternalTaskLogQuery: Sendable, Hashable {
    /// Sort keys, named as Camunda's `sortBy` values.
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        case timestamp, externalTaskId, topicName, workerId, retries, priority, activityId, activityInstanceId,
            processInstanceId, processDefinitionId, processDefinitionKey, tenantId
    }

    /// The log entry.
    public var logID: String?
    /// The external task.
    public var externalTaskID: String?
    /// The topic.
    public var topicName: String?
    /// The worker.
    public var workerID: String?
    /// The error message.
    public var errorMessage: String?
    /// Elements.
    public var activityIDIn: [String]?
    /// The process instance.
    public var processInstanceID: String?
    /// The definition id.
    public var processDefinitionID: String?
    /// The definition key.
    public var processDefinitionKey: String?
    /// Only entries of this kind.
    public var creationLog: Bool?
    public var failureLog: Bool?
    public var successLog: Bool?
    public var deletionLog: Bool?
    /// Sorting, first criterion first.
    public var sorting: [HistorySort<SortKey>] = []

    /// An empty query (everything).
    public init() {}
}

extension HistoricExternalTaskLogQuery: HistoryQueryPlan {
    func prepare(_ engine: Engine, on connection: PostgresConnection) throws -> PreparedHistoryQuery {
        var filter = HistoryFilterBuilder()
        var instance = processInstanceID.map { HistoryIDs.canonicalUUID($0) ?? $0 }
        if let logID { instance = HistoryIDs.parseEvent(logID)?.processInstanceID ?? "" }
        let condition = filter.instances("h.process_instance_id", instance.map { [$0] })
        let base = """
            SELECT h.process_instance_id::text || ':' || h.sequence::text AS id, h.occurred_at,
                \(HistorySQL.millis("h.occurred_at")) AS time_ms,
                coalesce(h.payload->>'externalTaskId', c.payload->>'externalTaskId') AS external_task_id,
                coalesce(h.payload->>'topic', c.payload->>'topic') AS topic,
                h.payload->>'workerId' AS worker_id,
                coalesce((SELECT (s.payload->>'priority')::int8 FROM history_events s
                    WHERE s.process_instance_id = h.process_instance_id
                      AND s.element_instance_key = h.element_instance_key
                      AND s.type = 'externalTaskPrioritySet' AND s.sequence <= h.sequence
                    ORDER BY s.sequence DESC LIMIT 1), (c.payload->>'priority')::int8, 0) AS priority,
                CASE WHEN h.type = 'externalTaskFailed' THEN (h.payload->>'retries')::int8 END AS retries,
                CASE WHEN h.type IN ('externalTaskFailed', 'externalTaskBpmnError') THEN h.payload->>'errorMessage'
                END AS error_message,
                act.element_id AS activity_id,
                act.element_id || ':' || h.process_instance_id::text || ':' || h.element_instance_key::text
                    AS activity_instance_id,
                h.process_instance_id::text AS process_instance_id, p.definition_id, p.definition_key,
                \(HistorySQL.rootInstance("h.process_instance_id")) AS root_id, dep.tenant_id,
                h.type = 'externalTaskCreated' AS creation_log, h.type = 'externalTaskFailed' AS failure_log,
                h.type = 'externalTaskCompleted' AS success_log,
                h.type IN ('externalTaskBpmnError', 'elementTerminated') AS deletion_log, h.sequence
            FROM history_events h
            JOIN process_instances p ON p.id = h.process_instance_id
            LEFT JOIN process_definitions d ON d.id = p.definition_id
            LEFT JOIN deployments dep ON dep.id = d.deployment_id
            LEFT JOIN LATERAL (
                SELECT e.payload FROM history_events e WHERE e.process_instance_id = h.process_instance_id
                  AND e.type = 'externalTaskCreated' AND e.element_instance_key = h.element_instance_key
                  AND e.sequence <= h.sequence ORDER BY e.sequence DESC LIMIT 1) c ON true
            LEFT JOIN LATERAL (
                SELECT e.element_id FROM history_events e WHERE e.process_instance_id = h.process_instance_id
                  AND e.type = 'elementActivated' AND e.element_instance_key = h.element_instance_key
                LIMIT 1) act ON true
            WHERE \(condition) AND h.type IN ('externalTaskCreated', 'externalTaskFailed', 'externalTaskCompleted',
                    'externalTaskBpmnError', 'elementTerminated')
              AND (h.type IN ('externalTaskCreated', 'externalTaskFailed', 'externalTaskCompleted',
                    'externalTaskBpmnError')
                OR (h.type = 'elementTerminated' AND c.payload IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM history_events b WHERE b.process_instance_id = h.process_instance_id
                      AND b.element_instance_key = h.element_instance_key
                      AND b.type IN ('externalTaskBpmnError', 'externalTaskCompleted'))))
            """
        filter.equal("x.id", logID)
        filter.equal("x.external_task_id", externalTaskID)
        filter.equal("x.topic", topicName)
        filter.equal("x.worker_id", workerID)
        filter.equal("x.error_message", errorMessage)
        filter.anyOf("x.activity_id", activityIDIn)
        filter.equal("x.definition_id", processDefinitionID)
        filter.equal("x.definition_key", processDefinitionKey)
        filter.when(creationLog, "x.creation_log")
        filter.when(failureLog, "x.failure_log")
        filter.when(successLog, "x.success_log")
        filter.when(deletionLog, "x.deletion_log")
        let order = sorting.map { sort -> (column: String, ascending: Bool) in
            let column: String
            switch sort.key {
            case .timestamp: column = "x.occurred_at"
            case .externalTaskId: column = "x.external_task_id"
            case .topicName: column = "x.topic"
            case .workerId: column = "x.worker_id"
            case .retries: column = "x.retries"
            case .priority: column = "x.priority"
            case .activityId: column = "x.activity_id"
            case .activityInstanceId: column = "x.activity_instance_id"
            case .processInstanceId: column = "x.process_instance_id"
            case .processDefinitionId: column = "x.definition_id"
            case .processDefinitionKey: column = "x.definition_key"
            case .tenantId: column = "x.tenant_id"
            }
            return (column, sort.ascending)
        }
        return PreparedHistoryQuery(
            base: base, filter: filter, order: order, tieBreaker: "x.process_instance_id, x.sequence")
    }

    static func decode(_ row: PostgresRow) throws -> HistoricExternalTaskLog {
        HistoricExternalTaskLog(
            id: try row.decode("id"), timestamp: try row.requiredTime("time_ms"),
            externalTaskID: try row.decode("external_task_id", as: String?.self),
            topicName: try row.decode("topic", as: String?.self),
            workerID: try row.decode("worker_id", as: String?.self),
            priority: try row.decode("priority"), retries: try row.decode("retries", as: Int?.self),
            errorMessage: try row.decode("error_message", as: String?.self),
            activityID: try row.decode("activity_id", as: String?.self),
            activityInstanceID: try row.decode("activity_instance_id", as: String?.self)
                ?? (try row.decode("process_instance_id") as String),
            processInstanceID: try row.decode("process_instance_id"),
            processDefinitionID: try row.decode("definition_id"),
            processDefinitionKey: try row.decode("definition_key"), rootProcessInstanceID: try row.decode("root_id"),
            tenantID: try row.decode("tenant_id", as: String?.self), creationLog: try row.decode("creation_log"),
            failureLog: try row.decode("failure_log"), successLog: try row.decode("success_log"),
            deletionLog: try row.decode("deletion_log"))
    }
}

extension HistoryService {
    /// External task log entries matching the query, sorted and paged.
    public func externalTaskLogs(
        _ query: HistoricExternalTaskLogQuery = .init(), page: HistoryPage = .all
    ) async throws -> [HistoricExternalTaskLog] {
        try await list(query, page: page)
    }

    /// How many external task log entries match the query.
    public func countExternalTaskLogs(_ query: HistoricExternalTaskLogQuery = .init()) async throws -> Int {
        try await count(query)
    }

    /// One external task log entry; `HistoryError.notFound` when there is none with this id.
    public func externalTaskLog(_ id: String) async throws -> HistoricExternalTaskLog {
        var query = HistoricExternalTaskLogQuery()
        query.logID = id
        guard let found = try await list(query, page: .init(maxResults: 1)).first else {
            throw HistoryError.notFound("Historic external task log with id \(id) does not exist")
        }
        return found
    }
}
