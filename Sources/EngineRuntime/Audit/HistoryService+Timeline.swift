import PostgresClient

extension HistoryService {
    /// The audit timeline of one process instance: its history events that match `query`, in `sequence` order,
    /// paged by `query.firstResult`/`maxResults`, each with time, actor, element, changes, reason and hash
    /// (docs/audit.md). Filtering and paging run in PostgreSQL on the instance's rows only.
    ///
    /// Throws `HistoryError.notFound` when the instance has no history (or the id is no UUID),
    /// `HistoryError.invalidFilter` for negative paging values or an empty type, `EngineError.storage` when the
    /// database fails.
    public func timeline(processInstanceId: String, query: TimelineQuery = .init()) async throws -> [TimelineEntry] {
        try query.validate()
        let instance = try Self.timelineInstance(processInstanceId)
        let engine = self.engine
        return try await run { connection in
            try Self.requireHistory(instance, processInstanceId, on: connection)
            let reader = try TimelineReader(engine: engine, instance: instance, on: connection)
            let (sql, parameters) = TimelineSQL.statement(instance: instance, query: query, count: false)
            return try connection.query(sql, parameters).rows.map { try reader.entry($0) }
        }
    }

    /// How many events of the instance's timeline match `query` (paging ignored); errors as `timeline`.
    public func timelineCount(processInstanceId: String, query: TimelineQuery = .init()) async throws -> Int {
        try query.validate()
        let instance = try Self.timelineInstance(processInstanceId)
        return try await run { connection in
            try Self.requireHistory(instance, processInstanceId, on: connection)
            let (sql, parameters) = TimelineSQL.statement(instance: instance, query: query, count: true)
            return try connection.query(sql, parameters).rows.first?.decode("n") ?? 0
        }
    }

    private static func timelineInstance(_ id: String) throws -> String {
        guard let instance = HistoryIDs.canonicalUUID(id) else { throw notFound(id) }
        return instance
    }

    private static func requireHistory(_ instance: String, _ id: String, on connection: PostgresConnection) throws {
        let found: Bool = try connection.query(TimelineSQL.exists, [.text(instance)]).rows.first?.decode("found") ?? false
        guard found else { throw notFound(id) }
    }

    private static func notFound(_ id: String) -> HistoryError {
        .notFound("Historic process instance with id \(id) does not exist")
    }
}
