/// The Incident endpoints of the Camunda REST API (contract §2).
enum IncidentRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {}
}
