/// The ExternalTask endpoints of the Camunda REST API (contract §2).
enum ExternalTaskRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {}
}
