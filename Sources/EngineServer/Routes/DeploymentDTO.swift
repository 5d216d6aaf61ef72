import EngineRuntime
import Expressions
import PostgresClient

/// A deployment row and its Camunda DTO (contract §2.2).
struct DeploymentRecord: Sendable {
    var id: String
    var name: String?
    var source: String?
    var deployedAt: DateTime
    var tenantID: String?

    static let columns =
        "d.id, d.name, d.source, d.tenant_id, (extract(epoch FROM d.deployed_at) * 1000)::int8 AS deployed_ms"

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        name = try row.decode("name", as: String?.self)
        source = try row.decode("source", as: String?.self)
        tenantID = try row.decode("tenant_id", as: String?.self)
        deployedAt = DateTime(epochMilliseconds: Int64(try row.decode("deployed_ms") as Int), offsetSeconds: 0)
    }

    /// `{links, id, name, source, deploymentTime, tenantId}`.
    var json: JSON { .object(pairs) }

    var pairs: [(String, JSON)] {
        [
            ("links", ResourceLinks.selfLink("/deployment/\(id)")), ("id", .string(id)), ("name", .string(name)),
            ("source", .string(source)), ("deploymentTime", CamundaDate.json(deployedAt)),
            ("tenantId", .string(tenantID)),
        ]
    }

    /// The create response: the DTO plus the deployed definitions (null when nothing new was deployed) and nulls
    /// for the case, decision and decision requirements definitions Baton does not have.
    func createdJSON(definitions: [ProcessDefinitionRecord]?) -> JSON {
        let deployed: JSON = definitions.map { list in .object(list.map { ($0.id, $0.json) }) } ?? .null
        return .object(
            pairs + [
                ("deployedProcessDefinitions", deployed), ("deployedCaseDefinitions", .null),
                ("deployedDecisionDefinitions", .null), ("deployedDecisionRequirementsDefinitions", .null),
            ])
    }

    /// One deployment, or nil.
    static func find(_ id: String, pool: PostgresPool) async throws -> DeploymentRecord? {
        try await pool.withConnection { connection in
            try connection.query("SELECT \(columns) FROM deployments d WHERE d.id = $1", [.text(id)]).rows.first
                .map(DeploymentRecord.init(row:))
        }
    }
}

/// The filters and sorting of `GET /deployment` (contract §2.2).
enum DeploymentQuery {
    static let sortColumns: [String: String?] = [
        "id": "d.id", "name": "d.name", "deploymentTime": "d.deployed_at", "tenantId": nil,
    ]

    static func filter(_ request: APIRequest) throws -> SQLFilterBuilder {
        let filters = try request.filters()
        let sql = SQLFilterBuilder()
        sql.equal("d.id", try filters.string("id"))
        sql.equal("d.name", try filters.string("name"))
        sql.like("d.name", try filters.string("nameLike"))
        sql.equal("d.source", try filters.string("source"))
        if try filters.flag("withoutSource") { sql.add("d.source IS NULL") }
        if let tenants = try filters.strings("tenantIdIn") {
            // Baton has no tenants: every deployment has tenant id null.
            sql.any("d.tenant_id", tenants)
        }
        if let after = try filters.date("after") {
            sql.add("d.deployed_at > \(sql.bind(.text(after.iso8601)))::timestamptz")
        }
        if let before = try filters.date("before") {
            sql.add("d.deployed_at < \(sql.bind(.text(before.iso8601)))::timestamptz")
        }
        return sql
    }

    static func list(_ request: APIRequest, pool: PostgresPool) async throws -> [DeploymentRecord] {
        let sql = try filter(request)
        let order = SQLFilterBuilder.orderBy(
            try request.sorting(allowed: Set(sortColumns.keys)), columns: sortColumns, then: ["d.deployed_at", "d.id"])
        let text =
            "SELECT \(DeploymentRecord.columns) FROM deployments d\(sql.whereClause)\(order)\(try request.paging().sql)"
        let parameters = sql.parameters
        return try await pool.withConnection { connection in
            try connection.query(text, parameters).rows.map(DeploymentRecord.init(row:))
        }
    }

    static func count(_ request: APIRequest, pool: PostgresPool) async throws -> Int {
        let sql = try filter(request)
        let text = "SELECT count(*)::int8 AS n FROM deployments d\(sql.whereClause)"
        let parameters = sql.parameters
        return try await pool.withConnection { connection in
            try connection.query(text, parameters).rows.first?.decode("n") ?? 0
        }
    }
}
