import EngineRuntime
import Expressions

/// The incident endpoints (contract §2.8): queries, one by id, annotations.
enum IncidentRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {
        let engine = api.services.engine
        let list: APIRouter.Handler = { request in
            let query = try IncidentQueryReader.query(request)
            return .json(
                .array(try await engine.incidents(query, page: try BodyFields.page(request)).map(IncidentDTO.json)))
        }
        let count: APIRouter.Handler = { request in
            .count(try await engine.countIncidents(try IncidentQueryReader.query(request)))
        }
        api.add(.get, "/incident", tag: "Incident", summary: "Queries open incidents", access: .operations,
            handler: list)
        api.add(.get, "/incident/count", tag: "Incident", summary: "Counts open incidents", access: .operations,
            handler: count)
        api.add(.get, "/incident/{id}", tag: "Incident", summary: "One open incident", access: .operations) {
            request in
            .json(IncidentDTO.json(try await engine.incident(request.parameter("id"))))
        }
        api.add(
            .put, "/incident/{id}/annotation", tag: "Incident", summary: "Sets the operator's note on an incident",
            access: .operations
        ) { request in
            let annotation = try BodyFields.string(try request.jsonObject(), "annotation")
            try await engine.setIncidentAnnotation(
                request.parameter("id"), annotation: annotation, origin: request.origin)
            return .noContent
        }
        api.add(
            .delete, "/incident/{id}/annotation", tag: "Incident", summary: "Clears the note on an incident",
            access: .operations
        ) { request in
            try await engine.setIncidentAnnotation(request.parameter("id"), annotation: nil, origin: request.origin)
            return .noContent
        }
        api.add(
            .delete, "/incident/{id}", tag: "Incident",
            summary: "Resolves a custom incident (Baton raises none: failedJob and failedExternalTask are resolved "
                + "by setting retries)", access: .operations
        ) { request in
            let incident = try await engine.incident(request.parameter("id"))
            throw RESTError.badUserRequest(
                "Cannot resolve an incident of type \(incident.incidentType): set the retries of its job or "
                    + "external task instead")
        }
    }
}

/// Camunda's `IncidentDto`.
enum IncidentDTO {
    static func json(_ incident: IncidentInfo) -> JSON {
        .object([
            ("id", .string(incident.id)),
            ("processDefinitionId", .string(incident.processDefinitionID)),
            ("processInstanceId", .string(incident.processInstanceID)),
            ("executionId", .string(incident.processInstanceID)),
            ("incidentTimestamp", CamundaDate.json(incident.incidentTimestamp)),
            ("incidentType", .string(incident.incidentType)),
            ("activityId", .string(incident.activityID)),
            ("failedActivityId", .string(incident.activityID)),
            ("causeIncidentId", .string(incident.id)),
            ("rootCauseIncidentId", .string(incident.id)),
            ("configuration", .string(incident.configuration)),
            ("tenantId", .null),
            ("incidentMessage", .string(incident.incidentMessage)),
            ("jobDefinitionId", .null),
            ("annotation", .string(incident.annotation)),
        ])
    }
}

/// Reads the incident query's filters and sorting.
enum IncidentQueryReader {
    /// Camunda's sort keys and the ones Baton maps them to.
    static let sortKeys: [String: IncidentQuery.SortKey] = [
        "incidentId": .incidentId, "incidentMessage": .incidentMessage, "incidentTimestamp": .incidentTimestamp,
        "incidentType": .incidentType, "executionId": .processInstanceId, "activityId": .activityId,
        "processInstanceId": .processInstanceId, "processDefinitionId": .processDefinitionId,
        "causeIncidentId": .incidentId, "rootCauseIncidentId": .incidentId, "configuration": .configuration,
    ]

    static func query(_ request: APIRequest) throws(RESTError) -> IncidentQuery {
        let filters = try request.filters()
        var query = IncidentQuery()
        query.incidentID = try filters.string("incidentId")
        if query.incidentID == nil { query.incidentID = try filters.string("causeIncidentId") }
        if query.incidentID == nil { query.incidentID = try filters.string("rootCauseIncidentId") }
        query.incidentType = try filters.string("incidentType")
        query.incidentMessage = try filters.string("incidentMessage")
        query.incidentMessageLike = try filters.string("incidentMessageLike")
        query.processDefinitionID = try filters.string("processDefinitionId")
        query.processDefinitionIDs = try filters.strings("processDefinitionIdIn")
        query.processDefinitionKey = try filters.string("processDefinitionKey")
        query.processInstanceID = try filters.string("processInstanceId")
        if query.processInstanceID == nil { query.processInstanceID = try filters.string("executionId") }
        query.activityID = try filters.string("activityId")
        if query.activityID == nil { query.activityID = try filters.string("failedActivityId") }
        query.configuration = try filters.string("configuration")
        query.incidentTimestampBefore = try filters.date("incidentTimestampBefore")
        query.incidentTimestampAfter = try filters.date("incidentTimestampAfter")
        if let tenants = try filters.strings("tenantIdIn"), !tenants.isEmpty { query.processDefinitionIDs = [] }
        query.sorting = try request.sorting(allowed: Set(sortKeys.keys)).compactMap { key in
            sortKeys[key.by].map { QuerySorting($0, ascending: key.ascending) }
        }
        return query
    }
}
