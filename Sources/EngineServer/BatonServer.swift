import EngineRuntime
import Hummingbird
import Logging
import Prometheus

/// The Camunda-7-compatible REST server over an `Engine`: builds the router with every route family and the
/// Hummingbird application.
public struct BatonServer: Sendable {
    /// What the routes share.
    public let services: ServerServices
    /// Every served route.
    public let routes: [RouteSpec]
    let responder: RouterResponder<BatonRequestContext>

    /// Builds the server's routes over an engine.
    /// - Parameter metrics: the registry `GET /metrics` exposes (nil: no metrics route).
    public init(
        engine: Engine, configuration: ServerConfiguration = .init(), metrics: PrometheusCollectorRegistry? = nil
    ) {
        let services = ServerServices(engine: engine, configuration: configuration)
        let router = Router(context: BatonRequestContext.self)
        router.add(middleware: RequestMiddleware())
        let api = APIRouter(router: router, services: services)
        EngineRoutes.register(on: api)
        IdentityRoutes.register(on: api)
        DeploymentRoutes.register(on: api)
        ProcessDefinitionRoutes.register(on: api)
        ProcessInstanceRoutes.register(on: api)
        TaskRoutes.register(on: api)
        ExternalTaskRoutes.register(on: api)
        MessageRoutes.register(on: api)
        JobRoutes.register(on: api)
        IncidentRoutes.register(on: api)
        HistoryRoutes.register(on: api)
        AuditRoutes.register(on: api)
        OperationAnnotationRoutes.register(on: api)
        HistoryCleanupRoutes.register(on: api)
        MetricsRoutes.register(on: api, registry: metrics)
        OpenAPIRoutes.register(on: api)
        self.services = services
        self.routes = api.routes
        self.responder = router.buildResponder()
    }

    /// The engine.
    public var engine: Engine { services.engine }

    /// The Hummingbird application listening on `host:port`.
    public func application(
        host: String, port: Int, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port), serverName: "Baton"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// The routes as a responder (for in-process tests and benchmarks).
    public var httpResponder: some HTTPResponder<BatonRequestContext> { responder }
}
