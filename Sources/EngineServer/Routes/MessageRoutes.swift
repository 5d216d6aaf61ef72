/// The Message endpoints of the Camunda REST API (contract §2).
enum MessageRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {}
}
