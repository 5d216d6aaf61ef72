import HTTPTypes

/// One served endpoint, as registered: the source of the OpenAPI document, `docs/rest-api.md` and the
/// authorization matrix.
public struct RouteSpec: Sendable, Hashable {
    /// GET, POST, …
    public var method: HTTPRequest.Method
    /// The path below `/engine-rest`, with `{name}` parameters, e.g. `/process-definition/{id}/start`.
    public var path: String
    /// What it does, in one line.
    public var summary: String
    /// The family (OpenAPI tag): `Deployment`, `Task`, …
    public var tag: String
    /// Who may call it.
    public var access: Access
    /// Whether an `Idempotency-Key` header makes repeats return the first response.
    public var idempotent: Bool

    /// The path parameter names, in order.
    public var parameterNames: [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    /// The path in Hummingbird's syntax (`:name`).
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }
}
