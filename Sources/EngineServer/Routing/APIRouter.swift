import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// Registers REST routes under `/engine-rest` and its alias `/engine-rest/engine/{engineName}` (contract §1.1),
/// wrapping every handler with authentication, authorization, body collection, idempotency and error mapping, and
/// records each route for the OpenAPI document. Used while the server is built, on one task.
public final class APIRouter {
    /// The Hummingbird router the routes go to.
    let router: Router<BatonRequestContext>
    /// The shared services.
    public let services: ServerServices
    /// The routes registered, shared with the OpenAPI route.
    public let catalog = RouteCatalog()

    /// The base path of the Camunda REST API.
    public static let base = "/engine-rest"

    init(router: Router<BatonRequestContext>, services: ServerServices) {
        self.router = router
        self.services = services
    }

    /// Every route registered so far, in order.
    public var routes: [RouteSpec] { catalog.routes }

    /// A handler.
    public typealias Handler = @Sendable (APIRequest) async throws -> APIResponse

    /// Registers a route; `path` is below `/engine-rest` and uses `{name}` for parameters.
    public func add(
        _ method: HTTPRequest.Method, _ path: String, tag: String, summary: String, access: Access,
        idempotent: Bool = false, handler: @escaping Handler
    ) {
        let spec = RouteSpec(
            method: method, path: path, summary: summary, tag: tag, access: access, idempotent: idempotent)
        catalog.append(spec)
        let services = self.services
        let names = spec.parameterNames
        let wrapped: @Sendable (Request, BatonRequestContext) async throws -> Response = { request, context in
            try await Self.serve(request, context: context, spec: spec, names: names, services: services,
                handler: handler)
        }
        router.on(RouterPath(Self.base + spec.routerPath), method: method, use: wrapped)
        router.on(RouterPath(Self.base + "/engine/:engineName" + spec.routerPath), method: method, use: wrapped)
    }

    /// Registers a route outside `/engine-rest` (e.g. `/metrics`), also recorded for OpenAPI.
    public func addRoot(
        _ method: HTTPRequest.Method, _ path: String, tag: String, summary: String, access: Access,
        handler: @escaping Handler
    ) {
        let spec = RouteSpec(method: method, path: path, summary: summary, tag: tag, access: access, idempotent: false)
        catalog.append(spec)
        let services = self.services
        router.on(RouterPath(spec.routerPath), method: method) { request, context in
            try await Self.serve(request, context: context, spec: spec, names: spec.parameterNames,
                services: services, handler: handler)
        }
    }

    private static func serve(
        _ request: Request, context: BatonRequestContext, spec: RouteSpec, names: [String], services: ServerServices,
        handler: Handler
    ) async throws -> Response {
        var request = request
        do {
            if let engineName = context.parameters.get("engineName"), engineName != "default" {
                throw RESTError.notFound("Process engine \(engineName) not available")
            }
            let principal = try await services.authenticator.authenticate(request.headers, access: spec.access)
            if let principal, !spec.access.isOpen, !spec.access.allows(principal) {
                throw RESTError.forbidden(
                    userID: principal.userID, permission: spec.access.permission, resource: spec.access.resource)
            }
            let limit = services.configuration.maximumBodyBytes
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: limit)
            } catch {
                throw RESTError(
                    .contentTooLarge, type: "InvalidRequestException",
                    message: "The request body is larger than the limit of \(limit) bytes")
            }
            var parameters: [String: String] = [:]
            for name in names { parameters[name] = context.parameters.get(name) }
            var apiRequest = APIRequest(
                method: request.method, path: request.uri.path, query: QueryString(request.uri.query),
                headers: request.headers, body: Array(buffer.readableBytesView), parameters: parameters,
                principal: principal, requestID: context.requestID, logger: context.logger)
            apiRequest.sensitiveVariables = services.configuration.sensitiveVariables
            if spec.idempotent, let key = request.headers[.idempotencyKey], let principal {
                return try await services.idempotency.run(
                    key: key, userID: principal.userID, request: apiRequest, handler: handler
                ).response
            }
            return try await handler(apiRequest).response
        } catch {
            return APIResponse.error(ErrorMapping.restError(for: error, logger: context.logger)).response
        }
    }
}

extension HTTPField.Name {
    /// `Idempotency-Key`.
    public static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// `X-Request-Id`.
    public static let requestID = HTTPField.Name("X-Request-Id")!
}

/// The list of registered routes (thread-safe, appended to while the server is built).
public final class RouteCatalog: Sendable {
    private let specs = Mutex<[RouteSpec]>([])

    /// Every route, in registration order.
    public var routes: [RouteSpec] { specs.withLock { $0 } }

    func append(_ spec: RouteSpec) { specs.withLock { $0.append(spec) } }
}
