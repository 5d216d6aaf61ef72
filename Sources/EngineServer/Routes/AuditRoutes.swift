import EngineRuntime

/// `GET /history/process-instance/{id}/audit`: re-walks the instance's history hash chain (issue 7); for an
/// instance whose history was removed, answers its tombstone and whether its signature verifies.
enum AuditRoutes {
    /// Registers the route.
    static func register(on api: APIRouter) {
        TimelineRoutes.register(on: api)  // the timeline routes (issue 7) belong to the audit family
        let chain = AuditChain(pool: api.services.engine.pool, configuredKey: api.services.engine.auditKey)
        api.add(
            .get, "/history/process-instance/{id}/audit", tag: "Audit",
            summary: "Verifies the instance's history hash chain and names the first broken link", access: .history
        ) { request in
            let id = request.parameter("id")
            guard id.count == 36, id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
                throw RESTError.notFound("Historic process instance with id \(id) does not exist")
            }
            let result = try await chain.verify(instanceID: id)
            guard result.events > 0 || result.tombstone != nil else {
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
                ("tombstone", result.tombstone.map(tombstoneJSON) ?? .null),
            ]))
        }
    }

    /// The `tombstone` object of the audit answer (docs/audit.md).
    static func tombstoneJSON(_ check: TombstoneCheck) -> JSON {
        let tombstone = check.tombstone
        return .object([
            ("reason", .string(tombstone.reason.rawValue)), ("processDefinitionId", .string(tombstone.definitionID)),
            ("processDefinitionKey", .string(tombstone.definitionKey)), ("events", .int(tombstone.eventCount)),
            ("headHash", .string(tombstone.headHash)), ("endTime", CamundaDate.json(tombstone.endedAt)),
            ("removalTime", CamundaDate.json(tombstone.removedAt)), ("removedBy", .string(tombstone.removedBy)),
            ("keyId", .string(tombstone.keyID)), ("signature", .string(tombstone.signature)),
            ("signatureValid", .bool(check.signatureValid)), ("problem", .string(check.problem)),
        ])
    }
}
