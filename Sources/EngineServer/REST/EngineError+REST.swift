import BPMN
import EngineRuntime

extension EngineError {
    /// The Camunda error an engine error is answered with when the route has no more specific mapping.
    public var restError: RESTError {
        switch self {
        case .notFound(let message):
            return .notFound(Self.capitalized(message))
        case .rejected(let message):
            return .badUserRequest(Self.capitalized(message))
        case .correlationFailed(let message):
            return .rest(.badRequest, Self.capitalized(message))
        case .lockViolation(let message):
            return .badUserRequest(Self.capitalized(message))
        case .conflict(let message):
            return RESTError(
                .internalServerError, type: "OptimisticLockingException", message: Self.capitalized(message), code: 1)
        case .corruptState(let message):
            return .engineFailure(Self.capitalized(message))
        case .storage(let error):
            return .engineFailure("Database error: \(error)")
        case .deploymentRefused(let resource, let diagnostics):
            return Self.parseException(resource: resource, diagnostics: diagnostics)
        }
    }

    /// 400 `ParseException` with Camunda's `details` per resource.
    static func parseException(resource: String, diagnostics: [Diagnostic]) -> RESTError {
        func entry(_ diagnostic: Diagnostic) -> JSON {
            let elementID: JSON = diagnostic.elementID.map { .string($0.rawValue) } ?? .null
            return .object([
                ("message", .string(diagnostic.message)),
                ("line", .int(Int64(diagnostic.location.line))),
                ("column", .int(Int64(diagnostic.location.column))),
                ("mainBpmnElementId", elementID),
                ("bpmnElementIds", .array(diagnostic.elementID.map { [.string($0.rawValue)] } ?? [])),
                ("rule", .string(diagnostic.rule.rawValue)),
            ])
        }
        let errors = diagnostics.filter { $0.severity == .error }
        let warnings = diagnostics.filter { $0.severity != .error }
        let first = errors.first.map { $0.formatted(path: resource) } ?? "no executable process"
        let details: JSON = .object([
            (resource, .object([("errors", .array(errors.map(entry))), ("warnings", .array(warnings.map(entry)))]))
        ])
        return RESTError(
            .badRequest, type: "ParseException",
            message: "ENGINE-09005 Could not parse BPMN process. Errors in \(resource): \(first)",
            extra: [("details", details)])
    }

    private static func capitalized(_ message: String) -> String {
        guard let first = message.first else { return message }
        return first.uppercased() + message.dropFirst()
    }
}
