import EngineRuntime
import Foundation

/// `GET /history/process-instance/{id}/timeline` and `…/timeline/count`: the instance's audit timeline (issue 7,
/// docs/audit.md), for auditors and admins.
enum TimelineRoutes {
    /// Registers both routes.
    static func register(on api: APIRouter) {
        let history = api.services.engine.history
        api.add(
            .get, "/history/process-instance/{id}/timeline", tag: "Audit",
            summary: "The instance's audit timeline (json, ndjson or csv), filtered and paged", access: .history
        ) { request in
            let format = try Self.format(request)
            let query = try Self.query(request, paged: true)
            return try await HistoryRouteSupport.mapped {
                let entries = try await history.timeline(processInstanceId: request.parameter("id"), query: query)
                return .bytes(TimelineExport.render(entries, as: format), contentType: format.contentType)
            }
        }
        api.add(
            .get, "/history/process-instance/{id}/timeline/count", tag: "Audit",
            summary: "How many timeline events match the filters", access: .history
        ) { request in
            let query = try Self.query(request, paged: false)
            return try await HistoryRouteSupport.mapped {
                .count(try await history.timelineCount(processInstanceId: request.parameter("id"), query: query))
            }
        }
    }

    /// `format` (default `json`).
    static func format(_ request: APIRequest) throws(RESTError) -> TimelineExport.Format {
        guard let text = request.query.first("format") else { return .json }
        guard let format = TimelineExport.Format(rawValue: text) else {
            throw .invalidRequest("Cannot set query parameter 'format' to value '\(text)': expected json, ndjson or csv")
        }
        return format
    }

    /// The filters (and, for the list, the paging) from the query string; a bad value is a 400 naming it.
    static func query(_ request: APIRequest, paged: Bool) throws(RESTError) -> TimelineQuery {
        let filters = QueryFilters(query: request.query)
        var query = TimelineQuery()
        query.occurredAfter = try filters.date("occurredAfter")
        query.occurredBefore = try filters.date("occurredBefore")
        query.actor = try nonEmpty(filters.string("actor"), "actor")
        query.elementID = try nonEmpty(filters.string("elementId"), "elementId")
        let given = request.query.all("type")
        if !given.isEmpty {
            // Repeated and/or comma-separated; an empty name (`type=`, `a,,b`) is a mistake, not "any type".
            let names = given.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard !names.contains(where: \.isEmpty) else {
                throw .invalidRequest(
                    "Cannot set query parameter 'type' to value '\(given.joined(separator: ","))': "
                        + "expected event type names, none empty")
            }
            query.types = names
        }
        if paged {
            let paging = try request.paging()
            query.firstResult = paging.firstResult
            query.maxResults = paging.maxResults
        }
        return query
    }

    private static func nonEmpty(_ value: String?, _ name: String) throws(RESTError) -> String? {
        guard let value else { return nil }
        guard !value.isEmpty else {
            throw .invalidRequest("Cannot set query parameter '\(name)' to value '': expected a non-empty value")
        }
        return value
    }
}
