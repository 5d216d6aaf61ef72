import EngineRuntime

/// `GET /history/process-instance/{id}/audit`: re-walks the instance's history hash chain (issue 7).
enum AuditRoutes {
    /// Registers the route.
    static func register(on api: APIRouter) {
        TimelineRoutes.register(on: api)  // the timeline routes (issue 7) belong to the audit family
        let chain = AuditChain(pool: api.services.engine.pool)
        api.add(
            .get, "/history/process-instance/{id}/audit", tag: "Audit",
            summary: "Verifies the instance's history hash chain and names the first broken link", access: .history
        ) { request in
            let id = request.parameter("id")
            guard id.count == 36, id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
                throw RESTError.notFound("Historic process instance with id \(id) does not exist")
            }
            let result = try await chain.verify(instanceID: id)
            guard result.events > 0 else {
                throw RESTError.notFound("Historic process instance with id \(id) does not exist")
            }
            let broken: JSON =
                result.firstBroken.map { link in
                    .object([
                        ("sequence", .int(link.sequence)), ("expectedHash", .string(link.expectedHash)),
                        ("foundHash", .string(link.foundHash)), ("reason", .string(link.reason)),
                    ])
                } ?? .null
            return .json(.object([
                ("valid", .bool(result.isValid)), ("events", .int(result.events)),
                ("headHash", .string(result.headHash)), ("firstBroken", broken),
            ]))
        }
    }
}
