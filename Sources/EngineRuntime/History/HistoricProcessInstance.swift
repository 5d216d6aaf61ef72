import Foundation
import Expressions
import PostgresClient

/// A process instance as history shows it (Camunda's `HistoricProcessInstanceDto`).
public struct HistoricProcessInstance: Sendable, Hashable {
    /// The instance id.
    public var id: String
    /// The business key.
    public var businessKey: String?
    /// The definition id.
    public var processDefinitionID: String
    /// The definition key.
    public var processDefinitionKey: String
    /// The definition name.
    public var processDefinitionName: String?
    /// The definition version.
    public var processDefinitionVersion: Int
    /// When it started.
    public var startTime: DateTime
    /// When it ended, nil while it runs.
    public var endTime: DateTime?
    /// End minus start, in milliseconds; nil while it runs.
    public var durationInMillis: Int64?
    /// The user who started it (nil for the engine and anonymous callers).
    public var startUserID: String?
    /// The start event it started at.
    public var startActivityID: String?
    /// Why it was ended without completing (nil: Baton records no reason yet).
    public var deleteReason: String?
    /// The calling instance, for instances started by a call activity.
    /// The calling instance.
    public var superProcessInstanceID: String?
    /// The root of its call hierarchy (itself when not called).
    public var rootProcessInstanceID: String
    /// The tenant of its deployment.
    public var tenantID: String?
    /// `ACTIVE`, `SUSPENDED`, `COMPLETED`, `EXTERNALLY_TERMINATED` or `INTERNALLY_TERMINATED`.
    public var state: String
}

/// Filters of the historic process instance query (Camunda's names; nil means no filter).
public struct HistoricProcessInstanceQuery: Sendable, Hashable {
    /// Sort keys, named as Camunda's `sortBy` values.
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        case instanceId, definitionId, definitionKey, definitionName, definitionVersion, businessKey, startTime,
            endTime, duration
    }

    /// The instance id.
    public var processInstanceID: String?
    /// Instance ids.
    public var processInstanceIDs: [String]?
    /// The business key.
    public var processInstanceBusinessKey: String?
    /// The business key with `%` wildcards.
    public var processInstanceBusinessKeyLike: String?
    /// The definition id.
    public var processDefinitionID: String?
    /// The definition key.
    public var processDefinitionKey: String?
    /// Definition keys.
    public var processDefinitionKeyIn: [String]?
    public var superProcessInstanceID: String?
    /// Only ended instances.
    public var finished: Bool?
    /// Only running instances.
    public var unfinished: Bool?
    /// Only instances in which an incident was ever raised.
    public var withIncidents: Bool?
    /// Started by this user.
    public var startedBy: String?
    /// Only `ACTIVE` ones.
    public var active: Bool?
    /// Only `SUSPENDED` ones.
    public var suspended: Bool?
    /// Only `COMPLETED` ones.
    public var completed: Bool?
    /// Only `EXTERNALLY_TERMINATED` ones.
    public var externallyTerminated: Bool?
    /// Only `INTERNALLY_TERMINATED` ones.
    public var internallyTerminated: Bool?
    /// Started before.
    public var startedBefore: DateTime?
    /// Started after.
    public var startedAfter: DateTime?
    /// Ended before.
    public var finishedBefore: DateTime?
    /// Ended after.
    public var finishedAfter: DateTime?
    /// With a token at one of these elements now.
    public var activeActivityIDIn: [String]?
    /// Conditions on the instance's variables (all must hold).
    public var variables: [HistoryVariableCondition] = []
    /// Compare variable names case-insensitively.
    public var variableNamesIgnoreCase = false
    /// Compare string values case-insensitively (`eq`, `neq`, `like`, `notLike`).
    public var variableValuesIgnoreCase = false
    /// Sorting, first criterion first.
    public var sorting: [HistorySort<SortKey>] = []

    /// An empty query (everything).
    public init() {}
}

extension HistoricProcessInstanceQuery: HistoryQueryPlan {
    func prepare(_ engine: Engine, on connection: PostgresConnection) throws -> PreparedHistoryQuery {
        // The definition key is read from the definition (the same text as the instance's copy): a filter by key then
        // finds the definitions of that key and their instances through the definition id (migration 0015).
        let base = """
            SELECT p.id::text AS id, p.business_key, p.definition_id, d.key AS definition_key,
                d.name AS definition_name, d.version AS definition_version,
                \(HistorySQL.millis("p.started_at")) AS start_ms,
                \(HistorySQL.millis("p.ended_at")) AS end_ms,
                \(HistorySQL.millis("p.ended_at")) - \(HistorySQL.millis("p.started_at")) AS duration_ms,
                p.started_by, p.super_instance_id::text AS super_id, p.super_instance_id AS super_uuid,
                dep.tenant_id,
                (SELECT h.payload->>'startEvent' FROM history_events h
                 WHERE h.process_instance_id = p.id AND h.type = 'instanceCreated' ORDER BY h.sequence LIMIT 1)
                    AS start_activity_id,
                \(HistorySQL.rootInstance("p.id")) AS root_id,
                CASE
                    WHEN p.state = 'completed' THEN 'COMPLETED'
                    WHEN p.state = 'terminated' THEN
                        CASE WHEN p.super_instance_id IS NULL OR EXISTS (
                                SELECT 1 FROM process_instances s WHERE s.id = p.super_instance_id
                                  AND s.state = 'terminated' AND s.ended_at = p.ended_at)
                            THEN 'EXTERNALLY_TERMINATED' ELSE 'INTERNALLY_TERMINATED' END
                    WHEN p.suspended THEN 'SUSPENDED'
                    ELSE 'ACTIVE'
                END AS state,
                p.ended_at, p.started_at
            FROM process_instances p
            JOIN process_definitions d ON d.id = p.definition_id
            LEFT JOIN deployments dep ON dep.id = d.deployment_id
            """
        var filter = HistoryFilterBuilder()
        filter.equal("x.id", processInstanceID)
        filter.anyOf("x.id", processInstanceIDs)
        filter.equal("x.business_key", processInstanceBusinessKey)
        filter.like("x.business_key", processInstanceBusinessKeyLike)
        filter.equal("x.definition_id", processDefinitionID)
        filter.equal("x.definition_key", processDefinitionKey)
        filter.anyOf("x.definition_key", processDefinitionKeyIn)
        if let superProcessInstanceID {
            // As a uuid, so that process_instances_super (migration 0016) finds the called instances.
            // An id that is no uuid matches nothing.
            filter.add(
                UUID(uuidString: superProcessInstanceID) == nil
                    ? "false" : "x.super_uuid = \(filter.bind(.text(superProcessInstanceID.lowercased())))::uuid")
        }
        filter.when(finished, "x.ended_at IS NOT NULL")
        filter.when(unfinished, "x.ended_at IS NULL")
        filter.when(
            withIncidents,
            "EXISTS (SELECT 1 FROM history_events i WHERE i.process_instance_id = x.id::uuid "
                + "AND i.type = 'incidentRaised')"
        )
        filter.equal("x.started_by", startedBy)
        filter.when(active, "x.state = 'ACTIVE'")
        filter.when(suspended, "x.state = 'SUSPENDED'")
        filter.when(completed, "x.state = 'COMPLETED'")
        filter.when(externallyTerminated, "x.state = 'EXTERNALLY_TERMINATED'")
        filter.when(internallyTerminated, "x.state = 'INTERNALLY_TERMINATED'")
        filter.time("x.started_at", before: startedBefore, after: startedAfter)
        filter.time("x.ended_at", before: finishedBefore, after: finishedAfter)
        if let activeActivityIDIn {
            filter.add(
                """
                EXISTS (SELECT 1 FROM element_instances e WHERE e.process_instance_id = x.id::uuid
                  AND e.element_id = ANY(\(filter.bind(.textArray(activeActivityIDIn)))::text[]))
                """)
        }
        try filter.variables(
            variables, instance: "x.id::uuid", namesIgnoreCase: variableNamesIgnoreCase,
            valuesIgnoreCase: variableValuesIgnoreCase)
        let order = sorting.map { sort -> (column: String, ascending: Bool) in
            let column: String
            switch sort.key {
            case .instanceId: column = "x.id"
            case .definitionId: column = "x.definition_id"
            case .definitionKey: column = "x.definition_key"
            case .definitionName: column = "x.definition_name"
            case .definitionVersion: column = "x.definition_version"
            case .businessKey: column = "x.business_key"
            case .startTime: column = "x.started_at"
            case .endTime: column = "x.ended_at"
            case .duration: column = "x.duration_ms"
            }
            return (column, sort.ascending)
        }
        return PreparedHistoryQuery(base: base, filter: filter, order: order, tieBreaker: "x.id")
    }

    static func decode(_ row: PostgresRow) throws -> HistoricProcessInstance {
        let id: String = try row.decode("id")
        return HistoricProcessInstance(
            id: id, businessKey: try row.decode("business_key", as: String?.self),
            processDefinitionID: try row.decode("definition_id"),
            processDefinitionKey: try row.decode("definition_key"),
            processDefinitionName: try row.decode("definition_name", as: String?.self),
            processDefinitionVersion: try row.decode("definition_version"), startTime: try row.requiredTime("start_ms"),
            endTime: try row.time("end_ms"), durationInMillis: try row.decode("duration_ms", as: Int64?.self),
            startUserID: try row.decode("started_by", as: String?.self),
            startActivityID: try row.decode("start_activity_id", as: String?.self), deleteReason: nil,
            superProcessInstanceID: try row.decode("super_id", as: String?.self),
            rootProcessInstanceID: try row.decode("root_id", as: String?.self) ?? id,
            tenantID: try row.decode("tenant_id", as: String?.self), state: try row.decode("state"))
    }
}

extension HistoryService {
    /// Historic process instances matching the query, sorted and paged.
    public func processInstances(
        _ query: HistoricProcessInstanceQuery = .init(), page: HistoryPage = .all
    ) async throws -> [HistoricProcessInstance] {
        try await list(query, page: page)
    }

    /// How many historic process instances match the query.
    public func countProcessInstances(_ query: HistoricProcessInstanceQuery = .init()) async throws -> Int {
        try await count(query)
    }

    /// One historic process instance; `HistoryError.notFound` when there is none with this id.
    public func processInstance(_ id: String) async throws -> HistoricProcessInstance {
        var query = HistoricProcessInstanceQuery()
        query.processInstanceID = HistoryIDs.canonicalUUID(id) ?? id
        guard let found = try await list(query, page: .init(maxResults: 1)).first else {
            throw HistoryError.notFound("Historic process instance with id \(id) does not exist")
        }
        return found
    }

    /// Deletes the history of a finished instance through the tombstone path (`Engine.removeHistory`): a signed
    /// tombstone (reason `deleted`, the user) replaces its history and rows. A running instance is refused with
    /// `HistoryError.rejected`, an unknown one with `HistoryError.notFound`, as Camunda does.
    @discardableResult
    public func deleteProcessInstance(_ id: String, by user: String? = nil) async throws -> HistoryTombstone {
        let instance = try await processInstance(id)
        guard instance.endTime != nil else {
            throw HistoryError.rejected(
                "Process instance is still running, cannot delete historic process instance: \(instance.id)")
        }
        return try await engine.removeHistory(ofInstance: instance.id, by: user)
    }
}
