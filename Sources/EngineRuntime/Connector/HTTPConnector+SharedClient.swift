import AsyncHTTPClient

extension HTTPConnector {
    /// The client connectors use when none is given: created on first use, shared by the process, never shut down.
    ///
    /// Unlike AsyncHTTPClient's `HTTPClient.shared`, it does not retry failed connection attempts (a refused
    /// connection fails the call at once: the job executor owns retries and backoff), connects within 10 s, follows
    /// at most 5 redirects without cycles, and decompresses gzip or deflate bodies up to 25 times their size.
    public static var sharedClient: HTTPClient {
        connectorSharedClient
    }
}

private let connectorSharedClient: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
    configuration.timeout = .init(connect: .seconds(10), read: nil)
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.decompression = .enabled(limit: .ratio(25))
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
}()
