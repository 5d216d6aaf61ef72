import Expressions
import PostgresClient

/// An incident as history shows it (Camunda's `HistoricIncidentDto`).
public struct HistoricIncident: Sendable, Hashable {
    /// The incident id (the id the runtime incident had).
    public var id: String
    /// The process instance.
    public var processInstanceID: String
    /// The definition key.
    public var processDefinitionKey: String
    /// The definition id.
    public var processDefinitionID: String
    /// The root of the call hierarchy.
    public var rootProcessInstanceID: String
    /// When it was raised.
    public var createTime: DateTime
    /// When it was resolved or deleted, nil while open.
    public var endTime: DateTime?
    /// `failedJob`, `failedExternalTask`, `expressionFailed`, … (Baton's kinds; see docs/history.md).
    public var incidentType: String
    /// The element the incident is on.
    public var activityID: String?
    /// The element that failed (the same element in Baton).
    public var failedActivityID: String?
    /// The incident that caused it (itself: Baton raises no follow-up incidents).
    public var causeIncidentID: String
    /// The root cause (itself).
    public var rootCauseIncidentID: String
    /// The external task of a `failedExternalTask` incident, nil otherwise.
    public var configuration: String?
    /// The message.
    public var incidentMessage: String?
    /// The tenant.
    public var tenantID: String?
    /// Still open.
    public var open: Bool
    /// Ended without being resolved (its element was cancelled or left).
    public var deleted: Bool
    /// Resolved.
    public var resolved: Bool
    /// The operator's latest note on it (`incidentAnnotated` events), nil when none or cleared.
    public var annotation: String? = nil
}

/// Filters of the historic incident query (nil means no filter).
public struct HistoricIncidentQuery: Sendable, Hashable {
    /// Sort keys, named as Camunda's `sortBy` values.
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        case incidentId, incidentMessage, createTime, endTime, incidentType, executionId, activityId,
            processInstanceId, processDefinitionId, processDefinitionKey, causeIncidentId, rootCauseIncidentId,
            configuration, tenantId, incidentState
    }

    /// The incident id.
    public var incidentID: String?
    /// The incident type.
    public var incidentType: String?
    /// The message.
    public var incidentMessage: String?
    /// The message with `%` wildcards.
    public var incidentMessageLike: String?
    /// The process instance.
    public var processInstanceID: String?
    /// The definition id.
    public var processDefinitionID: String?
    /// The definition key.
    public var processDefinitionKey: String?
    /// The element.
    public var activityID: String?
    /// The failed element.
    public var failedActivityID: String?
    /// The configuration (external task id).
    public var configuration: String?
    /// Only open / resolved / deleted ones.
    public var open: Bool?
    public var resolved: Bool?
    public var deleted: Bool?
    /// Raised before / after.
    public var createTimeBefore: DateTime?
    public var createTimeAfter: DateTime?
    /// Ended before / after.
    public var endTimeBefore: DateTime?
    public var endTimeAfter: DateTime?
    /// Sorting, first criterion first.
    public var sorting: [HistorySort<SortKey>] = []

    /// An empty query (everything).
    public init() {}
}

extension HistoricIncidentQuery: HistoryQueryPlan {
    func prepare(_ engine: Engine, on connection: PostgresConnection) throws -> PreparedHistoryQuery {
        var filter = HistoryFilterBuilder()
        let condition = filter.instances(
            "r.process_instance_id", processInstanceID.map { [HistoryIDs.canonicalUUID($0) ?? $0] })
        let base = """
            SELECT coalesce(r.payload->>'incidentId', r.process_instance_id::text || ':' || r.sequence::text) AS id,
                r.process_instance_id::text AS process_instance_id, p.definition_key, p.definition_id,
                \(HistorySQL.rootInstance("r.process_instance_id")) AS root_id, r.occurred_at AS created,
                \(HistorySQL.millis("r.occurred_at")) AS created_ms, ended.at AS ended,
                \(HistorySQL.millis("ended.at")) AS ended_ms, r.payload->>'kind' AS incident_type,
                r.element_id AS activity_id,
                CASE WHEN r.payload->>'kind' = 'failedExternalTask' THEN (
                    SELECT t.payload->>'externalTaskId' FROM history_events t
                    WHERE t.process_instance_id = r.process_instance_id AND t.type = 'externalTaskCreated'
                      AND t.element_instance_key = r.element_instance_key ORDER BY t.sequence DESC LIMIT 1)
                END AS configuration,
                r.payload->>'message' AS message, dep.tenant_id,
                ended.at IS NULL AS open, coalesce(ended.resolved AND NOT cut.by_end, false) AS resolved,
                coalesce(NOT (ended.resolved AND NOT cut.by_end), false) AS deleted,
                CASE WHEN ended.at IS NULL THEN 0 WHEN ended.resolved AND NOT cut.by_end THEN 1 ELSE 2 END
                    AS state_order,
                r.sequence,
                (SELECT a.payload->>'annotation' FROM history_events a
                 WHERE a.process_instance_id = r.process_instance_id AND a.type = 'incidentAnnotated'
                   AND a.payload->>'incident' = r.payload->>'incident'
                 ORDER BY a.sequence DESC LIMIT 1) AS annotation
            FROM history_events r
            JOIN process_instances p ON p.id = r.process_instance_id
            LEFT JOIN process_definitions d ON d.id = p.definition_id
            LEFT JOIN deployments dep ON dep.id = d.deployment_id
            LEFT JOIN LATERAL (
                SELECT e.occurred_at AS at, e.sequence AS seq, e.command, e.type = 'incidentResolved' AS resolved
                FROM history_events e
                WHERE e.process_instance_id = r.process_instance_id AND e.sequence > r.sequence
                  AND ((e.type = 'incidentResolved' AND e.payload->>'incident' = r.payload->>'incident')
                    OR (e.type IN ('elementCompleted', 'elementTerminated')
                        AND e.element_instance_key = r.element_instance_key))
                ORDER BY e.sequence LIMIT 1) ended ON true
            -- Ending an element resolves its incidents first, in the same command: that is a deletion.
            LEFT JOIN LATERAL (
                SELECT EXISTS (SELECT 1 FROM history_events t WHERE t.process_instance_id = r.process_instance_id
                    AND t.element_instance_key = r.element_instance_key AND t.type = 'elementTerminated'
                    AND t.sequence > ended.seq AND t.occurred_at = ended.at AND t.command = ended.command) AS by_end
                ) cut ON true
            WHERE r.type = 'incidentRaised' AND \(condition)
            """
        filter.equal("x.id", incidentID)
        filter.equal("x.incident_type", incidentType)
        filter.equal("x.message", incidentMessage)
        filter.like("x.message", incidentMessageLike)
        filter.equal("x.definition_id", processDefinitionID)
        filter.equal("x.definition_key", processDefinitionKey)
        filter.equal("x.activity_id", activityID)
        filter.equal("x.activity_id", failedActivityID)
        filter.equal("x.configuration", configuration)
        filter.when(open, "x.open")
        filter.when(resolved, "x.resolved")
        filter.when(deleted, "x.deleted")
        filter.time("x.created", before: createTimeBefore, after: createTimeAfter)
        filter.time("x.ended", before: endTimeBefore, after: endTimeAfter)
        let order = sorting.map { sort -> (column: String, ascending: Bool) in
            let column: String
            switch sort.key {
            case .incidentId, .causeIncidentId, .rootCauseIncidentId: column = "x.id"
            case .incidentMessage: column = "x.message"
            case .createTime: column = "x.created"
            case .endTime: column = "x.ended"
            case .incidentType: column = "x.incident_type"
            case .executionId, .processInstanceId: column = "x.process_instance_id"
            case .activityId: column = "x.activity_id"
            case .processDefinitionId: column = "x.definition_id"
            case .processDefinitionKey: column = "x.definition_key"
            case .configuration: column = "x.configuration"
            case .tenantId: column = "x.tenant_id"
            case .incidentState: column = "x.state_order"
            }
            return (column, sort.ascending)
        }
        return PreparedHistoryQuery(
            base: base, filter: filter, order: order, tieBreaker: "x.process_instance_id, x.sequence")
    }

    static func decode(_ row: PostgresRow) throws -> HistoricIncident {
        let id: String = try row.decode("id")
        return HistoricIncident(
            id: id, processInstanceID: try row.decode("process_instance_id"),
            processDefinitionKey: try row.decode("definition_key"),
            processDefinitionID: try row.decode("definition_id"),
            rootProcessInstanceID: try row.decode("root_id"), createTime: try row.requiredTime("created_ms"),
            endTime: try row.time("ended_ms"), incidentType: try row.decode("incident_type"),
            activityID: try row.decode("activity_id", as: String?.self),
            failedActivityID: try row.decode("activity_id", as: String?.self), causeIncidentID: id,
            rootCauseIncidentID: id, configuration: try row.decode("configuration", as: String?.self),
            incidentMessage: try row.decode("message", as: String?.self),
            tenantID: try row.decode("tenant_id", as: String?.self), open: try row.decode("open"),
            deleted: try row.decode("deleted"), resolved: try row.decode("resolved"),
            annotation: try row.decode("annotation", as: String?.self))
    }
}

extension HistoryService {
    /// Historic incidents matching the query, sorted and paged.
    public func incidents(
        _ query: HistoricIncidentQuery = .init(), page: HistoryPage = .all
    ) async throws -> [HistoricIncident] {
        try await list(query, page: page)
    }

    /// How many historic incidents match the query.
    public func countIncidents(_ query: HistoricIncidentQuery = .init()) async throws -> Int {
        try await count(query)
    }
}
