/// The Job endpoints of the Camunda REST API (contract §2).
enum JobRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {}
}
