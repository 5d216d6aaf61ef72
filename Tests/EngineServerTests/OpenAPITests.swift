import Foundation
import EngineServer
import HTTPTypes
import Testing

@Suite struct OpenAPITests {
    static func concrete(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") ? "nosuchid" : String(segment)
        }.joined(separator: "/")
    }

    @Test func theDocumentListsExactlyTheRegisteredRoutes() async throws {
        let harness = try await RESTHarness.make()
        let routes = harness.server.routes
        try await harness.run { client in
            let response = try await client.get("/openapi.json", as: nil)
            #expect(response.status == .ok)
            let document = response.json
            #expect(document["openapi"] == .string("3.0.3"))
            var documented: Set<String> = []
            for (path, item) in document["paths"]?.objectValue ?? [] {
                for (method, _) in item.objectValue ?? [] { documented.insert("\(method.uppercased()) \(path)") }
            }
            let registered = Set(routes.map { route in
                "\(route.method.rawValue) \(route.tag == "Metrics" ? route.path : "/engine-rest" + route.path)"
            })
            #expect(documented == registered)
            #expect(registered.count == routes.count, "a route is registered twice")
        }
    }

    /// Every documented operation is really routed: a request to it never gets the router's "not served" answer.
    @Test func everyDocumentedOperationIsServed() async throws {
        let harness = try await RESTHarness.make()
        let routes = harness.server.routes
        try await harness.run { client in
            for route in routes where route.tag != "Metrics" {
                let path = Self.concrete(route.path)
                let body: String? = [.post, .put].contains(route.method) ? "{}" : nil
                let response = try await client.request(route.method, path, body: body)
                let notServed = response.json["message"]?.stringValue?.contains("is not served") ?? false
                #expect(!notServed, "\(route.method) \(route.path) is documented but not routed")
                #expect(response.status != .unauthorized, "\(route.method) \(route.path) refused the admin")
                #expect(response.status.code < 500, "\(route.method) \(path) → \(response.status.code) \(response.text)")
            }
        }
    }

    /// Each role × each route: a role the route does not allow gets exactly 403 with Camunda's fields; a role it
    /// allows never gets the route-level 403.
    @Test func authorizationMatrix() async throws {
        let harness = try await RESTHarness.make()
        let routes = harness.server.routes
        let roles: [(user: String, role: Role?)] = [
            ("ana", .analysts), ("rita", .reviewers), ("walt", .workers), ("audrey", .auditors), ("nobody", nil),
        ]
        try await harness.run { client in
            for route in routes where !route.access.isOpen {
                let path = Self.concrete(route.path)
                for (user, role) in roles {
                    let principal = Principal(userID: user, groups: role.map { [$0.rawValue] } ?? [])
                    let allowed = route.access.allows(principal)
                    let body: String? = [.post, .put].contains(route.method) ? "{}" : nil
                    let response = try await client.request(route.method, path, as: user, body: body)
                    if allowed {
                        let routeLevel =
                            response.status == .forbidden
                            && response.json["permissionName"] == .string(route.access.permission)
                            && response.json["resourceId"] == .string("*")
                        #expect(!routeLevel, "\(user) should pass \(route.method) \(route.path)")
                        #expect(response.status != .unauthorized)
                    } else {
                        #expect(response.status == .forbidden, "\(user) must not call \(route.method) \(route.path)")
                        #expect(response.json["type"] == .string("AuthorizationException"))
                        #expect(response.json["userId"] == .string(user))
                    }
                }
            }
        }
    }

    @Test func openRoutesAreExactlyEngineVersionAndTheDocument() async throws {
        let harness = try await RESTHarness.make()
        let open = Set(harness.server.routes.filter(\.access.isOpen).map(\.path))
        #expect(open == ["/engine", "/version", "/openapi.json"])
        await harness.pool.shutdown()
    }
}

@Suite struct RESTDocsTests {
    /// docs/rest-api.md names every served route (its path in backticks, as registered).
    @Test func theDocsNameEveryRoute() async throws {
        let harness = try await RESTHarness.make()
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/rest-api.md")
        // Parameter names may differ ({id} vs {taskId}); the path must appear in backticks.
        func normalized(_ text: String) -> String {
            text.replacing(/\{[A-Za-z]+\}/, with: "{}")
        }
        let text = normalized(try String(contentsOf: docs, encoding: .utf8))
        for route in harness.server.routes {
            let path = normalized(route.path)
            let method = route.method.rawValue
            let forms = ["`\(path)", "`\(method) \(path)", "/ \(method) \(path)"].flatMap { start in
                ["`", "?", " ", "\u{60}"].map { start + $0 }
            }
            #expect(forms.contains { text.contains($0) },
                "docs/rest-api.md does not mention \(route.method) \(route.path)")
        }
        await harness.pool.shutdown()
    }
}
