/// `GET /engine` and `GET /version` (contract §2.1): open, no authentication.
enum EngineRoutes {
    /// The Camunda version Baton's API corresponds to.
    static let camundaVersion = "7.24.0"

    /// Registers the routes.
    static func register(on api: APIRouter) {
        api.add(.get, "/engine", tag: "Engine", summary: "The process engines (always `default`)", access: .open) { _ in
            .json(.array([.object([("name", .string("default"))])]))
        }
        api.add(.get, "/version", tag: "Engine", summary: "The Camunda REST API version served", access: .open) { _ in
            .json(.object([("version", .string(camundaVersion))]))
        }
    }
}
