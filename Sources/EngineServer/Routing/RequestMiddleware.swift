import Foundation
import Hummingbird
import Logging

/// The outermost middleware: gives each request an id (logged on every line, returned in `X-Request-Id`; a valid
/// incoming `X-Request-Id` is kept), logs the request and its outcome, and answers paths nothing serves with a
/// Camunda-style 404 body instead of an empty one.
struct RequestMiddleware: RouterMiddleware {
    typealias Context = BatonRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let incoming = request.headers[.requestID].flatMap { id in
            id.count <= 64 && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } ? id : nil
        }
        let id = incoming ?? UUID().uuidString.lowercased()
        context.requestID = id
        context.logger[metadataKey: "request"] = .string(id)
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            let message =
                error.status == .notFound
                ? "\(request.method.rawValue) \(request.uri.path) is not served by Baton (see docs/rest-api.md)"
                : (error.body ?? error.status.reasonPhrase)
            response = APIResponse.error(
                RESTError(error.status, type: error.status == .notFound ? "NotFoundException" : "RestException",
                    message: message)
            ).response
        } catch {
            response = APIResponse.error(ErrorMapping.restError(for: error, logger: context.logger)).response
        }
        response.headers[.requestID] = id
        let elapsed = ContinuousClock.now - started
        let millis = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info(
            "\(request.method.rawValue) \(request.uri.path) → \(response.status.code)",
            metadata: ["ms": .string(String(format: "%.1f", millis))])
        return response
    }
}
