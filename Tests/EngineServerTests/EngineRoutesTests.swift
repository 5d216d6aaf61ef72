import EngineServer
import HTTPTypes
import Testing

@Suite struct EngineRoutesTests {
    @Test func engineAndVersionAreOpen() async throws {
        try await RESTHarness.make().run { client in
            let engines = try await client.get("/engine", as: nil)
            #expect(engines.status == .ok)
            #expect(engines.text == #"[{"name":"default"}]"#)
            let version = try await client.get("/version", as: nil)
            #expect(version.json["version"] == .string("7.24.0"))
            let alias = try await client.get("/engine-rest/engine/default/version", as: nil)
            #expect(alias.status == .ok)
            let other = try await client.get("/engine-rest/engine/other/version", as: nil)
            #expect(other.status == .notFound)
            #expect(other.json["message"] == .string("Process engine other not available"))
        }
    }

    @Test func everyResponseCarriesARequestID() async throws {
        try await RESTHarness.make().run { client in
            let response = try await client.get("/version", as: nil)
            #expect((response.headers[.requestID] ?? "").count >= 32)
            let kept = try await client.request(.get, "/version", as: nil, headers: [.requestID: "abc-123"])
            #expect(kept.headers[.requestID] == "abc-123")
        }
    }

    @Test func unservedPathsAnswer404WithACamundaBody() async throws {
        try await RESTHarness.make().run { client in
            let response = try await client.get("/no-such-thing")
            #expect(response.status == .notFound)
            #expect(response.json["type"] == .string("NotFoundException"))
            #expect(response.json["message"]?.stringValue?.contains("is not served") == true)
        }
    }

    @Test func protectedRoutesNeedCredentials() async throws {
        try await RESTHarness.make().run { client in
            let anonymous = try await client.get("/user")
            #expect(anonymous.status == .ok)  // admin by default
            let none = try await client.get("/user", as: nil)
            #expect(none.status == .unauthorized)
            #expect(none.bytes.isEmpty)
            #expect(none.headers[.wwwAuthenticate] == "Basic realm=\"default\"")
            let wrong = try await client.request(.get, "/user", as: nil, headers: [.authorization: "Basic YWRtaW46eA=="])
            #expect(wrong.status == .unauthorized)
            let garbage = try await client.request(.get, "/user", as: nil, headers: [.authorization: "Basic !!!"])
            #expect(garbage.status == .unauthorized)
        }
    }

    @Test func aRoleWithoutAccessGets403WithCamundasFields() async throws {
        try await RESTHarness.make().run { client in
            let response = try await client.get("/user", as: "rita")
            #expect(response.status == .forbidden)
            #expect(response.json["type"] == .string("AuthorizationException"))
            #expect(response.json["userId"] == .string("rita"))
            #expect(response.json["missingAuthorizations"]?.arrayValue?.count == 1)
        }
    }

    @Test func malformedJSONIsA400() async throws {
        try await RESTHarness.make().run { client in
            let response = try await client.post("/user/create", #"{"profile": {"id": "x"}"#)
            #expect(response.status == .badRequest)
            #expect(response.json["type"] == .string("InvalidRequestException"))
            #expect(response.json["message"]?.stringValue?.contains("not valid JSON") == true)
        }
    }
}
