import EngineRuntime

/// `PUT /history/user-operation/{operationId}/set-annotation` and `…/clear-annotation` (contract §2.9): an
/// operator's note on an operation, appended to history as an `operationAnnotated` event.
enum OperationAnnotationRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {
        let engine = api.services.engine
        api.add(
            .put, "/history/user-operation/{operationId}/set-annotation", tag: "History",
            summary: "Sets the operator's note on a user operation (recorded in history with who wrote it)",
            access: .operations
        ) { request in
            guard let annotation = try BodyFields.string(try request.jsonObject(), "annotation") else {
                throw RESTError.invalidRequest("annotation is required: send {\"annotation\": \"…\"}")
            }
            try await engine.setOperationAnnotation(
                request.parameter("operationId"), annotation: annotation, origin: request.origin)
            return .noContent
        }
        api.add(
            .put, "/history/user-operation/{operationId}/clear-annotation", tag: "History",
            summary: "Clears the operator's note on a user operation (recorded in history)", access: .operations
        ) { request in
            try await engine.setOperationAnnotation(
                request.parameter("operationId"), annotation: nil, origin: request.origin)
            return .noContent
        }
    }
}
