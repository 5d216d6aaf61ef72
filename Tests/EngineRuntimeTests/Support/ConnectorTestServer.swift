import Expressions
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A request the connector test server received.
struct ConnectorRecordedRequest: Sendable, Hashable {
    var method: String
    var uri: String
    /// Header values by lower-cased name (repeated headers joined with ", ").
    var headers: [String: String]
    var body: String
}

/// The requests a test server received, shared with its handlers.
final class ConnectorRequestLog: Sendable {
    private let requests = Mutex<[ConnectorRecordedRequest]>([])

    func append(_ request: ConnectorRecordedRequest) {
        requests.withLock { $0.append(request) }
    }

    var all: [ConnectorRecordedRequest] {
        requests.withLock { $0 }
    }
}

/// An HTTP/1.1 server on 127.0.0.1 and a free port for the connector tests. Routes:
/// - `/echo…`: 200, JSON `{"method","uri","body","headers"}` of the request, header `X-Echo: yes`;
/// - `/text`: 200, `text/plain` body `hello`;
/// - `/status/N…`: status N, `text/plain` body `status N`;
/// - `/sleep/MS`: 200 after MS milliseconds;
/// - `/slowbody/MS`: 200 and half of the body at once, the rest after MS milliseconds.
final class ConnectorTestServer: Sendable {
    let port: Int
    let log: ConnectorRequestLog
    private let channel: any Channel

    private init(port: Int, log: ConnectorRequestLog, channel: any Channel) {
        self.port = port
        self.log = log
        self.channel = channel
    }

    /// Starts a server; stop it with `stop()`.
    static func start() async throws -> ConnectorTestServer {
        let log = ConnectorRequestLog()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ConnectorTestHandler(log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw ConnectorTestServerError.noPort }
        return ConnectorTestServer(port: port, log: log, channel: channel)
    }

    /// `http://127.0.0.1:<port><path>`.
    func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// The `host:port` key of this server in the circuit breaker.
    var hostKey: String {
        "127.0.0.1:\(port)"
    }

    /// How many requests reached the server.
    var requestCount: Int {
        log.all.count
    }

    func stop() async throws {
        try await channel.close()
    }
}

enum ConnectorTestServerError: Error {
    case noPort
}

/// Answers one connection's requests by route.
final class ConnectorTestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let log: ConnectorRequestLog
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(log: ConnectorRequestLog) {
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = []
        case .body(let buffer):
            body.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard let head else { return }
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        var headers: [String: String] = [:]
        for (name, value) in head.headers {
            let key = name.lowercased()
            headers[key] = headers[key].map { $0 + ", " + value } ?? value
        }
        let request = ConnectorRecordedRequest(
            method: head.method.rawValue, uri: head.uri, headers: headers, body: String(decoding: body, as: UTF8.self))
        log.append(request)
        let parts = head.uri.split(separator: "?").first.map { $0.split(separator: "/") } ?? []
        switch parts.first {
        case "echo":
            let echo = Value.map([
                "method": .string(request.method), "uri": .string(request.uri), "body": .string(request.body),
                "headers": .map(request.headers.mapValues { .string($0) }),
            ])
            write(
                200, contentType: "application/json; charset=utf-8", body: echo.jsonText, extra: [("X-Echo", "yes")],
                context: context)
        case "status":
            let status = parts.count > 1 ? Int(parts[1]) ?? 500 : 500
            write(status, contentType: "text/plain", body: "status \(status)", context: context)
        case "sleep":
            let milliseconds = parts.count > 1 ? Int64(parts[1]) ?? 1_000 : 1_000
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(milliseconds)) {
                self.write(200, contentType: "text/plain", body: "slept", context: context)
            }
        case "slowbody":
            let milliseconds = parts.count > 1 ? Int64(parts[1]) ?? 1_000 : 1_000
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "text/plain")
            headers.add(name: "Content-Length", value: "10")
            let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "first")))), promise: nil)
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(milliseconds)) {
                guard context.channel.isActive else { return }
                context.write(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "-last")))), promise: nil)
                context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
            }
        default:
            write(200, contentType: "text/plain", body: "hello", context: context)
        }
    }

    private func write(
        _ status: Int, contentType: String, body: String, extra: [(String, String)] = [],
        context: ChannelHandlerContext
    ) {
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        for (name, value) in extra { headers.add(name: name, value: value) }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
