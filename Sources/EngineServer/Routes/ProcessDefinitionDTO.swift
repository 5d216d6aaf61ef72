import EngineRuntime
import PostgresClient

/// A process definition row and its `ProcessDefinitionDto` (contract §2.3; pycamunda reads every key).
struct ProcessDefinitionRecord: Sendable {
    var id: String
    var key: String
    var category: String?
    var description: String?
    var name: String?
    var version: Int
    var resource: String
    var deploymentID: String
    var suspended: Bool
    var versionTag: String?
    var historyTimeToLive: Int?
    var startableInTasklist: Bool

    static let columns = """
        p.id, p.key, p.category, p.description, p.name, p.version, p.resource_name, p.deployment_id, p.suspended,
        p.version_tag, p.history_ttl_days, p.startable
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        key = try row.decode("key")
        category = try row.decode("category", as: String?.self)
        description = try row.decode("description", as: String?.self)
        name = try row.decode("name", as: String?.self)
        version = try row.decode("version")
        resource = try row.decode("resource_name")
        deploymentID = try row.decode("deployment_id")
        suspended = try row.decode("suspended")
        versionTag = try row.decode("version_tag", as: String?.self)
        historyTimeToLive = try row.decode("history_ttl_days", as: Int?.self)
        startableInTasklist = try row.decode("startable")
    }

    /// The DTO with every key (explicit nulls; Baton has no diagrams and no tenants).
    var json: JSON {
        .object([
            ("id", .string(id)), ("key", .string(key)), ("category", .string(category)),
            ("description", .string(description)), ("name", .string(name)), ("version", .int(version)),
            ("resource", .string(resource)), ("deploymentId", .string(deploymentID)), ("diagram", .null),
            ("suspended", .bool(suspended)), ("tenantId", .null), ("versionTag", .string(versionTag)),
            ("historyTimeToLive", .int(historyTimeToLive)), ("startableInTasklist", .bool(startableInTasklist)),
        ])
    }

    /// The definition with an id, or nil.
    static func find(id: String, pool: PostgresPool) async throws -> ProcessDefinitionRecord? {
        try await pool.withConnection { connection in
            try connection.query("SELECT \(columns) FROM process_definitions p WHERE p.id = $1", [.text(id)]).rows
                .first.map(ProcessDefinitionRecord.init(row:))
        }
    }

    /// The latest version of a key, or nil.
    static func latest(key: String, pool: PostgresPool) async throws -> ProcessDefinitionRecord? {
        try await pool.withConnection { connection in
            try connection.query(
                "SELECT \(columns) FROM process_definitions p WHERE p.key = $1 ORDER BY p.version DESC LIMIT 1",
                [.text(key)]
            ).rows.first.map(ProcessDefinitionRecord.init(row:))
        }
    }

    /// The definitions of a deployment, by key.
    static func ofDeployment(_ deploymentID: String, pool: PostgresPool) async throws -> [ProcessDefinitionRecord] {
        try await pool.withConnection { connection in
            try connection.query(
                "SELECT \(columns) FROM process_definitions p WHERE p.deployment_id = $1 ORDER BY p.key",
                [.text(deploymentID)]
            ).rows.map(ProcessDefinitionRecord.init(row:))
        }
    }

    /// The BPMN XML of the definition's resource.
    static func xml(id: String, pool: PostgresPool) async throws -> String? {
        try await pool.withConnection { connection in
            let rows = try connection.query(
                """
                SELECT r.content FROM process_definitions p
                JOIN resources r ON r.deployment_id = p.deployment_id AND r.name = p.resource_name WHERE p.id = $1
                """, [.text(id)])
            return try rows.rows.first.map { row in
                String(decoding: try row.decode("content") as [UInt8], as: UTF8.self)
            }
        }
    }
}

/// The filters and sorting of `GET /process-definition` (contract §2.3).
enum ProcessDefinitionQuery {
    static let sortColumns: [String: String?] = [
        "key": "p.key", "id": "p.id", "name": "p.name", "version": "p.version", "deploymentId": "p.deployment_id",
        "deployTime": "(SELECT d.deployed_at FROM deployments d WHERE d.id = p.deployment_id)",
        "versionTag": "p.version_tag", "category": "p.category", "tenantId": nil,
    ]

    static func filter(_ request: APIRequest) throws -> SQLFilterBuilder {
        let filters = try request.filters()
        let sql = SQLFilterBuilder()
        sql.equal("p.id", try filters.string("processDefinitionId"))
        sql.any("p.id", try filters.strings("processDefinitionIdIn"))
        sql.equal("p.key", try filters.string("key"))
        sql.any("p.key", try filters.strings("keysIn") ?? filters.strings("keyIn"))
        sql.like("p.key", try filters.string("keyLike"))
        sql.equal("p.name", try filters.string("name"))
        sql.like("p.name", try filters.string("nameLike"))
        sql.equal("p.category", try filters.string("category"))
        sql.like("p.category", try filters.string("categoryLike"))
        sql.equal("p.deployment_id", try filters.string("deploymentId"))
        sql.equal("p.resource_name", try filters.string("resourceName"))
        sql.like("p.resource_name", try filters.string("resourceNameLike"))
        if let after = try filters.date("deployedAfter") {
            sql.add(
                "(SELECT d.deployed_at FROM deployments d WHERE d.id = p.deployment_id) > "
                    + "\(sql.bind(.text(after.iso8601)))::timestamptz")
        }
        if let version = try filters.int("version") { sql.add("p.version = \(sql.bind(.int(version)))") }
        if try filters.flag("latestVersion") {
            sql.add("p.version = (SELECT max(l.version) FROM process_definitions l WHERE l.key = p.key)")
        }
        sql.equal("p.version_tag", try filters.string("versionTag"))
        sql.like("p.version_tag", try filters.string("versionTagLike"))
        if try filters.flag("withoutVersionTag") { sql.add("p.version_tag IS NULL") }
        if try filters.flag("active") { sql.add("NOT p.suspended") }
        if try filters.flag("suspended") { sql.add("p.suspended") }
        if try filters.flag("startableInTasklist") { sql.add("p.startable") }
        if try filters.flag("notStartableInTasklist") { sql.add("NOT p.startable") }
        if let user = try filters.string("startableBy") {
            // Approximation: the user is a candidate starter (camunda:candidateStarterUsers) or in one of the
            // candidate starter groups (camunda:candidateStarterGroups). Baton has no authorization rows.
            let bound = sql.bind(.text(user))
            sql.add(
                "(\(bound) = ANY(p.candidate_starter_users) OR EXISTS (SELECT 1 FROM memberships m WHERE "
                    + "m.user_id = \(bound) AND m.group_id = ANY(p.candidate_starter_groups)))")
        }
        if let tenants = try filters.strings("tenantIdIn") {
            // Baton has no tenants: no definition has a tenant id.
            if try !filters.flag("includeProcessDefinitionsWithoutTenantId") {
                sql.any("NULL::text", tenants)
            }
        }
        return sql
    }

    static func list(_ request: APIRequest, pool: PostgresPool) async throws -> [ProcessDefinitionRecord] {
        let sql = try filter(request)
        let order = SQLFilterBuilder.orderBy(
            try request.sorting(allowed: Set(sortColumns.keys)), columns: sortColumns, then: ["p.key", "p.version"])
        let text =
            "SELECT \(ProcessDefinitionRecord.columns) FROM process_definitions p\(sql.whereClause)\(order)"
            + (try request.paging().sql)
        let parameters = sql.parameters
        return try await pool.withConnection { connection in
            try connection.query(text, parameters).rows.map(ProcessDefinitionRecord.init(row:))
        }
    }

    static func count(_ request: APIRequest, pool: PostgresPool) async throws -> Int {
        let sql = try filter(request)
        let text = "SELECT count(*)::int8 AS n FROM process_definitions p\(sql.whereClause)"
        let parameters = sql.parameters
        return try await pool.withConnection { connection in
            try connection.query(text, parameters).rows.first?.decode("n") ?? 0
        }
    }
}
