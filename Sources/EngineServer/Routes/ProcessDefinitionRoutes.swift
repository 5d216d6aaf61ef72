/// The ProcessDefinition endpoints of the Camunda REST API (contract §2).
enum ProcessDefinitionRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {}
}
