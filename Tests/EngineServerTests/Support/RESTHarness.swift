import BatonTestSupport
import EngineRuntime
import EngineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresClient

/// A REST server over a fresh database with one user per role (password: the user id + "-pw"):
/// `admin` (admins), `ana` (analysts), `rita` (reviewers), `walt` (workers), `audrey` (auditors), `nobody` (no group).
struct RESTHarness: Sendable {
    let pool: PostgresPool
    let engine: Engine
    let server: BatonServer

    static let users: [(String, String?)] = [
        ("admin", "admins"), ("ana", "analysts"), ("rita", "reviewers"), ("walt", "workers"), ("audrey", "auditors"),
        ("nobody", nil),
    ]

    static func make(
        clock: EngineClock = .system, authentication: Bool = true, idempotency: Bool = true,
        sensitiveVariables: SensitiveVariables = .none
    ) async throws -> RESTHarness {
        let pool = try await TestDatabase.shared.freshPool()
        let engine = Engine(pool: pool, clock: clock)
        let server = BatonServer(
            engine: engine,
            configuration: ServerConfiguration(
                authenticationEnabled: authentication, passwordIterations: 1_000,
                sensitiveVariables: sensitiveVariables))
        for (user, group) in users {
            try await server.services.identity.createUser(UserProfile(id: user), password: user + "-pw")
            if let group { try await server.services.identity.addMember(group: group, user: user) }
        }
        return RESTHarness(pool: pool, engine: engine, server: server)
    }

    /// Runs `body` against the router (no sockets), then shuts the pool down.
    func run(_ body: @escaping @Sendable (RESTClient) async throws -> Void) async throws {
        let app = server.application(host: "127.0.0.1", port: 0, logger: .init(label: "test"))
        do {
            try await app.test(.router) { client in try await body(RESTClient(client: client)) }
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
    }
}

/// A response with its body decoded.
struct RESTResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let bytes: [UInt8]

    var text: String { String(decoding: bytes, as: UTF8.self) }
    var json: JSON { (try? JSONParser.parse(bytes)) ?? .null }
}

/// Sends requests as one of the harness users.
struct RESTClient: Sendable {
    let client: any TestClientProtocol

    func request(
        _ method: HTTPRequest.Method, _ path: String, as user: String? = "admin", body: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> RESTResponse {
        var headers = headers
        if let user, headers[.authorization] == nil {
            let credentials = Data("\(user):\(user)-pw".utf8).base64EncodedString()
            headers[.authorization] = "Basic \(credentials)"
        }
        if body != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let uri = path.hasPrefix("/") && !path.hasPrefix("/engine-rest") && !path.hasPrefix("/metrics")
            ? "/engine-rest" + path : path
        let response = try await client.executeRequest(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return RESTResponse(
            status: response.status, headers: response.headers, bytes: Array(response.body.readableBytesView))
    }

    func get(_ path: String, as user: String? = "admin") async throws -> RESTResponse {
        try await request(.get, path, as: user)
    }

    func post(_ path: String, _ body: String = "{}", as user: String? = "admin", headers: HTTPFields = [:])
        async throws -> RESTResponse
    {
        try await request(.post, path, as: user, body: body, headers: headers)
    }

    func put(_ path: String, _ body: String = "{}", as user: String? = "admin") async throws -> RESTResponse {
        try await request(.put, path, as: user, body: body)
    }

    func delete(_ path: String, as user: String? = "admin") async throws -> RESTResponse {
        try await request(.delete, path, as: user)
    }
}
