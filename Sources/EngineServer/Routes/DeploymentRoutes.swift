/// The Deployment endpoints of the Camunda REST API (contract §2).
enum DeploymentRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {}
}
