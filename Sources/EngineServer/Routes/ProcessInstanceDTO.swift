import EngineCore
import EngineRuntime
import Expressions
import PostgresClient

/// A process instance row and its `ProcessInstanceDto` (contract §2.4).
struct ProcessInstanceRecord: Sendable {
    var id: String
    var definitionID: String
    var definitionKey: String
    var businessKey: String?
    var ended: Bool
    var suspended: Bool

    static let columns = "p.id::text AS id, p.definition_id, p.definition_key, p.business_key, p.state, p.suspended"

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        definitionID = try row.decode("definition_id")
        definitionKey = try row.decode("definition_key")
        businessKey = try row.decode("business_key", as: String?.self)
        ended = (try row.decode("state") as String) != "active"
        suspended = try row.decode("suspended")
    }

    init(summary: InstanceSummary) {
        id = summary.id
        definitionID = summary.definitionID
        definitionKey = summary.definitionKey
        businessKey = summary.businessKey
        ended = summary.state != "active"
        suspended = false
    }

    /// `{links, id, definitionId, definitionKey, businessKey, caseInstanceId, ended, suspended, tenantId}`, plus
    /// `variables` when given (start with `withVariablesInReturn`).
    func json(variables: JSON? = nil) -> JSON {
        var pairs: [(String, JSON)] = [
            ("links", ResourceLinks.selfLink("/process-instance/\(id)")), ("id", .string(id)),
            ("definitionId", .string(definitionID)), ("definitionKey", .string(definitionKey)),
            ("businessKey", .string(businessKey)), ("caseInstanceId", .null), ("ended", .bool(ended)),
            ("suspended", .bool(suspended)), ("tenantId", .null),
        ]
        if let variables { pairs.append(("variables", variables)) }
        return .object(pairs)
    }

    /// A running instance, or nil (unknown, malformed id, or ended: the runtime API shows running instances only).
    static func find(_ id: String, pool: PostgresPool) async throws -> ProcessInstanceRecord? {
        guard ResourceLinks.isUUID(id) else { return nil }
        return try await pool.withConnection { connection in
            try connection.query(
                "SELECT \(columns) FROM process_instances p WHERE p.id = $1::uuid AND p.state = 'active'",
                [.text(id.lowercased())]
            ).rows.first.map(ProcessInstanceRecord.init(row:))
        }
    }

    /// The instance's core state from its snapshot (nil when the instance does not exist).
    static func state(_ id: String, pool: PostgresPool) async throws -> (definitionID: String, state: InstanceState)? {
        guard ResourceLinks.isUUID(id) else { return nil }
        let row: (String, String)? = try await pool.withConnection { connection in
            try connection.query(
                "SELECT definition_id, snapshot::text AS snapshot FROM process_instances WHERE id = $1::uuid",
                [.text(id.lowercased())]
            ).rows.first.map { (try $0.decode("definition_id"), try $0.decode("snapshot")) }
        }
        guard let (definitionID, snapshot) = row else { return nil }
        do {
            return (definitionID, try InstanceState(snapshotJSON: snapshot))
        } catch {
            throw RESTError.engineFailure("Process instance \(id) cannot be read: \(error)")
        }
    }
}

/// Reviewers see only the instances in which they have a task they can see (assignee, candidate user or candidate
/// group); admins and analysts see every instance (contract §3, Baton's roles).
enum InstanceVisibility {
    /// The principal when its instance reads are restricted.
    static func restricted(_ request: APIRequest) -> Principal? {
        guard let principal = request.principal, !principal.isAdmin, !principal.roles.contains(.analysts) else {
            return nil
        }
        return principal
    }

    /// The SQL condition on `p` (a `process_instances` alias) for a restricted principal.
    static func condition(_ principal: Principal, _ sql: SQLFilterBuilder) -> String {
        let user = sql.bind(.text(principal.userID))
        let groups = sql.bind(.textArray(principal.groups))
        return """
            EXISTS (SELECT 1 FROM user_tasks t WHERE t.process_instance_id = p.id AND (t.assignee = \(user)
                OR EXISTS (SELECT 1 FROM task_candidates c WHERE c.task_id = t.id
                    AND ((c.kind = 'user' AND c.identity = \(user))
                        OR (c.kind = 'group' AND c.identity = ANY(\(groups)::text[]))))))
            """
    }

    /// Throws 403 when a restricted principal may not read the instance.
    static func check(_ request: APIRequest, instanceID: String, pool: PostgresPool) async throws {
        guard let principal = restricted(request) else { return }
        let sql = SQLFilterBuilder()
        let id = sql.bind(.text(instanceID.lowercased()))
        let text = "SELECT 1 FROM process_instances p WHERE p.id::text = \(id) AND \(condition(principal, sql))"
        let parameters = sql.parameters
        let visible: Bool = try await pool.withConnection { connection in
            !(try connection.query(text, parameters).rows.isEmpty)
        }
        guard visible else {
            throw RESTError.forbidden(
                userID: principal.userID, permission: "READ", resource: "ProcessInstance", resourceID: instanceID)
        }
    }
}

/// The filters and sorting of `GET`/`POST /process-instance` (contract §2.4).
enum ProcessInstanceQuery {
    static let sortColumns: [String: String?] = [
        "instanceId": "p.id", "definitionKey": "p.definition_key", "definitionId": "p.definition_id",
        "tenantId": nil, "businessKey": "p.business_key",
    ]

    static func filter(_ request: APIRequest) throws -> SQLFilterBuilder {
        let filters = try request.filters()
        let sql = SQLFilterBuilder()
        sql.add("p.state = 'active'")
        if let ids = try filters.strings("processInstanceIds") { sql.any("p.id::text", ids.map { $0.lowercased() }) }
        sql.equal("p.business_key", try filters.string("businessKey"))
        sql.like("p.business_key", try filters.string("businessKeyLike"))
        if try filters.string("caseInstanceId") != nil { sql.add("false") }  // Baton has no cases
        sql.equal("p.definition_id", try filters.string("processDefinitionId"))
        // By key through the definitions of that key: process_instances has no index of its own on the key (0015).
        let byKey = [
            try filters.string("processDefinitionKey").map { [$0] }, try filters.strings("processDefinitionKeyIn"),
        ]
        for keys in byKey.compactMap({ $0 }) where !keys.isEmpty {
            sql.add(
                "p.definition_id IN (SELECT d.id FROM process_definitions d WHERE d.key = ANY("
                    + "\(sql.bind(.textArray(keys)))::text[]))")
        }
        if let keys = try filters.strings("processDefinitionKeyNotIn"), !keys.isEmpty {
            sql.add("NOT (p.definition_key = ANY(\(sql.bind(.textArray(keys)))::text[]))")
        }
        if let deployment = try filters.string("deploymentId") {
            sql.add(
                "p.definition_id IN (SELECT d.id FROM process_definitions d WHERE d.deployment_id = "
                    + "\(sql.bind(.text(deployment))))")
        }
        if let parent = try filters.string("superProcessInstance") {
            // Compared as a uuid, so that process_instances_super (migration 0016) finds the called instances; an id
            // that is no uuid matches nothing.
            if ResourceLinks.isUUID(parent) {
                sql.add("p.super_instance_id = \(sql.bind(.text(parent.lowercased())))::uuid")
            } else {
                sql.add("false")
            }
        }
        if let child = try filters.string("subProcessInstance") {
            sql.add(
                "p.id = (SELECT s.super_instance_id FROM process_instances s WHERE s.id::text = "
                    + "\(sql.bind(.text(child.lowercased()))))")
        }
        if try filters.flag("rootProcessInstances") { sql.add("p.super_instance_id IS NULL") }
        if try filters.flag("leafProcessInstances") {
            sql.add(
                "NOT EXISTS (SELECT 1 FROM process_instances s WHERE s.super_instance_id = p.id AND s.state = 'active')"
            )
        }
        if try filters.flag("active") { sql.add("NOT p.suspended") }
        if try filters.flag("suspended") { sql.add("p.suspended") }
        if try filters.flag("withIncident") { sql.add("p.has_incident") }
        var incident: [String] = []
        if let id = try filters.string("incidentId") {
            incident.append("i.id::text = \(sql.bind(.text(id.lowercased())))")
        }
        if let type = try filters.string("incidentType") { incident.append("i.type = \(sql.bind(.text(type)))") }
        if let message = try filters.string("incidentMessage") {
            incident.append("i.message = \(sql.bind(.text(message)))")
        }
        if let like = try filters.string("incidentMessageLike") {
            incident.append("i.message LIKE \(sql.bind(.text(like)))")
        }
        if !incident.isEmpty {
            sql.add(
                "EXISTS (SELECT 1 FROM incidents i WHERE i.process_instance_id = p.id AND "
                    + incident.joined(separator: " AND ") + ")")
        }
        if let activities = try filters.strings("activityIdIn"), !activities.isEmpty {
            sql.add(
                "EXISTS (SELECT 1 FROM element_instances e WHERE e.process_instance_id = p.id AND e.element_id = "
                    + "ANY(\(sql.bind(.textArray(activities)))::text[]))")
        }
        if let tenants = try filters.strings("tenantIdIn") {
            sql.any("NULL::text", tenants)  // Baton has no tenants: no instance has a tenant id
        }
        let variables = try VariableFilterSQL.parse(filters, request: request)
        let ignoreNames = try filters.flag("variableNamesIgnoreCase")
        let ignoreValues = try filters.flag("variableValuesIgnoreCase")
        for filter in variables {
            sql.add(try filter.condition(sql, ignoreNameCase: ignoreNames, ignoreValueCase: ignoreValues))
        }
        if let principal = InstanceVisibility.restricted(request) {
            sql.add(InstanceVisibility.condition(principal, sql))
        }
        return sql
    }

    static func list(_ request: APIRequest, pool: PostgresPool) async throws -> [ProcessInstanceRecord] {
        let sql = try filter(request)
        let order = SQLFilterBuilder.orderBy(
            try request.sorting(allowed: Set(sortColumns.keys)), columns: sortColumns, then: ["p.started_at", "p.id"])
        let text =
            "SELECT \(ProcessInstanceRecord.columns) FROM process_instances p\(sql.whereClause)\(order)"
            + (try request.paging().sql)
        let parameters = sql.parameters
        return try await pool.withConnection { connection in
            try connection.query(text, parameters).rows.map(ProcessInstanceRecord.init(row:))
        }
    }

    static func count(_ request: APIRequest, pool: PostgresPool) async throws -> Int {
        let sql = try filter(request)
        let text = "SELECT count(*)::int8 AS n FROM process_instances p\(sql.whereClause)"
        let parameters = sql.parameters
        return try await pool.withConnection { connection in
            try connection.query(text, parameters).rows.first?.decode("n") ?? 0
        }
    }
}
