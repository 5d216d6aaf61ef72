import Expressions
import PostgresClient

extension Engine {
    /// The open incidents matching `query`, in its order, one page of them.
    public func incidents(_ query: IncidentQuery, page: QueryPage = .all) async throws -> [IncidentInfo] {
        try page.validate()
        return try await pool.withConnection { connection in
            var conditions = Self.conditions(query)
            let order = query.sorting.map { sort -> String in
                let column: String
                switch sort.key {
                case .incidentId: column = "q.id"
                case .incidentMessage: column = "q.message"
                case .incidentTimestamp: column = "q.created_at"
                case .incidentType: column = "q.type"
                case .processInstanceId: column = "q.process_instance_id"
                case .processDefinitionId: column = "q.definition_id"
                case .activityId: column = "q.element_id"
                case .configuration: column = "q.configuration"
                }
                return "\(column) \(sort.ascending ? "ASC NULLS FIRST" : "DESC NULLS LAST")"
            }
            let tail = conditions.tail(order: order, tieBreaker: "q.id", page: page)
            let rows = try connection.query(
                "SELECT \(IncidentInfo.columns) FROM \(IncidentInfo.source) \(conditions.whereClause) \(tail)",
                conditions.parameters)
            return try rows.rows.map { try IncidentInfo(row: $0) }
        }
    }

    /// How many open incidents match `query`.
    public func countIncidents(_ query: IncidentQuery) async throws -> Int {
        try await pool.withConnection { connection in
            let conditions = Self.conditions(query)
            return try connection.query(
                "SELECT count(*) AS n FROM \(IncidentInfo.source) \(conditions.whereClause)", conditions.parameters
            ).rows.first?.decode("n") ?? 0
        }
    }

    /// One open incident; `.notFound` ("Incident with id X does not exist") when there is none.
    public func incident(_ id: String) async throws -> IncidentInfo {
        try await pool.withConnection { connection in
            guard let uuid = ExternalTaskRecord.canonicalID(id),
                let row = try connection.query(
                    "SELECT \(IncidentInfo.columns) FROM \(IncidentInfo.source) WHERE q.id = $1::uuid", [.text(uuid)]
                ).rows.first
            else { throw Self.incidentNotFound(id) }
            return try IncidentInfo(row: row)
        }
    }

    /// Sets (or, with nil, clears) the operator's note on an incident (Camunda's `PUT /incident/{id}/annotation`);
    /// the instance's history records who changed it, from what, to what (`incidentAnnotated`).
    public func setIncidentAnnotation(_ id: String, annotation: String?, origin: CommandOrigin = .engine) async throws {
        let now = clock.now()
        try await transaction { connection in
            guard let uuid = ExternalTaskRecord.canonicalID(id),
                let row = try connection.query(
                    """
                    WITH old AS (SELECT id, annotation FROM incidents WHERE id = $1::uuid FOR UPDATE)
                    UPDATE incidents i SET annotation = $2 FROM old WHERE i.id = old.id
                    RETURNING i.process_instance_id::text AS pid, i.incident_key, i.element_id, i.element_instance_key,
                        old.annotation AS previous
                    """,
                    [.text(uuid), SQLText.optional(annotation)]
                ).rows.first
            else { throw Self.incidentNotFound(id) }
            try OperationalHistory(connection: connection, cache: self.instanceCache).append(
                instanceID: try row.decode("pid"), type: "incidentAnnotated", elementID: try row.decode("element_id"),
                elementInstanceKey: try row.decode("element_instance_key"),
                payload: [
                    "incidentId": .string(uuid), "incident": .integer(try row.decode("incident_key")),
                    "annotation": annotation.map(Value.string) ?? .null,
                    "previous": try row.decode("previous", as: String?.self).map(Value.string) ?? .null,
                ],
                actor: origin.actor, command: "setIncidentAnnotation", now: now)
        }
    }

    /// Camunda's 404 text for an incident.
    static func incidentNotFound(_ id: String) -> EngineError {
        .notFound("Incident with id \(id) does not exist")
    }

    private static func conditions(_ query: IncidentQuery) -> QueryConditions {
        var conditions = QueryConditions()
        if let id = query.incidentID { conditions.equal("q.id::text", ExternalTaskRecord.canonicalID(id) ?? id) }
        conditions.equal("q.type", query.incidentType)
        conditions.equal("q.message", query.incidentMessage)
        if let pattern = query.incidentMessageLike {
            conditions.add("q.message LIKE \(conditions.bind(.text(pattern)))")
        }
        conditions.equal("q.process_instance_id::text", query.processInstanceID?.lowercased())
        conditions.equal("q.definition_id", query.processDefinitionID)
        conditions.any("q.definition_id", query.processDefinitionIDs)
        conditions.equal("q.definition_key", query.processDefinitionKey)
        conditions.equal("q.element_id", query.activityID)
        if let configuration = query.configuration {
            conditions.equal("q.configuration", ExternalTaskRecord.canonicalID(configuration) ?? configuration)
        }
        if let before = query.incidentTimestampBefore {
            conditions.add("q.created_at < \(conditions.bind(.text(before.iso8601)))::timestamptz")
        }
        if let after = query.incidentTimestampAfter {
            conditions.add("q.created_at > \(conditions.bind(.text(after.iso8601)))::timestamptz")
        }
        return conditions
    }
}

extension IncidentInfo {
    /// The incidents with their definition key and configuration (the job or external task of the element), as
    /// `q`.
    static let source = """
        (SELECT i.*, d.key AS definition_key,
            coalesce(i.job_id::text, CASE i.type
                WHEN 'failedJob' THEN (
                    SELECT j.id::text FROM jobs j
                    WHERE j.process_instance_id = i.process_instance_id
                      AND j.element_instance_key = i.element_instance_key
                    ORDER BY j.exception_message IS NULL, j.created_at LIMIT 1)
                WHEN 'failedExternalTask' THEN (
                    SELECT t.id::text FROM external_tasks t
                    WHERE t.process_instance_id = i.process_instance_id
                      AND t.element_instance_key = i.element_instance_key
                    LIMIT 1)
                END) AS configuration
         FROM incidents i LEFT JOIN process_definitions d ON d.id = i.definition_id) q
        """

    /// The select list on `q`.
    static let columns = """
        q.id::text AS id, q.incident_key, q.type, q.message, \(epochMilliseconds("q.created_at")) AS created_ms,
        q.process_instance_id::text AS pid, q.definition_id, q.definition_key, q.element_id, q.element_instance_key,
        q.configuration, q.annotation
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        incidentKey = try row.decode("incident_key")
        incidentType = try row.decode("type")
        incidentMessage = try row.decode("message")
        incidentTimestamp = DateTime(epochMilliseconds: try row.decode("created_ms"), offsetSeconds: 0)
        processInstanceID = try row.decode("pid")
        processDefinitionID = try row.decode("definition_id")
        processDefinitionKey = try row.decode("definition_key", as: String?.self)
        activityID = try row.decode("element_id")
        elementInstanceKey = try row.decode("element_instance_key", as: Int?.self)
        configuration = try row.decode("configuration", as: String?.self)
        annotation = try row.decode("annotation", as: String?.self)
    }
}
