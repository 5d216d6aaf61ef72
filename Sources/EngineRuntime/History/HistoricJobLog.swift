import Expressions
import PostgresClient

/// One event in the life of a job, as far as history records it (Camunda's `HistoricJobLogDto`). See
/// docs/history.md: creations and successes of timers, asynchronous continuations and connector calls, timer start
/// events that fired, and the last failure (the one that raised the incident); earlier failed tries are not
/// recorded yet.
public struct HistoricJobLog: Sendable, Hashable {
    /// `<processInstanceId>:<sequence>` of the event (see `HistoryIDs`).
    public var id: String
    /// When.
    public var timestamp: DateTime
    /// The job id: the runtime id for timers; for asynchronous continuations and connector calls, whose runtime
    /// ids history does not know, `<processInstanceId>:<sequence of the creating event>`.
    public var jobID: String
    /// When the job was due (timers).
    public var jobDueDate: DateTime?
    /// The retries left (0 on the failure that raised the incident).
    public var jobRetries: Int?
    /// The priority (always 0: Baton has no job priorities).
    public var jobPriority: Int
    /// The failure's message.
    public var jobExceptionMessage: String?
    /// `timer-intermediate-transition`, `timer-transition`, `timer-start-event`, `timer-start-event-subprocess`,
    /// `async-continuation` or `connector`.
    public var jobDefinitionType: String
    /// `async-before`/`async-after` for continuations, nil otherwise.
    public var jobDefinitionConfiguration: String?
    /// The element.
    public var activityID: String?
    /// The element that failed.
    public var failedActivityID: String?
    /// The process instance.
    public var processInstanceID: String
    /// The definition id.
    public var processDefinitionID: String
    /// The definition key.
    public var processDefinitionKey: String
    /// The deployment.
    public var deploymentID: String?
    /// The root of the call hierarchy.
    public var rootProcessInstanceID: String
    /// The tenant.
    public var tenantID: String?
    /// The job was created.
    public var creationLog: Bool
    /// The job failed.
    public var failureLog: Bool
    /// The job ran.
    public var successLog: Bool
    /// The job was removed without running (nil in Baton's history today: always false).
    public var deletionLog: Bool
}

/// Filters of the job log query (nil means no filter).
public struct HistoricJobLogQuery: Sendable, Hashable {
    /// Sort keys, named as Camunda's `sortBy` values.
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        case timestamp, jobId, jobDueDate, jobRetries, jobPriority, jobDefinitionId, activityId, processInstanceId,
            processDefinitionId, processDefinitionKey, deploymentId, occurrence, tenantId
    }

    /// The log entry.
    public var logID: String?
    /// The job.
    public var jobID: String?
    /// The job definition type.
    public var jobDefinitionType: String?
    /// The failure message.
    public var jobExceptionMessage: String?
    /// Elements.
    public var activityIDIn: [String]?
    /// The process instance.
    public var processInstanceID: String?
    /// The definition id.
    public var processDefinitionID: String?
    /// The definition key.
    public var processDefinitionKey: String?
    /// The deployment.
    public var deploymentID: String?
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

extension HistoricJobLogQuery: HistoryQueryPlan {
    func prepare(_ engine: Engine, on connection: PostgresConnection) throws -> PreparedHistoryQuery {
        var filter = HistoryFilterBuilder()
        var instance = processInstanceID.map { HistoryIDs.canonicalUUID($0) ?? $0 }
        if let logID { instance = HistoryIDs.parseEvent(logID)?.processInstanceID ?? "" }
        let condition = filter.instances("h.process_instance_id", instance.map { [$0] })
        let catalog = try ActivityCatalog(
            engine: engine,
            definitionIDs: try ActivityCatalog.definitionIDs(instances: instance.map { [$0] }, on: connection),
            on: connection)
        // One row per job event: its kind, the event that created the job (`origin`) and the job's element.
        let events = """
            SELECT h.*, 'creation' AS kind, h.sequence AS origin_seq, h.element_id AS job_element,
                h.payload->>'due' AS due_text
            FROM history_events h WHERE \(condition) AND h.type = 'subscriptionOpened' AND h.payload->'due' IS NOT NULL
            UNION ALL
            SELECT h.*, 'success', o.sequence, o.element_id, o.payload->>'due'
            FROM history_events h JOIN history_events o ON o.process_instance_id = h.process_instance_id
              AND o.type = 'subscriptionOpened' AND o.payload->>'subscription' = h.payload->>'subscription'
            WHERE \(condition) AND h.type = 'timerFired'
            UNION ALL
            SELECT h.*, CASE WHEN h.type = 'asyncContinuationScheduled' THEN 'creation' ELSE 'success' END,
                o.sequence, a.element_id, NULL
            FROM history_events h
            JOIN LATERAL (SELECT o.sequence FROM history_events o WHERE o.process_instance_id = h.process_instance_id
                AND o.type = 'asyncContinuationScheduled' AND o.element_instance_key = h.element_instance_key
                AND o.payload->>'point' = h.payload->>'point' AND o.sequence <= h.sequence
                ORDER BY o.sequence DESC LIMIT 1) o ON true
            LEFT JOIN LATERAL (SELECT a.element_id FROM history_events a
                WHERE a.process_instance_id = h.process_instance_id
                AND a.type = 'elementActivated' AND a.element_instance_key = h.element_instance_key LIMIT 1) a ON true
            WHERE \(condition) AND h.type IN ('asyncContinuationScheduled', 'asyncContinued')
            UNION ALL
            SELECT h.*, CASE WHEN h.type = 'connectorInvoked' THEN 'creation' ELSE 'success' END, o.sequence,
                a.element_id, NULL
            FROM history_events h
            JOIN LATERAL (SELECT o.sequence FROM history_events o WHERE o.process_instance_id = h.process_instance_id
                AND o.type = 'connectorInvoked' AND o.element_instance_key = h.element_instance_key
                AND o.sequence <= h.sequence ORDER BY o.sequence DESC LIMIT 1) o ON true
            LEFT JOIN LATERAL (SELECT a.element_id FROM history_events a
                WHERE a.process_instance_id = h.process_instance_id
                AND a.type = 'elementActivated' AND a.element_instance_key = h.element_instance_key LIMIT 1) a ON true
            WHERE \(condition) AND (h.type = 'connectorInvoked' OR (h.command = 'connector'
                AND h.type IN ('elementCompleted', 'elementTerminated')))
            UNION ALL
            SELECT h.*, 'success', h.sequence, h.payload->>'startEvent', NULL
            FROM history_events h WHERE \(condition) AND h.type = 'instanceCreated' AND h.command = 'timerStart'
            UNION ALL
            SELECT h.*, 'failure', coalesce(o.sequence, h.sequence), h.element_id, NULL
            FROM history_events h
            LEFT JOIN LATERAL (SELECT o.sequence FROM history_events o
                WHERE o.process_instance_id = h.process_instance_id
                AND o.type IN ('asyncContinuationScheduled', 'connectorInvoked')
                AND o.element_instance_key = h.element_instance_key AND o.sequence <= h.sequence
                ORDER BY o.sequence DESC LIMIT 1) o ON true
            WHERE \(condition) AND h.type = 'incidentRaised' AND h.payload->>'kind' = 'failedJob'
            """
        let base = """
            SELECT j.process_instance_id::text || ':' || j.sequence::text AS id, j.occurred_at,
                \(HistorySQL.millis("j.occurred_at")) AS time_ms,
                coalesce(origin.payload->>'jobId', j.process_instance_id::text || ':' || j.origin_seq::text) AS job_id,
                j.due_text::timestamptz AS due, \(HistorySQL.millis("j.due_text::timestamptz")) AS due_ms,
                CASE WHEN j.kind = 'failure' THEN 0 END AS retries,
                CASE WHEN j.kind = 'failure' THEN j.payload->>'message' END AS exception_message,
                CASE
                    WHEN origin.type = 'asyncContinuationScheduled' THEN 'async-continuation'
                    WHEN origin.type = 'connectorInvoked' THEN 'connector'
                    WHEN origin.type = 'instanceCreated' THEN 'timer-start-event'
                    WHEN c.type = 'boundaryTimer' THEN 'timer-transition'
                    WHEN c.type = 'startTimerEvent' THEN 'timer-start-event-subprocess'
                    WHEN origin.type = 'subscriptionOpened' THEN 'timer-intermediate-transition'
                    ELSE 'unknown'
                END AS definition_type,
                CASE WHEN origin.type = 'asyncContinuationScheduled' THEN 'async-' || (origin.payload->>'point') END
                    AS definition_configuration,
                j.job_element AS activity_id, CASE WHEN j.kind = 'failure' THEN j.job_element END AS failed_activity_id,
                j.process_instance_id::text AS process_instance_id, p.definition_id, p.definition_key, d.deployment_id,
                \(HistorySQL.rootInstance("j.process_instance_id")) AS root_id, dep.tenant_id,
                j.kind = 'creation' AS creation_log, j.kind = 'failure' AS failure_log,
                j.kind = 'success' AS success_log, false AS deletion_log, j.sequence
            FROM (\(events)) j
            JOIN history_events origin ON origin.process_instance_id = j.process_instance_id
                AND origin.sequence = j.origin_seq
            JOIN process_instances p ON p.id = j.process_instance_id
            LEFT JOIN process_definitions d ON d.id = p.definition_id
            LEFT JOIN deployments dep ON dep.id = d.deployment_id
            LEFT JOIN \(catalog.table { filter.bind($0) }) c
                ON c.definition_id = p.definition_id AND c.element_id = j.job_element
            """
        filter.equal("x.id", logID)
        filter.equal("x.job_id", jobID)
        filter.equal("x.definition_type", jobDefinitionType)
        filter.equal("x.exception_message", jobExceptionMessage)
        filter.anyOf("x.activity_id", activityIDIn)
        filter.equal("x.definition_id", processDefinitionID)
        filter.equal("x.definition_key", processDefinitionKey)
        filter.equal("x.deployment_id", deploymentID)
        filter.when(creationLog, "x.creation_log")
        filter.when(failureLog, "x.failure_log")
        filter.when(successLog, "x.success_log")
        filter.when(deletionLog, "x.deletion_log")
        let order = sorting.map { sort -> (column: String, ascending: Bool) in
            let column: String
            switch sort.key {
            case .timestamp: column = "x.occurred_at"
            case .jobId: column = "x.job_id"
            case .jobDueDate: column = "x.due"
            case .jobRetries: column = "x.retries"
            case .jobPriority: column = "0"
            case .jobDefinitionId: column = "x.definition_type"
            case .activityId: column = "x.activity_id"
            case .processInstanceId: column = "x.process_instance_id"
            case .processDefinitionId: column = "x.definition_id"
            case .processDefinitionKey: column = "x.definition_key"
            case .deploymentId: column = "x.deployment_id"
            case .occurrence: column = "x.sequence"
            case .tenantId: column = "x.tenant_id"
            }
            return (column, sort.ascending)
        }
        return PreparedHistoryQuery(
            base: base, filter: filter, order: order, tieBreaker: "x.process_instance_id, x.sequence")
    }

    static func decode(_ row: PostgresRow) throws -> HistoricJobLog {
        HistoricJobLog(
            id: try row.decode("id"), timestamp: try row.requiredTime("time_ms"), jobID: try row.decode("job_id"),
            jobDueDate: try row.time("due_ms"), jobRetries: try row.decode("retries", as: Int?.self), jobPriority: 0,
            jobExceptionMessage: try row.decode("exception_message", as: String?.self),
            jobDefinitionType: try row.decode("definition_type"),
            jobDefinitionConfiguration: try row.decode("definition_configuration", as: String?.self),
            activityID: try row.decode("activity_id", as: String?.self),
            failedActivityID: try row.decode("failed_activity_id", as: String?.self),
            processInstanceID: try row.decode("process_instance_id"),
            processDefinitionID: try row.decode("definition_id"),
            processDefinitionKey: try row.decode("definition_key"),
            deploymentID: try row.decode("deployment_id", as: String?.self),
            rootProcessInstanceID: try row.decode("root_id"),
            tenantID: try row.decode("tenant_id", as: String?.self), creationLog: try row.decode("creation_log"),
            failureLog: try row.decode("failure_log"), successLog: try row.decode("success_log"),
            deletionLog: try row.decode("deletion_log"))
    }
}

extension HistoryService {
    /// Job log entries matching the query, sorted and paged.
    public func jobLogs(_ query: HistoricJobLogQuery = .init(), page: HistoryPage = .all) async throws
        -> [HistoricJobLog]
    {
        try await list(query, page: page)
    }

    /// How many job log entries match the query.
    public func countJobLogs(_ query: HistoricJobLogQuery = .init()) async throws -> Int {
        try await count(query)
    }

    /// One job log entry; `HistoryError.notFound` when there is none with this id.
    public func jobLog(_ id: String) async throws -> HistoricJobLog {
        var query = HistoricJobLogQuery()
        query.logID = id
        guard let found = try await list(query, page: .init(maxResults: 1)).first else {
            throw HistoryError.notFound("Historic job log with id \(id) does not exist")
        }
        return found
    }
}
