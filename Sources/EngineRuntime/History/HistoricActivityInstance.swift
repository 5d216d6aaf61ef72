import Expressions
import PostgresClient

/// One element instance as history shows it (Camunda's `HistoricActivityInstanceDto`).
public struct HistoricActivityInstance: Sendable, Hashable {
    /// `<activityId>:<processInstanceId>:<elementInstanceKey>` (see `HistoryIDs`).
    public var id: String
    /// The enclosing activity instance (the process instance id at the top level).
    public var parentActivityInstanceID: String
    /// The element id (`<id>#multiInstanceBody` for the body of a multi-instance activity).
    public var activityID: String
    /// The element name.
    public var activityName: String?
    /// Camunda's activity type (`userTask`, `noneEndEvent`, `boundaryTimer`, …).
    public var activityType: String
    /// The definition key.
    public var processDefinitionKey: String
    /// The definition id.
    public var processDefinitionID: String
    /// The process instance.
    public var processInstanceID: String
    /// The root of the call hierarchy.
    public var rootProcessInstanceID: String
    /// The user task of a user task activity.
    public var taskID: String?
    /// The instance a call activity started.
    public var calledProcessInstanceID: String?
    /// The user task's latest assignee.
    public var assignee: String?
    /// When the element was entered.
    public var startTime: DateTime
    /// When it was left, nil while active.
    public var endTime: DateTime?
    /// End minus start in milliseconds, nil while active.
    public var durationInMillis: Int64?
    /// Whether it was ended without completing (interrupted, cancelled).
    public var canceled: Bool
    /// Whether completing it ended its scope (it has no outgoing flow).
    public var completeScope: Bool
    /// The tenant.
    public var tenantID: String?
}

/// Filters of the historic activity instance query (nil means no filter).
public struct HistoricActivityInstanceQuery: Sendable, Hashable {
    /// Sort keys, named as Camunda's `sortBy` values.
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        case activityInstanceId, instanceId, executionId, activityId, activityName, activityType, startTime, endTime,
            duration, definitionId
    }

    /// The activity instance id.
    public var activityInstanceID: String?
    /// The process instance.
    public var processInstanceID: String?
    /// The definition id.
    public var processDefinitionID: String?
    /// The activity id.
    public var activityID: String?
    /// The activity name.
    public var activityName: String?
    /// Camunda's activity type.
    public var activityType: String?
    /// The latest assignee.
    public var taskAssignee: String?
    /// Only left ones.
    public var finished: Bool?
    /// Only active ones.
    public var unfinished: Bool?
    /// Only cancelled ones.
    public var canceled: Bool?
    /// Only ones that completed their scope.
    public var completeScope: Bool?
    /// Entered before / after.
    public var startedBefore: DateTime?
    public var startedAfter: DateTime?
    /// Left before / after.
    public var finishedBefore: DateTime?
    public var finishedAfter: DateTime?
    /// Sorting, first criterion first.
    public var sorting: [HistorySort<SortKey>] = []

    /// An empty query (everything).
    public init() {}
}

extension HistoricActivityInstanceQuery: HistoryQueryPlan {
    func prepare(_ engine: Engine, on connection: PostgresConnection) throws -> PreparedHistoryQuery {
        var filter = HistoryFilterBuilder()
        var instance = processInstanceID.map { HistoryIDs.canonicalUUID($0) ?? $0 }
        if let activityInstanceID {
            guard let parsed = HistoryIDs.parseActivityInstance(activityInstanceID) else {
                filter.add("false")
                return PreparedHistoryQuery(base: "SELECT 1 AS id", filter: filter, order: [], tieBreaker: "1")
            }
            if let instance, instance != parsed.processInstanceID { filter.add("false") }
            instance = parsed.processInstanceID
        }
        let catalog = try ActivityCatalog(
            engine: engine,
            definitionIDs: try ActivityCatalog.definitionIDs(instances: instance.map { [$0] }, on: connection),
            on: connection)
        let condition = filter.instances("h.process_instance_id", instance.map { [$0] })
        let base = """
            WITH ai AS (\(ElementHistorySQL.elements(instanceCondition: condition)))
            SELECT \(ElementHistorySQL.activityInstanceID("a")) AS id,
                \(ElementHistorySQL.parentActivityInstanceID("a", parent: "pa")) AS parent_id,
                \(ElementHistorySQL.activityID("a")) AS activity_id, c.name AS activity_name,
                CASE WHEN a.mi_body THEN 'multiInstanceBody' ELSE coalesce(c.type, 'unknown') END AS activity_type,
                p.definition_key, p.definition_id, a.pid::text AS process_instance_id,
                \(HistorySQL.rootInstance("a.pid")) AS root_id, a.task_id, a.assignee,
                called.id AS called_id,
                a.started, a.ended, \(HistorySQL.millis("a.started")) AS start_ms, \(HistorySQL.millis("a.ended"))
                    AS end_ms, \(HistorySQL.millis("a.ended")) - \(HistorySQL.millis("a.started")) AS duration_ms,
                a.canceled, (a.ended IS NOT NULL AND NOT a.canceled AND coalesce(c.completes_scope, false))
                    AS complete_scope, dep.tenant_id, a.key
            FROM ai a
            JOIN process_instances p ON p.id = a.pid
            LEFT JOIN process_definitions d ON d.id = p.definition_id
            LEFT JOIN deployments dep ON dep.id = d.deployment_id
            LEFT JOIN ai pa ON pa.pid = a.pid AND pa.key = a.parent_text::int8
            LEFT JOIN (SELECT s.super_instance_id, s.super_element_key, min(s.id::text) AS id FROM process_instances s
                       WHERE s.super_instance_id IS NOT NULL GROUP BY 1, 2) called
                ON called.super_instance_id = a.pid AND called.super_element_key = a.key
            LEFT JOIN \(catalog.table { filter.bind($0) }) c
                ON c.definition_id = p.definition_id AND c.element_id = a.element_id
            WHERE a.activated AND a.parent_text IS NOT NULL
            """
        if let activityInstanceID { filter.equal("x.id", activityInstanceID) }
        filter.equal("x.definition_id", processDefinitionID)
        filter.equal("x.activity_id", activityID)
        filter.equal("x.activity_name", activityName)
        filter.equal("x.activity_type", activityType)
        filter.equal("x.assignee", taskAssignee)
        filter.when(finished, "x.ended IS NOT NULL")
        filter.when(unfinished, "x.ended IS NULL")
        filter.when(canceled, "x.canceled")
        filter.when(completeScope, "x.complete_scope")
        filter.time("x.started", before: startedBefore, after: startedAfter)
        filter.time("x.ended", before: finishedBefore, after: finishedAfter)
        let order = sorting.map { sort -> (column: String, ascending: Bool) in
            let column: String
            switch sort.key {
            case .activityInstanceId: column = "x.id"
            case .instanceId, .executionId: column = "x.process_instance_id"
            case .activityId: column = "x.activity_id"
            case .activityName: column = "x.activity_name"
            case .activityType: column = "x.activity_type"
            case .startTime: column = "x.started"
            case .endTime: column = "x.ended"
            case .duration: column = "x.duration_ms"
            case .definitionId: column = "x.definition_id"
            }
            return (column, sort.ascending)
        }
        return PreparedHistoryQuery(
            base: base, filter: filter, order: order, tieBreaker: "x.process_instance_id, x.key")
    }

    static func decode(_ row: PostgresRow) throws -> HistoricActivityInstance {
        HistoricActivityInstance(
            id: try row.decode("id"), parentActivityInstanceID: try row.decode("parent_id"),
            activityID: try row.decode("activity_id"), activityName: try row.decode("activity_name", as: String?.self),
            activityType: try row.decode("activity_type"), processDefinitionKey: try row.decode("definition_key"),
            processDefinitionID: try row.decode("definition_id"),
            processInstanceID: try row.decode("process_instance_id"), rootProcessInstanceID: try row.decode("root_id"),
            taskID: try row.decode("task_id", as: String?.self),
            calledProcessInstanceID: try row.decode("called_id", as: String?.self),
            assignee: try row.decode("assignee", as: String?.self), startTime: try row.requiredTime("start_ms"),
            endTime: try row.time("end_ms"), durationInMillis: try row.decode("duration_ms", as: Int64?.self),
            canceled: try row.decode("canceled"), completeScope: try row.decode("complete_scope"),
            tenantID: try row.decode("tenant_id", as: String?.self))
    }
}

extension HistoryService {
    /// Historic activity instances matching the query, sorted and paged.
    public func activityInstances(
        _ query: HistoricActivityInstanceQuery = .init(), page: HistoryPage = .all
    ) async throws -> [HistoricActivityInstance] {
        try await list(query, page: page)
    }

    /// How many historic activity instances match the query.
    public func countActivityInstances(_ query: HistoricActivityInstanceQuery = .init()) async throws -> Int {
        try await count(query)
    }

    /// One historic activity instance; `HistoryError.notFound` when there is none with this id.
    public func activityInstance(_ id: String) async throws -> HistoricActivityInstance {
        var query = HistoricActivityInstanceQuery()
        query.activityInstanceID = id
        guard let found = try await list(query, page: .init(maxResults: 1)).first else {
            throw HistoryError.notFound("Historic activity instance with id \(id) does not exist")
        }
        return found
    }
}
