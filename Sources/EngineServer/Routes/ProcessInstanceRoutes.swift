/// The ProcessInstance endpoints of the Camunda REST API (contract §2).
enum ProcessInstanceRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {}
}
