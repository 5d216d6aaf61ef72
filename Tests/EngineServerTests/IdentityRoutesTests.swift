import EngineServer
import HTTPTypes
import Testing

@Suite struct IdentityRoutesTests {
    @Test func createUserGroupMembershipAndVerify() async throws {
        try await RESTHarness.make().run { client in
            let created = try await client.post(
                "/user/create",
                #"{"profile": {"id": "zoe", "firstName": "Zoe", "lastName": "Z", "email": "z@example.com"}, "credentials": {"password": "s3cret"}}"#)
            #expect(created.status == .noContent)
            let again = try await client.post(
                "/user/create", #"{"profile": {"id": "zoe"}, "credentials": {"password": "x"}}"#)
            #expect(again.status == .badRequest)
            #expect(try await client.post("/group/create", #"{"id": "team", "name": "Team", "type": "WORKFLOW"}"#)
                .status == .noContent)
            #expect(try await client.put("/group/team/members/zoe").status == .noContent)
            #expect(try await client.put("/group/team/members/ghost").status == .notFound)
            let groups = try await client.get("/identity/groups?userId=zoe")
            #expect(groups.json["groups"] == .array([.object([("id", .string("team")), ("name", .string("Team"))])]))
            let verified = try await client.post("/identity/verify", #"{"username": "zoe", "password": "s3cret"}"#)
            #expect(verified.json["authenticated"] == .bool(true))
            let refused = try await client.post("/identity/verify", #"{"username": "zoe", "password": "nope"}"#)
            #expect(refused.json["authenticated"] == .bool(false))
            let profile = try await client.get("/user/zoe/profile")
            #expect(profile.json["email"] == .string("z@example.com"))
            #expect(try await client.get("/user/count?memberOfGroup=team").json["count"] == .int(1))
            #expect(try await client.get("/user/zoe/profile", as: "rita").status == .forbidden)
            #expect(try await client.get("/user/rita/profile", as: "rita").status == .ok)
            #expect(try await client.post("/user/create", #"{"profile": {"id": "bad id"}, "credentials": {"password": "x"}}"#)
                .status == .badRequest)
        }
    }

    @Test func bearerTokensAuthenticateUntilRevoked() async throws {
        try await RESTHarness.make().run { client in
            let created = try await client.post("/identity/token", #"{"name": "ci"}"#, as: "walt")
            #expect(created.status == .ok)
            let token = try #require(created.json["token"]?.stringValue)
            let id = try #require(created.json["id"]?.stringValue)
            let asWorker = try await client.request(.get, "/user/walt/profile", as: nil, headers: [.authorization: "Bearer \(token)"])
            #expect(asWorker.status == .ok)
            let forbidden = try await client.request(.get, "/user", as: nil, headers: [.authorization: "Bearer \(token)"])
            #expect(forbidden.status == .forbidden)
            #expect(try await client.post("/identity/token", #"{"userId": "admin"}"#, as: "walt").status == .forbidden)
            #expect(try await client.delete("/identity/token/\(id)").status == .noContent)
            let revoked = try await client.request(.get, "/user/walt/profile", as: nil, headers: [.authorization: "Bearer \(token)"])
            #expect(revoked.status == .unauthorized)
        }
    }

    @Test func passwordsAreStoredAsPBKDF2Hashes() async throws {
        let harness = try await RESTHarness.make()
        let stored: String = try await harness.pool.withConnection { connection in
            try connection.query("SELECT password_hash FROM users WHERE id = 'ana'").rows[0].decode("password_hash")
        }
        #expect(stored.hasPrefix("pbkdf2-sha256$1000$"))
        #expect(!stored.contains("ana-pw"))
        #expect(PasswordHasher(iterations: 1_000).verify("ana-pw", against: stored))
        #expect(!PasswordHasher(iterations: 1_000).verify("ana-pW", against: stored))
        await harness.pool.shutdown()
    }

    @Test func adminIsBootstrappedOnceWithAGeneratedPassword() async throws {
        let harness = try await RESTHarness.make()
        // The harness made an admin already: nothing to do.
        #expect(try await harness.server.services.identity.bootstrapAdmin(password: nil) == nil)
        try await harness.server.services.identity.removeMember(group: "admins", user: "admin")
        let generated = try #require(try await harness.server.services.identity.bootstrapAdmin(password: nil))
        #expect(generated.count == 24)
        #expect(try await harness.server.services.identity.verify(user: "admin", password: generated)?.isAdmin == true)
        await harness.pool.shutdown()
    }
}
