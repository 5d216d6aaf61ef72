import Prometheus

/// `GET /metrics`: the Prometheus text exposition of everything the engine and server record through swift-metrics
/// (admins; Prometheus scrapes with Basic credentials or a bearer token).
enum MetricsRoutes {
    /// Registers the route when a registry is given.
    static func register(on api: APIRouter, registry: PrometheusCollectorRegistry?) {
        guard let registry else { return }
        api.addRoot(
            .get, "/metrics", tag: "Metrics", summary: "Prometheus metrics (text exposition format)",
            access: .admin("Application", "READ")
        ) { _ in
            .bytes(registry.emitToBuffer(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
