import EngineRuntime

/// `POST /history/cleanup` (Camunda's endpoint): runs a history cleanup now (docs/audit.md). Camunda schedules a
/// cleanup job and answers it; Baton runs the cleanup within the request and answers what it removed.
enum HistoryCleanupRoutes {
    /// The batch size when the request names none.
    static let defaultBatchSize = 500

    /// Registers the route.
    static func register(on api: APIRouter) {
        let engine = api.services.engine
        api.add(
            .post, "/history/cleanup", tag: "History",
            summary: "Removes the history of finished instances past their historyTimeToLive, leaving signed tombstones",
            access: .admin("HistoricProcessInstance", "DELETE")
        ) { request in
            var batchSize = defaultBatchSize
            if let text = request.query.first("batchSize") {
                guard let value = Int(text), value >= 1 else {
                    throw RESTError.invalidRequest("batchSize must be a whole number of at least 1, not '\(text)'")
                }
                batchSize = value
            }
            let result = try await engine.cleanUpHistory(batchSize: batchSize)
            return .json(.object([
                ("instances", .int(result.instances)), ("events", .int(result.events)),
                ("batches", .int(result.batches)), ("batchSize", .int(batchSize)),
            ]))
        }
    }
}
