/// The Task endpoints of the Camunda REST API (contract §2).
enum TaskRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {}
}
