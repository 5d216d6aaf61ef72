import EngineServer
import HTTPTypes
import PostgresClient
import Testing

@Suite struct DeploymentRoutesTests {
    static var datePattern: Regex<Substring> { #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/# }

    @Test func createAnswersEveryKeyAndRecordsTheDeployer() async throws {
        let harness = try await RESTHarness.make()
        try await harness.run { client in
            // As pycamunda sends it: raw bytes under the part name (no .bpmn suffix), Python booleans.
            let response = try await client.deploy(
                fields: [
                    ("deployment-name", "invoices"), ("enable-duplicate-filtering", "False"),
                    ("deploy-changed-only", "False"), ("deployment-source", "pycamunda"),
                ],
                files: [("resource-0", "resource-0", DeployFixtures.approval()), ("notes", "notes.txt", "hello")])
            #expect(response.status == .ok, "\(response.text)")
            let json = response.json
            let keys = json.objectValue?.map(\.0) ?? []
            #expect(
                keys == [
                    "links", "id", "name", "source", "deploymentTime", "tenantId", "deployedProcessDefinitions",
                    "deployedCaseDefinitions", "deployedDecisionDefinitions", "deployedDecisionRequirementsDefinitions",
                ])
            let id = try #require(json["id"]?.stringValue)
            #expect(json["name"] == .string("invoices"))
            #expect(json["source"] == .string("pycamunda"))
            #expect(json["tenantId"] == .null)
            #expect(json["deployedCaseDefinitions"] == .null)
            #expect(json["links"]?.arrayValue?.first?["rel"] == .string("self"))
            #expect(json["links"]?.arrayValue?.first?["href"]?.stringValue?.hasSuffix("/deployment/\(id)") == true)
            #expect(try #require(json["deploymentTime"]?.stringValue).wholeMatch(of: Self.datePattern) != nil)
            let definitions = try #require(json["deployedProcessDefinitions"]?.objectValue)
            #expect(definitions.count == 1)
            let definition = try #require(definitions.first?.1)
            #expect(definition["key"] == .string("approval"))
            #expect(definition["resource"] == .string("resource-0"))
            #expect(definition["deploymentId"] == .string(id))
            #expect(definition["category"] == .string("http://baton.test/models"))
            // Both resources are stored; the BPMN one was recognised by its XML root.
            let resources = try await client.get("/deployment/\(id)/resources", as: "ana")
            #expect(resources.json.arrayValue?.compactMap { $0["name"]?.stringValue } == ["notes.txt", "resource-0"])
            let data = try await client.get("/deployment/\(id)/resources/notes.txt/data", as: "ana")
            #expect(data.text == "hello")
            let deployer: String? = try await harness.pool.withConnection { connection in
                try connection.query("SELECT deployed_by FROM deployments WHERE id = $1", [.text(id)]).rows.first?
                    .decode("deployed_by", as: String?.self)
            }
            #expect(deployer == "ana")
        }
    }

    @Test func duplicateFilteringReturnsTheExistingDeploymentOrOnlyWhatChanged() async throws {
        try await RESTHarness.make().run { client in
            let a = DeployFixtures.approval()
            let b = DeployFixtures.straight
            let first = try await client.deploy(
                fields: [("deployment-name", "pair")], files: [("a", "a.bpmn", a), ("b", "b.bpmn", b)])
            #expect(first.status == .ok)
            let firstID = try #require(first.json["id"]?.stringValue)

            let same = try await client.deploy(
                fields: [("deployment-name", "pair"), ("enable-duplicate-filtering", "true")],
                files: [("a", "a.bpmn", a), ("b", "b.bpmn", b)])
            #expect(same.status == .ok)
            #expect(same.json["id"] == .string(firstID))
            #expect(same.json["deployedProcessDefinitions"] == .null)

            // Another name: not a duplicate.
            let other = try await client.deploy(
                fields: [("deployment-name", "other"), ("enable-duplicate-filtering", "true")],
                files: [("a", "a.bpmn", a)])
            #expect(other.json["id"] != .string(firstID))

            let changedA = DeployFixtures.approval(name: "Approval v2")
            let changedOnly = try await client.deploy(
                fields: [
                    ("deployment-name", "pair"), ("deploy-changed-only", "TRUE"),
                    ("enable-duplicate-filtering", "true"),
                ],
                files: [("a", "a.bpmn", changedA), ("b", "b.bpmn", b)])
            #expect(changedOnly.status == .ok)
            let changedID = try #require(changedOnly.json["id"]?.stringValue)
            #expect(changedID != firstID)
            let deployed = try #require(changedOnly.json["deployedProcessDefinitions"]?.objectValue)
            #expect(deployed.map { $0.1["key"] } == [.string("approval")])
            #expect(deployed.first?.1["version"] == .int(3))
            let resources = try await client.get("/deployment/\(changedID)/resources")
            #expect(resources.json.arrayValue?.count == 1)

            // enable-duplicate-filtering redeploys everything when one resource changed.
            let all = try await client.deploy(
                fields: [("deployment-name", "pair"), ("enable-duplicate-filtering", "true")],
                files: [("a", "a.bpmn", DeployFixtures.approval(name: "v3")), ("b", "b.bpmn", b)])
            #expect(all.json["deployedProcessDefinitions"]?.objectValue?.count == 2)
            // Without filtering, the same content is deployed again as a new version.
            let again = try await client.deploy(
                fields: [("deployment-name", "pair")], files: [("b", "b.bpmn", b)])
            #expect(again.json["deployedProcessDefinitions"]?.objectValue?.first?.1["version"] == .int(3))
        }
    }

    @Test func badUploadsAreRefusedWithClearMessages() async throws {
        try await RESTHarness.make().run { client in
            let invalid = try await client.deploy(files: [("data", "broken.bpmn", DeployFixtures.invalid)])
            #expect(invalid.status == .badRequest)
            #expect(invalid.json["type"] == .string("ParseException"))
            let errors = invalid.json["details"]?["broken.bpmn"]?["errors"]?.arrayValue ?? []
            #expect(!errors.isEmpty)
            #expect(errors.first?["line"]?.intValue != nil)

            let none = try await client.deploy(fields: [("deployment-name", "x")], files: [])
            #expect(none.status == .badRequest)
            #expect(none.json["message"] == .string("No deployment resources contained in the form upload."))

            let noFilename = try await client.deploy(files: [("data", nil, DeployFixtures.straight)])
            #expect(noFilename.status == .badRequest)
            #expect(noFilename.json["message"]?.stringValue?.contains("'data' is not a file") == true)

            let json = try await client.post("/deployment/create", "{}", as: "ana")
            #expect(json.status == .badRequest)
            #expect(json.json["message"]?.stringValue?.contains("multipart/form-data") == true)

            let truncated = try await client.request(
                .post, "/deployment/create", as: "ana",
                body: "--B\r\nContent-Disposition: form-data; name=\"data\"; filename=\"a.bpmn\"\r\n\r\n<x/>",
                headers: [.contentType: "multipart/form-data; boundary=B"])
            #expect(truncated.status == .badRequest)
            #expect(truncated.json["type"] == .string("InvalidRequestException"))

            let later = try await client.deploy(
                fields: [("deployment-activation-time", "2999-01-01T00:00:00.000+0000")],
                files: [("a", "a.bpmn", DeployFixtures.straight)])
            #expect(later.status == .badRequest)
            // Nothing was deployed by any of these.
            #expect(try await client.get("/deployment/count").json["count"] == .int(0))
        }
    }

    @Test func listCountGetAndResources() async throws {
        try await RESTHarness.make().run { client in
            for name in ["b-dep", "a-dep", "c-dep"] {
                #expect(try await client.deployModel(DeployFixtures.straight, name: name).status == .ok)
            }
            let all = try await client.get("/deployment?sortBy=name&sortOrder=desc", as: "ana")
            #expect(all.json.arrayValue?.compactMap { $0["name"]?.stringValue } == ["c-dep", "b-dep", "a-dep"])
            let first = try #require(all.json.arrayValue?.first)
            #expect(first.objectValue?.map(\.0) == ["links", "id", "name", "source", "deploymentTime", "tenantId"])
            let paged = try await client.get("/deployment?sortBy=name&sortOrder=asc&firstResult=1&maxResults=1")
            #expect(paged.json.arrayValue?.compactMap { $0["name"]?.stringValue } == ["b-dep"])
            #expect(try await client.get("/deployment/count?nameLike=%25-dep").json["count"] == .int(3))
            #expect(try await client.get("/deployment/count?name=a-dep").json["count"] == .int(1))
            #expect(try await client.get("/deployment/count?tenantIdIn=t1").json["count"] == .int(0))
            #expect(
                try await client.get("/deployment/count?after=2000-01-01T00:00:00.000%2B0000").json["count"]
                    == .int(3))
            #expect(
                try await client.get("/deployment/count?before=2000-01-01T00:00:00.000%2B0000").json["count"]
                    == .int(0))
            let onlySortBy = try await client.get("/deployment?sortBy=name")
            #expect(onlySortBy.status == .badRequest)
            #expect(
                onlySortBy.json["message"]
                    == .string(
                        "Only a single sorting parameter specified. sortBy and sortOrder required"))
            #expect(try await client.get("/deployment?sortBy=nope&sortOrder=asc").status == .badRequest)

            let id = try #require(first["id"]?.stringValue)
            let one = try await client.get("/deployment/\(id)")
            #expect(one.json["name"] == .string("c-dep"))
            let missing = try await client.get("/deployment/nope")
            #expect(missing.status == .notFound)
            #expect(missing.json["message"] == .string("Deployment with id 'nope' does not exist"))
            let resources = try await client.get("/deployment/\(id)/resources")
            #expect(
                resources.json
                    == .array([
                        .object([
                            ("id", .string("model.bpmn")), ("name", .string("model.bpmn")),
                            ("deploymentId", .string(id)),
                        ])
                    ]))
            let xml = try await client.get("/deployment/\(id)/resources/model.bpmn/data")
            #expect(xml.text == DeployFixtures.straight)
            #expect(try await client.get("/deployment/\(id)/resources/other.bpmn/data").status == .notFound)

            let spaced = try await client.deploy(files: [("f", "my form+v1.json", "{}")])
            let spacedID = try #require(spaced.json["id"]?.stringValue)
            let form = try await client.get("/deployment/\(spacedID)/resources/my%20form+v1.json/data")
            #expect(form.status == .ok)
            #expect(form.text == "{}")
            #expect(form.headers[.contentType] == "application/json")
        }
    }

    @Test func deleteRefusesRunningInstancesWithoutCascade() async throws {
        let harness = try await RESTHarness.make()
        try await harness.run { client in
            let deployed = try await client.deployModel(DeployFixtures.approval())
            let id = try #require(deployed.json["id"]?.stringValue)
            let started = try await client.post("/process-definition/key/approval/start", "{}", as: "ana")
            #expect(started.status == .ok)
            let refused = try await client.delete("/deployment/\(id)", as: "ana")
            #expect(refused.status == .internalServerError)
            #expect(refused.json["message"]?.stringValue?.contains("still running") == true)
            #expect(try await client.get("/deployment/count").json["count"] == .int(1))
            #expect(try await client.delete("/deployment/\(id)?cascade=yes", as: "ana").status == .internalServerError)
            #expect(try await client.delete("/deployment/\(id)?cascade=true", as: "ana").status == .noContent)
            #expect(try await client.get("/deployment/count").json["count"] == .int(0))
            #expect(try await client.get("/process-instance/count").json["count"] == .int(0))
            #expect(try await client.get("/process-definition/count").json["count"] == .int(0))
            let missing = try await client.delete("/deployment/\(id)", as: "ana")
            #expect(missing.status == .notFound)

            // Deleting the latest version gives the start events back to the previous one.
            _ = try await client.deployModel(DeployFixtures.approval(), name: "v1")
            let second = try await client.deployModel(DeployFixtures.approval(name: "v2"), name: "v2")
            #expect(try await client.delete("/deployment/\(second.json["id"]?.stringValue ?? "")").status == .noContent)
            let subscriptions: Int = try await harness.pool.withConnection { connection in
                try connection.query(
                    """
                    SELECT count(*)::int8 AS n FROM event_subscriptions s JOIN process_definitions d
                    ON d.id = s.definition_id WHERE d.version = 1 AND s.process_instance_id IS NULL
                    """
                ).rows.first?.decode("n") ?? 0
            }
            #expect(subscriptions == 1)
        }
    }

    @Test func rolesDecideWhoDeploysAndReads() async throws {
        try await RESTHarness.make().run { client in
            let refused = try await client.deploy(files: [("a", "a.bpmn", DeployFixtures.straight)], as: "rita")
            #expect(refused.status == .forbidden)
            #expect(refused.json["type"] == .string("AuthorizationException"))
            #expect(
                try await client.deploy(files: [("a", "a.bpmn", DeployFixtures.straight)], as: "walt").status
                    == .forbidden)
            let deployed = try await client.deploy(files: [("a", "a.bpmn", DeployFixtures.straight)], as: "admin")
            #expect(deployed.status == .ok)
            #expect(try await client.get("/deployment", as: "ana").status == .ok)
            #expect(try await client.get("/deployment", as: "walt").status == .forbidden)
            #expect(try await client.get("/deployment", as: nil).status == .unauthorized)
            let id = deployed.json["id"]?.stringValue ?? ""
            #expect(try await client.delete("/deployment/\(id)", as: "rita").status == .forbidden)
        }
    }
}
