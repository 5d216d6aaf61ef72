import HTTPTypes

/// A failed request, answered with Camunda's error body `{"type", "message", "code"?}` (contract §1.4) and the
/// status Camunda uses for that exception type. Nothing was changed when one of these is answered.
public struct RESTError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The Java exception's simple name Camunda clients expect in `type`.
    public var type: String
    /// What went wrong, for people.
    public var message: String
    /// Camunda's engine error code, on engine exceptions (0 fallback, 1 optimistic locking, …).
    public var code: Int?
    /// Further fields of the body (`details` for parse errors; the authorization fields for 403).
    public var extra: [(String, JSON)] = []
    /// Extra response headers.
    public var headers: HTTPFields = [:]

    /// Creates an error.
    public init(
        _ status: HTTPResponse.Status, type: String, message: String, code: Int? = nil, extra: [(String, JSON)] = []
    ) {
        self.status = status
        self.type = type
        self.message = message
        self.code = code
        self.extra = extra
    }

    /// "type: message".
    public var description: String { "\(status.code) \(type): \(message)" }

    /// The error body.
    public var body: JSON {
        var pairs: [(String, JSON)] = [("type", .string(type)), ("message", .string(message))]
        if let code { pairs.append(("code", .int(Int64(code)))) }
        return .object(pairs + extra)
    }
}

extension RESTError {
    /// 400 `InvalidRequestException`: the request itself is wrong (malformed JSON, a wrong type, a missing field).
    public static func invalidRequest(_ message: String) -> RESTError {
        RESTError(.badRequest, type: "InvalidRequestException", message: message)
    }

    /// 404 `InvalidRequestException`: what the path names does not exist.
    public static func notFound(_ message: String) -> RESTError {
        RESTError(.notFound, type: "InvalidRequestException", message: message)
    }

    /// 400 `BadUserRequestException`: the engine refused the request as the user's mistake.
    public static func badUserRequest(_ message: String) -> RESTError {
        RESTError(.badRequest, type: "BadUserRequestException", message: message, code: 0)
    }

    /// 500 `ProcessEngineException`: the engine failed; nothing was changed.
    public static func engineFailure(_ message: String, code: Int = 0) -> RESTError {
        RESTError(.internalServerError, type: "ProcessEngineException", message: message, code: code)
    }

    /// A `RestException` with an explicit status (Camunda's wrapper for engine failures of a REST operation).
    public static func rest(_ status: HTTPResponse.Status, _ message: String) -> RESTError {
        RESTError(status, type: "RestException", message: message)
    }

    /// 401 with an empty body and the Basic challenge (contract §1.4).
    public static var unauthorized: RESTError {
        var error = RESTError(.unauthorized, type: "", message: "")
        error.headers[.wwwAuthenticate] = "Basic realm=\"default\""
        return error
    }

    /// 403 `AuthorizationException` with the fields Camunda adds (contract §1.4).
    public static func forbidden(userID: String, permission: String, resource: String, resourceID: String = "*")
        -> RESTError
    {
        let message =
            "The user with id '\(userID)' does not have '\(permission)' permission on resource '\(resourceID)' of "
            + "type '\(resource)'."
        let missing: JSON = .object([
            ("permissionName", .string(permission)), ("resourceName", .string(resource)),
            ("resourceId", .string(resourceID)),
        ])
        return RESTError(
            .forbidden, type: "AuthorizationException", message: message,
            extra: [
                ("resourceName", .string(resource)), ("resourceId", .string(resourceID)),
                ("permissionName", .string(permission)), ("userId", .string(userID)),
                ("missingAuthorizations", .array([missing])),
            ])
    }
}
