import Hummingbird

/// The per-request context: the authenticated principal (set by the route wrapper) and the request id.
public struct BatonRequestContext: RequestContext {
    /// Hummingbird's storage (logger, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// Who is calling, once authenticated.
    public var principal: Principal?
    /// The id logged with every line of this request and returned in `X-Request-Id`.
    public var requestID: String = ""

    /// Creates a context for a request.
    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// Request bodies larger than this are refused with 413 (deployments up to 16 MiB of BPMN).
    public var maxUploadSize: Int { 16 * 1024 * 1024 }
}
