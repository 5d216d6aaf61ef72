import EngineServer
import HTTPTypes
import PostgresClient
import Testing

@Suite struct ProcessDefinitionRoutesTests {
    static let dtoKeys = [
        "id", "key", "category", "description", "name", "version", "resource", "deploymentId", "diagram", "suspended",
        "tenantId", "versionTag", "historyTimeToLive", "startableInTasklist",
    ]

    @Test func listFiltersSortsAndAnswersEveryKey() async throws {
        try await RESTHarness.make().run { client in
            _ = try await client.deployModel(DeployFixtures.approval(versionTag: "1.0"), name: "one")
            _ = try await client.deployModel(
                DeployFixtures.approval(name: "Approval 2", versionTag: "2.0"), name: "two")
            _ = try await client.deployModel(DeployFixtures.straight, name: "three")

            let all = try await client.get("/process-definition", as: "ana")
            #expect(all.status == .ok)
            let list = try #require(all.json.arrayValue)
            #expect(list.count == 3)
            #expect(list.first?.objectValue?.map(\.0) == Self.dtoKeys)
            let first = try #require(list.first)
            #expect(first["key"] == .string("approval"))
            #expect(first["version"] == .int(1))
            #expect(first["category"] == .string("http://baton.test/models"))
            #expect(first["description"] == .string("Approves things."))
            #expect(first["versionTag"] == .string("1.0"))
            #expect(first["historyTimeToLive"] == .int(30))
            #expect(first["startableInTasklist"] == .bool(true))
            #expect(first["diagram"] == .null)
            #expect(first["tenantId"] == .null)
            #expect(first["suspended"] == .bool(false))
            #expect(first["id"]?.stringValue?.hasPrefix("approval:1:") == true)

            // What the external-task client sends to find the latest version.
            let latest = try await client.get(
                "/process-definition?key=approval&versionTagLike=%25.0&sortBy=version&sortOrder=desc&maxResults=1")
            #expect(latest.json.arrayValue?.map { $0["version"] } == [.int(2)])
            #expect(try await client.get("/process-definition/count?latestVersion=true").json["count"] == .int(2))
            #expect(try await client.get("/process-definition/count?keyLike=appr%25").json["count"] == .int(2))
            #expect(try await client.get("/process-definition/count?keysIn=straight,approval").json["count"] == .int(3))
            #expect(
                try await client.get("/process-definition/count?keysIn=straight&keysIn=nope").json["count"]
                    == .int(1))
            #expect(try await client.get("/process-definition/count?name=Straight").json["count"] == .int(1))
            #expect(try await client.get("/process-definition/count?version=2").json["count"] == .int(1))
            #expect(try await client.get("/process-definition/count?versionTag=2.0").json["count"] == .int(1))
            #expect(try await client.get("/process-definition/count?suspended=true").json["count"] == .int(0))
            #expect(try await client.get("/process-definition/count?active=true").json["count"] == .int(3))
            #expect(try await client.get("/process-definition/count?tenantIdIn=a").json["count"] == .int(0))
            #expect(try await client.get("/process-definition/count?startableBy=ana").json["count"] == .int(2))
            #expect(try await client.get("/process-definition/count?startableBy=rita").json["count"] == .int(0))
            #expect(
                try await client.get("/process-definition/count?category=http://baton.test/models").json["count"]
                    == .int(3))
            let byName = try await client.get("/process-definition?sortBy=name&sortOrder=desc&firstResult=1")
            #expect(byName.json.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Approval 2", "Approval"])
            #expect(try await client.get("/process-definition?sortBy=deployTime&sortOrder=asc").status == .ok)
            #expect(try await client.get("/process-definition?sortOrder=asc").status == .badRequest)
            #expect(try await client.get("/process-definition?version=two").status == .badRequest)
            #expect(try await client.get("/process-definition", as: "walt").status == .forbidden)
        }
    }

    @Test func lookupsByIdKeyAndTenantAndTheXML() async throws {
        try await RESTHarness.make().run { client in
            _ = try await client.deployModel(DeployFixtures.approval())
            let second = try await client.deployModel(DeployFixtures.approval(name: "v2"))
            let id = try #require(second.json["deployedProcessDefinitions"]?.objectValue?.first?.0)

            let byID = try await client.get("/process-definition/\(id)")
            #expect(byID.json["version"] == .int(2))
            let byKey = try await client.get("/process-definition/key/approval")
            #expect(byKey.json["id"] == .string(id))
            let missingID = try await client.get("/process-definition/nope")
            #expect(missingID.status == .notFound)
            #expect(missingID.json["message"] == .string("No matching definition with id nope"))
            let missingKey = try await client.get("/process-definition/key/nope")
            #expect(missingKey.status == .notFound)
            #expect(
                missingKey.json["message"]
                    == .string(
                        "No matching process definition with key: nope and no tenant-id"))
            #expect(try await client.get("/process-definition/key/approval/tenant-id/t1").status == .notFound)
            #expect(try await client.get("/process-definition/key/approval/tenant-id/t1/xml").status == .notFound)

            let xml = try await client.get("/process-definition/key/approval/xml")
            #expect(xml.json["id"] == .string(id))
            #expect(xml.json["bpmn20Xml"] == .string(DeployFixtures.approval(name: "v2")))
            #expect(try await client.get("/process-definition/\(id)/xml").json["bpmn20Xml"] == xml.json["bpmn20Xml"])
        }
    }

    @Test func startAnswersTheInstanceWithVariablesWhenAsked() async throws {
        try await RESTHarness.make().run { client in
            _ = try await client.deployModel(DeployFixtures.approval())
            let started = try await client.post(
                "/process-definition/key/approval/start",
                #"{"variables": {"amount": {"value": 250, "type": "Integer"}, "#
                    + #""note": {"value": "hi", "type": null, "valueInfo": null}}, "businessKey": "order-1", "#
                    + #""startInstructions": [], "withVariablesInReturn": true}"#,
                as: "ana")
            #expect(started.status == .ok, "\(started.text)")
            let json = started.json
            #expect(
                json.objectValue?.map(\.0) == [
                    "links", "id", "definitionId", "definitionKey", "businessKey", "caseInstanceId", "ended",
                    "suspended",
                    "tenantId", "variables",
                ])
            #expect(json["businessKey"] == .string("order-1"))
            #expect(json["definitionKey"] == .string("approval"))
            #expect(json["ended"] == .bool(false))
            #expect(json["variables"]?["amount"]?["value"] == .int(250))
            #expect(json["variables"]?["amount"]?["type"] == .string("Integer"))
            #expect(json["variables"]?["note"]?["type"] == .string("String"))
            let id = try #require(json["id"]?.stringValue)
            #expect(
                json["links"]?.arrayValue?.first?["href"]?.stringValue?.hasSuffix("/process-instance/\(id)") == true)

            let plain = try await client.post("/process-definition/key/straight/start", "{}", as: "ana")
            #expect(plain.status == .notFound)

            _ = try await client.deployModel(DeployFixtures.straight)
            let ended = try await client.post("/process-definition/key/straight/start", as: "ana")
            #expect(ended.json["ended"] == .bool(true))
            #expect(ended.json["variables"] == nil)
            let endedWithVariables = try await client.post(
                "/process-definition/key/straight/start",
                #"{"variables": {"k": {"value": "v"}}, "withVariablesInReturn": true}"#, as: "ana")
            #expect(endedWithVariables.json["ended"] == .bool(true))
            #expect(endedWithVariables.json["variables"]?["k"]?["value"] == .string("v"))

            let form = try await client.post(
                "/process-definition/key/approval/submit-form",
                #"{"variables": {"x": {"value": true}}, "businessKey": "form"}"#, as: "ana")
            #expect(form.status == .ok)
            #expect(form.json["businessKey"] == .string("form"))

            let badVariable = try await client.post(
                "/process-definition/key/approval/start", #"{"variables": {"x": {"value": "1", "type": "STRING"}}}"#,
                as: "ana")
            #expect(badVariable.status == .badRequest)
            #expect(badVariable.json["message"]?.stringValue?.contains("Unsupported value type") == true)
            let badKey = try await client.post(
                "/process-definition/key/approval/start", #"{"businessKey": 5}"#, as: "ana")
            #expect(badKey.status == .badRequest)
            #expect(try await client.get("/process-instance/count").json["count"] == .int(2))
        }
    }

    @Test func startInstructionsStartAtAStartEventOnly() async throws {
        try await RESTHarness.make().run { client in
            _ = try await client.deployModel(DeployFixtures.approval())
            let atAlt = try await client.post(
                "/process-definition/key/approval/start",
                #"{"startInstructions": [{"type": "startBeforeActivity", "activityId": "alt", "#
                    + #""variables": {"v": {"value": 1}}}], "withVariablesInReturn": true}"#,
                as: "ana")
            #expect(atAlt.status == .ok, "\(atAlt.text)")
            #expect(atAlt.json["variables"]?["v"]?["value"] == .int(1))
            let notStart = try await client.post(
                "/process-definition/key/approval/start",
                #"{"startInstructions": [{"type": "startBeforeActivity", "activityId": "review"}]}"#, as: "ana")
            #expect(notStart.status == .badRequest)
            #expect(notStart.json["message"]?.stringValue?.contains("'review'") == true)
            let after = try await client.post(
                "/process-definition/key/approval/start",
                #"{"startInstructions": [{"type": "startAfterActivity", "activityId": "start"}]}"#, as: "ana")
            #expect(after.status == .badRequest)
            #expect(after.json["message"]?.stringValue?.contains("startAfterActivity") == true)
            #expect(try await client.get("/process-instance/count").json["count"] == .int(1))
        }
    }

    @Test func suspendedDefinitionsRefuseToStartWithARestException() async throws {
        try await RESTHarness.make().run { client in
            let deployed = try await client.deployModel(DeployFixtures.approval())
            let id = try #require(deployed.json["deployedProcessDefinitions"]?.objectValue?.first?.0)
            _ = try await client.post("/process-definition/\(id)/start", "{}", as: "ana")
            #expect(
                try await client.put("/process-definition/\(id)/suspended", #"{"suspended": true}"#, as: "ana")
                    .status == .forbidden)
            let suspend = try await client.put(
                "/process-definition/key/approval/suspended",
                #"{"suspended": true, "includeProcessInstances": true, "executionDate": null}"#)
            #expect(suspend.status == .noContent)
            #expect(try await client.get("/process-definition/\(id)").json["suspended"] == .bool(true))
            #expect(try await client.get("/process-instance/count?suspended=true").json["count"] == .int(1))
            let refused = try await client.post("/process-definition/\(id)/start", "{}", as: "ana")
            #expect(refused.status == .internalServerError)
            #expect(refused.json["type"] == .string("RestException"))
            #expect(
                refused.json["message"]?.stringValue?.hasPrefix("Cannot instantiate process definition \(id): ")
                    == true)
            #expect(
                try await client.put("/process-definition/\(id)/suspended", #"{"suspended": false}"#).status
                    == .noContent)
            #expect(try await client.post("/process-definition/\(id)/start", "{}", as: "ana").status == .ok)
            #expect(try await client.get("/process-instance/count?suspended=true").json["count"] == .int(1))
            #expect(
                try await client.put(
                    "/process-definition/suspended",
                    #"{"processDefinitionKey": "approval", "suspended": false, "includeProcessInstances": true}"#
                ).status == .noContent)
            #expect(try await client.get("/process-instance/count?active=true").json["count"] == .int(2))
            #expect(
                try await client.put("/process-definition/\(id)/suspended", #"{"suspended": "maybe"}"#).status
                    == .badRequest)
            #expect(
                try await client.put(
                    "/process-definition/\(id)/suspended",
                    #"{"suspended": true, "executionDate": "2999-01-01T00:00:00.000+0000"}"#
                ).status == .badRequest)
            #expect(
                try await client.put("/process-definition/nope/suspended", #"{"suspended": true}"#).status
                    == .notFound)
        }
    }

    @Test func deleteNeedsCascadeForRunningInstances() async throws {
        try await RESTHarness.make().run { client in
            let deployed = try await client.deployModel(DeployFixtures.approval())
            let id = try #require(deployed.json["deployedProcessDefinitions"]?.objectValue?.first?.0)
            _ = try await client.post("/process-definition/\(id)/start", "{}", as: "ana")
            let refused = try await client.delete("/process-definition/\(id)", as: "ana")
            #expect(refused.status == .internalServerError)
            #expect(try await client.get("/process-definition/count").json["count"] == .int(1))
            #expect(try await client.delete("/process-definition/\(id)?cascade=true", as: "ana").status == .noContent)
            #expect(try await client.get("/process-definition/count").json["count"] == .int(0))
            #expect(try await client.get("/process-instance/count").json["count"] == .int(0))
            // The deployment stays.
            #expect(try await client.get("/deployment/count").json["count"] == .int(1))
            let missing = try await client.delete("/process-definition/\(id)", as: "ana")
            #expect(missing.status == .notFound)
            #expect(try await client.delete("/process-definition/key/nope").status == .notFound)
        }
    }

    @Test func idempotencyKeyMakesStartHappenOnce() async throws {
        try await RESTHarness.make().run { client in
            _ = try await client.deployModel(DeployFixtures.approval())
            let body = #"{"businessKey": "once"}"#
            let headers: HTTPFields = [.idempotencyKey: "start-1"]
            let first = try await client.post(
                "/process-definition/key/approval/start", body, as: "ana", headers: headers)
            let second = try await client.post(
                "/process-definition/key/approval/start", body, as: "ana", headers: headers)
            #expect(first.status == .ok)
            #expect(second.status == .ok)
            #expect(second.bytes == first.bytes)
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try await client.get("/process-instance/count?businessKey=once").json["count"] == .int(1))
            let other = try await client.post(
                "/process-definition/key/approval/start", #"{"businessKey": "twice"}"#, as: "ana", headers: headers)
            #expect(other.status == .unprocessableContent)
            #expect(try await client.get("/process-instance/count").json["count"] == .int(1))
        }
    }

    @Test func rolesDecideWhoStarts() async throws {
        try await RESTHarness.make().run { client in
            _ = try await client.deployModel(DeployFixtures.approval())
            #expect(try await client.post("/process-definition/key/approval/start", as: "rita").status == .forbidden)
            #expect(try await client.post("/process-definition/key/approval/start", as: "walt").status == .forbidden)
            #expect(try await client.post("/process-definition/key/approval/start", as: "admin").status == .ok)
            #expect(try await client.get("/process-definition/key/approval", as: "audrey").status == .forbidden)
            #expect(
                try await client.delete("/process-definition/key/approval?cascade=true", as: "rita").status
                    == .forbidden)
        }
    }
}
