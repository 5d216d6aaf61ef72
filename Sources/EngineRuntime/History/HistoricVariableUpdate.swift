import EngineCore
import Expressions
import PostgresClient

/// One value a variable took (Camunda's `HistoricDetailDto` of type `variableUpdate`).
public struct HistoricVariableUpdate: Sendable, Hashable {
    /// `<processInstanceId>:<sequence of the event>` (see `HistoryIDs`).
    public var id: String
    /// The variable name.
    public var variableName: String
    /// The variable instance it belongs to.
    public var variableInstanceID: String
    /// Camunda's type name of the value.
    public var variableType: String
    /// The value set.
    public var value: Value
    /// Whether this is the value the variable got when its instance was started.
    public var initial: Bool
    /// 0 for the value the variable was created with, then 1, 2, … per change.
    public var revision: Int
    /// When the value was set.
    public var time: DateTime
    /// The process instance.
    public var processInstanceID: String
    /// The definition key.
    public var processDefinitionKey: String
    /// The definition id.
    public var processDefinitionID: String
    /// The root of the call hierarchy.
    public var rootProcessInstanceID: String
    /// The scope's activity instance.
    public var activityInstanceID: String
    /// The user task, for task-local variables.
    public var taskID: String?
    /// The user who set it (nil for the engine and anonymous callers).
    public var userID: String?
    /// The tenant.
    public var tenantID: String?
}

/// Filters of the history detail query (only variable updates exist in Baton; nil means no filter).
public struct HistoricDetailQuery: Sendable, Hashable {
    /// Sort keys, named as Camunda's `sortBy` values.
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        case processInstanceId, variableName, variableType, variableRevision, formPropertyId, time, tenantId
    }

    /// The detail id.
    public var detailID: String?
    /// The process instance.
    public var processInstanceID: String?
    /// Process instances.
    public var processInstanceIDIn: [String]?
    /// The variable instance.
    public var variableInstanceID: String?
    /// The user task.
    public var taskID: String?
    /// Activity instances of the scopes.
    public var activityInstanceID: String?
    /// Only variable updates (all Baton has).
    public var variableUpdates: Bool?
    /// Only form fields (Baton records none: the result is empty).
    public var formFields: Bool?
    /// Leave out details of task-local variables.
    public var excludeTaskDetails: Bool?
    /// Set before / after.
    public var occurredBefore: DateTime?
    public var occurredAfter: DateTime?
    /// Sorting, first criterion first.
    public var sorting: [HistorySort<SortKey>] = []

    /// An empty query (everything).
    public init() {}
}

extension HistoricDetailQuery: HistoryQueryPlan {
    func prepare(_ engine: Engine, on connection: PostgresConnection) throws -> PreparedHistoryQuery {
        var filter = HistoryFilterBuilder()
        var instances = processInstanceIDIn
        for id in [
            processInstanceID, detailID.map { HistoryIDs.parseEvent($0)?.processInstanceID ?? "" },
            variableInstanceID.map { HistoryIDs.parseEvent($0)?.processInstanceID ?? "" },
        ].compactMap({ $0 }) {
            let canonical = HistoryIDs.canonicalUUID(id) ?? id
            instances = (instances?.map { HistoryIDs.canonicalUUID($0) ?? $0 } ?? [canonical]).filter {
                $0 == canonical
            }
        }
        let condition = filter.instances("h.process_instance_id", instances)
        let base = """
            WITH \(VariableHistorySQL.events(instanceCondition: condition))
            SELECT ve.pid::text || ':' || ve.seq::text AS id, ve.name,
                ve.pid::text || ':' || ve.created_seq::text AS variable_instance_id, ve.value_json,
                (ve.type = 'variableCreated' AND ve.occurred_at = p.started_at AND ve.command = (
                    SELECT f.command FROM history_events f WHERE f.process_instance_id = ve.pid
                    ORDER BY f.sequence LIMIT 1)) AS initial,
                ve.revision, ve.occurred_at, \(HistorySQL.millis("ve.occurred_at")) AS time_ms,
                ve.pid::text AS process_instance_id, p.definition_key, p.definition_id,
                \(HistorySQL.rootInstance("ve.pid")) AS root_id,
                \(VariableHistorySQL.scopeActivityInstanceID("ve", scopeRow: "sa")) AS activity_instance_id,
                sa.task_id, h.actor, dep.tenant_id, ve.seq
            FROM ve
            JOIN history_events h ON h.process_instance_id = ve.pid AND h.sequence = ve.seq
            JOIN process_instances p ON p.id = ve.pid
            LEFT JOIN process_definitions d ON d.id = p.definition_id
            LEFT JOIN deployments dep ON dep.id = d.deployment_id
            LEFT JOIN ai sa ON sa.pid = ve.pid AND sa.key = ve.scope
            WHERE ve.type <> 'variableDeleted'
            """
        filter.equal("x.id", detailID)
        filter.equal("x.variable_instance_id", variableInstanceID)
        filter.equal("x.task_id", taskID)
        filter.equal("x.activity_instance_id", activityInstanceID)
        filter.when(formFields, "false")
        filter.when(excludeTaskDetails, "x.task_id IS NULL")
        filter.time("x.occurred_at", before: occurredBefore, after: occurredAfter)
        let order = sorting.map { sort -> (column: String, ascending: Bool) in
            switch sort.key {
            case .processInstanceId: ("x.process_instance_id", sort.ascending)
            case .variableName: ("x.name", sort.ascending)
            // The type is derived from the stored value: its JSON type is the closest SQL proxy.
            case .variableType: ("json_typeof(x.value_json::json)", sort.ascending)
            case .variableRevision: ("x.revision", sort.ascending)
            case .formPropertyId: ("NULL::text", sort.ascending)
            case .time: ("x.occurred_at", sort.ascending)
            case .tenantId: ("x.tenant_id", sort.ascending)
            }
        }
        return PreparedHistoryQuery(
            base: base, filter: filter, order: order, tieBreaker: "x.process_instance_id, x.seq")
    }

    static func decode(_ row: PostgresRow) throws -> HistoricVariableUpdate {
        let value = try VariableHistorySQL.value(row)
        return HistoricVariableUpdate(
            id: try row.decode("id"), variableName: try row.decode("name"),
            variableInstanceID: try row.decode("variable_instance_id"), variableType: SQLText.typeName(value),
            value: value, initial: try row.decode("initial"), revision: try row.decode("revision"),
            time: try row.requiredTime("time_ms"), processInstanceID: try row.decode("process_instance_id"),
            processDefinitionKey: try row.decode("definition_key"),
            processDefinitionID: try row.decode("definition_id"),
            rootProcessInstanceID: try row.decode("root_id"),
            activityInstanceID: try row.decode("activity_instance_id"),
            taskID: try row.decode("task_id", as: String?.self),
            userID: try row.decode("actor", as: String?.self), tenantID: try row.decode("tenant_id", as: String?.self))
    }
}

extension HistoryService {
    /// Historic details (variable updates) matching the query, sorted and paged.
    public func details(
        _ query: HistoricDetailQuery = .init(), page: HistoryPage = .all
    ) async throws -> [HistoricVariableUpdate] {
        try await list(query, page: page)
    }

    /// How many historic details match the query.
    public func countDetails(_ query: HistoricDetailQuery = .init()) async throws -> Int {
        try await count(query)
    }

    /// One historic detail; `HistoryError.notFound` when there is none with this id.
    public func detail(_ id: String) async throws -> HistoricVariableUpdate {
        var query = HistoricDetailQuery()
        query.detailID = id
        guard let found = try await list(query, page: .init(maxResults: 1)).first else {
            throw HistoryError.notFound("Historic detail with Id '\(id)' does not exist")
        }
        return found
    }
}
