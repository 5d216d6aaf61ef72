/// The History endpoints of the Camunda REST API (contract §2).
enum HistoryRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {}
}
