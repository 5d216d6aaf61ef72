import EngineCore
import Expressions
import PostgresClient

/// One lifetime of a variable as history shows it (Camunda's `HistoricVariableInstanceDto`).
public struct HistoricVariableInstance: Sendable, Hashable {
    /// `<processInstanceId>:<sequence of its variableCreated event>` (see `HistoryIDs`).
    public var id: String
    /// The variable name.
    public var name: String
    /// Camunda's type name of the latest value (`String`, `Integer`, `Json`, …).
    public var typeName: String
    /// The latest value (the last one before removal, for removed variables).
    public var value: Value
    /// The process instance.
    public var processInstanceID: String
    /// The definition key.
    public var processDefinitionKey: String
    /// The definition id.
    public var processDefinitionID: String
    /// The root of the call hierarchy.
    public var rootProcessInstanceID: String
    /// The scope's activity instance (the process instance id for process variables).
    public var activityInstanceID: String
    /// The user task, for task-local variables.
    public var taskID: String?
    /// `CREATED`, or `DELETED` once removed.
    public var state: String
    /// When it was created.
    public var createTime: DateTime
    /// The tenant.
    public var tenantID: String?
}

/// Filters of the historic variable instance query (nil means no filter).
public struct HistoricVariableInstanceQuery: Sendable, Hashable {
    /// Sort keys, named as Camunda's `sortBy` values.
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        case instanceId, variableName, tenantId
    }

    /// The variable instance id.
    public var variableInstanceID: String?
    /// The variable name.
    public var variableName: String?
    /// The variable name with `%` wildcards.
    public var variableNameLike: String?
    /// Equal to this value (compared as stored: a string `"5"` does not equal the integer 5).
    public var variableValue: Value?
    /// The process instance.
    public var processInstanceID: String?
    /// Process instances.
    public var processInstanceIDIn: [String]?
    /// The definition id.
    public var processDefinitionID: String?
    /// The definition key.
    public var processDefinitionKey: String?
    /// The user task.
    public var taskIDIn: [String]?
    /// Activity instances of the scopes.
    public var activityInstanceIDIn: [String]?
    /// Whether removed variables are listed too (Camunda: false).
    public var includeDeleted = false
    /// Sorting, first criterion first.
    public var sorting: [HistorySort<SortKey>] = []

    /// An empty query (everything but removed variables).
    public init() {}
}

extension HistoricVariableInstanceQuery: HistoryQueryPlan {
    func prepare(_ engine: Engine, on connection: PostgresConnection) throws -> PreparedHistoryQuery {
        var filter = HistoryFilterBuilder()
        var instances = processInstanceIDIn?.map { HistoryIDs.canonicalUUID($0) ?? $0 }
        if let processInstanceID {
            instances = (instances ?? [HistoryIDs.canonicalUUID(processInstanceID) ?? processInstanceID])
                .filter { $0 == (HistoryIDs.canonicalUUID(processInstanceID) ?? processInstanceID) }
        }
        if let variableInstanceID {
            let parsed = HistoryIDs.parseEvent(variableInstanceID)
            instances = (instances ?? [parsed?.processInstanceID ?? ""]).filter { $0 == parsed?.processInstanceID }
        }
        let condition = filter.instances("h.process_instance_id", instances)
        let base = """
            WITH \(VariableHistorySQL.events(instanceCondition: condition)),
            vi AS (
                SELECT ve.pid, ve.scope, ve.name, ve.created_seq, min(ve.occurred_at) AS created,
                    (array_agg(ve.value_json ORDER BY ve.seq DESC) FILTER (WHERE ve.type <> 'variableDeleted'))[1]
                        AS value_json,
                    (array_agg(ve.type ORDER BY ve.seq DESC))[1] = 'variableDeleted' AS deleted
                FROM ve GROUP BY ve.pid, ve.scope, ve.name, ve.created_seq)
            SELECT vi.pid::text || ':' || vi.created_seq::text AS id, vi.name,
                coalesce(vi.value_json, 'null') AS value_json,
                vi.pid::text AS process_instance_id, p.definition_key, p.definition_id,
                \(HistorySQL.rootInstance("vi.pid")) AS root_id,
                \(VariableHistorySQL.scopeActivityInstanceID("vi", scopeRow: "sa")) AS activity_instance_id,
                sa.task_id, CASE WHEN vi.deleted THEN 'DELETED' ELSE 'CREATED' END AS state, vi.deleted,
                \(HistorySQL.millis("vi.created")) AS created_ms, dep.tenant_id, vi.created_seq
            FROM vi
            JOIN process_instances p ON p.id = vi.pid
            LEFT JOIN process_definitions d ON d.id = p.definition_id
            LEFT JOIN deployments dep ON dep.id = d.deployment_id
            LEFT JOIN ai sa ON sa.pid = vi.pid AND sa.key = vi.scope
            """
        if let variableInstanceID { filter.equal("x.id", variableInstanceID) }
        filter.equal("x.name", variableName)
        filter.like("x.name", variableNameLike)
        if let variableValue {
            filter.add("x.value_json::jsonb = \(filter.bind(.text(SnapshotCodec.json(variableValue))))::jsonb")
        }
        filter.equal("x.definition_id", processDefinitionID)
        filter.equal("x.definition_key", processDefinitionKey)
        filter.anyOf("x.task_id", taskIDIn)
        filter.anyOf("x.activity_instance_id", activityInstanceIDIn)
        if !includeDeleted { filter.add("NOT x.deleted") }
        let order = sorting.map { sort -> (column: String, ascending: Bool) in
            switch sort.key {
            case .instanceId: ("x.process_instance_id", sort.ascending)
            case .variableName: ("x.name", sort.ascending)
            case .tenantId: ("x.tenant_id", sort.ascending)
            }
        }
        return PreparedHistoryQuery(
            base: base, filter: filter, order: order, tieBreaker: "x.process_instance_id, x.created_seq")
    }

    static func decode(_ row: PostgresRow) throws -> HistoricVariableInstance {
        let value = try VariableHistorySQL.value(row)
        return HistoricVariableInstance(
            id: try row.decode("id"), name: try row.decode("name"), typeName: SQLText.typeName(value), value: value,
            processInstanceID: try row.decode("process_instance_id"),
            processDefinitionKey: try row.decode("definition_key"),
            processDefinitionID: try row.decode("definition_id"),
            rootProcessInstanceID: try row.decode("root_id"),
            activityInstanceID: try row.decode("activity_instance_id"),
            taskID: try row.decode("task_id", as: String?.self),
            state: try row.decode("state"), createTime: try row.requiredTime("created_ms"),
            tenantID: try row.decode("tenant_id", as: String?.self))
    }
}

extension VariableHistorySQL {
    /// The stored value of a row's `value_json` column.
    static func value(_ row: PostgresRow) throws -> Value {
        let text: String = try row.decode("value_json")
        do {
            return try SnapshotCodec.value(json: text)
        } catch {
            throw EngineError.corruptState("a variable value in history cannot be read: \(error)")
        }
    }
}

extension HistoryService {
    /// Historic variable instances matching the query, sorted and paged.
    public func variableInstances(
        _ query: HistoricVariableInstanceQuery = .init(), page: HistoryPage = .all
    ) async throws -> [HistoricVariableInstance] {
        try await list(query, page: page)
    }

    /// How many historic variable instances match the query.
    public func countVariableInstances(_ query: HistoricVariableInstanceQuery = .init()) async throws -> Int {
        try await count(query)
    }

    /// One historic variable instance (removed ones too); `HistoryError.notFound` when there is none with this id.
    public func variableInstance(_ id: String) async throws -> HistoricVariableInstance {
        var query = HistoricVariableInstanceQuery()
        query.variableInstanceID = id
        query.includeDeleted = true
        guard let found = try await list(query, page: .init(maxResults: 1)).first else {
            throw HistoryError.notFound("Historic variable instance with Id '\(id)' does not exist")
        }
        return found
    }
}
