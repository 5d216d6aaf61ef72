import EngineServer
import HTTPTypes
import PostgresClient
import Testing

@Suite struct ProcessInstanceRoutesTests {
    static let dtoKeys = [
        "links", "id", "definitionId", "definitionKey", "businessKey", "caseInstanceId", "ended", "suspended",
        "tenantId",
    ]

    /// Starts `approval` with a business key and an `amount`; returns the instance id.
    private func start(_ client: RESTClient, _ businessKey: String, amount: Int, status: String = "new")
        async throws -> String
    {
        let response = try await client.post(
            "/process-definition/key/approval/start",
            #"{"businessKey": "\#(businessKey)", "variables": {"amount": {"value": \#(amount)}, "#
                + #""status": {"value": "\#(status)"}}}"#,
            as: "ana")
        #expect(response.status == .ok, "\(response.text)")
        return try #require(response.json["id"]?.stringValue)
    }

    @Test func listAndCountFilterSortAndPage() async throws {
        try await RESTHarness.make().run { client in
            _ = try await client.deployModel(DeployFixtures.approval())
            let a = try await start(client, "order-a", amount: 50)
            let b = try await start(client, "order-b", amount: 150, status: "open")
            let c = try await start(client, "order-c", amount: 300, status: "open")

            let all = try await client.get("/process-instance", as: "ana")
            #expect(all.status == .ok)
            #expect(all.json.arrayValue?.count == 3)
            #expect(all.json.arrayValue?.first?.objectValue?.map(\.0) == Self.dtoKeys)
            let sorted = try await client.get("/process-instance?sortBy=businessKey&sortOrder=desc&maxResults=2")
            #expect(sorted.json.arrayValue?.compactMap { $0["businessKey"]?.stringValue } == ["order-c", "order-b"])
            let paged = try await client.get("/process-instance?sortBy=businessKey&sortOrder=asc&firstResult=2")
            #expect(paged.json.arrayValue?.compactMap { $0["id"]?.stringValue } == [c])

            func count(_ query: String) async throws -> JSON? {
                try await client.get("/process-instance/count?" + query, as: "ana").json["count"]
            }
            #expect(try await count("businessKey=order-a") == .int(1))
            #expect(try await count("businessKeyLike=order-%25") == .int(3))
            #expect(try await count("processDefinitionKey=approval") == .int(3))
            #expect(try await count("processDefinitionKeyIn=approval,other") == .int(3))
            #expect(try await count("processDefinitionKeyNotIn=approval") == .int(0))
            #expect(try await count("processInstanceIds=\(a),\(b)") == .int(2))
            #expect(try await count("variables=amount_gt_100") == .int(2))
            #expect(try await count("variables=amount_gteq_150,amount_lt_300") == .int(1))
            #expect(try await count("variables=status_eq_open") == .int(2))
            #expect(try await count("variables=status_neq_open") == .int(1))
            #expect(try await count("variables=status_like_op%25") == .int(2))
            #expect(try await count("variables=status_eq_OPEN&variableValuesIgnoreCase=true") == .int(2))
            #expect(try await count("variables=missing_eq_1") == .int(0))
            #expect(try await count("activityIdIn=review") == .int(3))
            #expect(try await count("activityIdIn=start") == .int(0))
            #expect(try await count("withIncident=true") == .int(0))
            #expect(try await count("tenantIdIn=t1") == .int(0))
            #expect(try await count("rootProcessInstances=true") == .int(3))
            #expect(try await client.get("/process-instance?variables=amount_is_1").status == .badRequest)
            #expect(try await client.get("/process-instance?variables=amount").status == .badRequest)

            let posted = try await client.post(
                "/process-instance?firstResult=0&maxResults=10",
                #"{"variables": [{"name": "amount", "operator": "lteq", "value": 150}], "#
                    + #""processDefinitionKey": "approval", "#
                    + #""sorting": [{"sortBy": "businessKey", "sortOrder": "desc"}]}"#,
                as: "ana")
            #expect(posted.json.arrayValue?.compactMap { $0["businessKey"]?.stringValue } == ["order-b", "order-a"])
            let postedCount = try await client.post(
                "/process-instance/count", #"{"processInstanceIds": ["\#(a)"], "businessKey": "order-a"}"#, as: "ana")
            #expect(postedCount.json["count"] == .int(1))
            let badOperator = try await client.post(
                "/process-instance", #"{"variables": [{"name": "amount", "operator": "bigger", "value": 1}]}"#)
            #expect(badOperator.status == .badRequest)
            let badSorting = try await client.post("/process-instance", #"{"sorting": [{"sortBy": "businessKey"}]}"#)
            #expect(badSorting.status == .badRequest)
        }
    }

    /// The call-hierarchy filters: a parent waiting in a call activity, its child waiting at a user task.
    @Test func callHierarchyFiltersFindCallersAndCalledInstances() async throws {
        try await RESTHarness.make().run { client in
            let model = DeployFixtures.definitions(
                """
                <process id="parent" isExecutable="true">
                  <startEvent id="s"/><sequenceFlow id="f0" sourceRef="s" targetRef="call"/>
                  <callActivity id="call" calledElement="child"/>
                  <sequenceFlow id="f1" sourceRef="call" targetRef="e"/><endEvent id="e"/>
                </process>
                <process id="child" isExecutable="true">
                  <startEvent id="cs"/><sequenceFlow id="c0" sourceRef="cs" targetRef="work"/><userTask id="work"/>
                  <sequenceFlow id="c1" sourceRef="work" targetRef="ce"/><endEvent id="ce"/>
                </process>
                """)
            #expect(try await client.deployModel(model).status == .ok)
            let started = try await client.post("/process-definition/key/parent/start", "{}", as: "ana")
            let parent = try #require(started.json["id"]?.stringValue)
            func ids(_ query: String) async throws -> [String] {
                try await client.get("/process-instance?" + query, as: "ana").json.arrayValue?
                    .compactMap { $0["id"]?.stringValue } ?? []
            }
            let child = try #require(try await ids("superProcessInstance=\(parent)").first)
            #expect(child != parent)
            #expect(try await ids("superProcessInstance=\(parent.uppercased())") == [child])
            #expect(try await ids("superProcessInstance=not-a-uuid").isEmpty)
            #expect(try await ids("subProcessInstance=\(child)") == [parent])
            #expect(try await ids("rootProcessInstances=true") == [parent])
            #expect(try await ids("leafProcessInstances=true") == [child])
            #expect(try await ids("processDefinitionKey=child") == [child])
        }
    }

    @Test func getOneAndNotFound() async throws {
        try await RESTHarness.make().run { client in
            _ = try await client.deployModel(DeployFixtures.approval())
            let id = try await start(client, "one", amount: 1)
            let one = try await client.get("/process-instance/\(id)", as: "ana")
            #expect(one.json.objectValue?.map(\.0) == Self.dtoKeys)
            #expect(one.json["id"] == .string(id))
            #expect(one.json["caseInstanceId"] == .null)
            #expect(one.json["tenantId"] == .null)
            for missing in ["00000000-0000-0000-0000-000000000000", "not-a-uuid"] {
                let response = try await client.get("/process-instance/\(missing)")
                #expect(response.status == .notFound)
                #expect(response.json["message"] == .string("Process instance with id \(missing) does not exist"))
            }
        }
    }

    @Test func variablesAreReadSetAndDeleted() async throws {
        try await RESTHarness.make().run { client in
            _ = try await client.deployModel(DeployFixtures.approval())
            let id = try await start(client, "vars", amount: 7)
            let variables = try await client.get("/process-instance/\(id)/variables", as: "ana")
            #expect(
                variables.json["amount"]
                    == .object([
                        ("type", .string("Integer")), ("value", .int(7)), ("valueInfo", .object([])),
                    ]))
            let changed = try await client.post(
                "/process-instance/\(id)/variables",
                #"{"modifications": {"amount": {"value": 8, "type": "Long"}, "#
                    + #""items": {"value": "[1,2]", "type": "Json"}}, "deletions": ["status"]}"#
            )
            #expect(changed.status == .noContent, "\(changed.text)")
            let after = try await client.get("/process-instance/\(id)/variables?deserializeValues=false")
            #expect(after.json["amount"]?["value"] == .int(8))
            #expect(after.json["status"] == nil)
            #expect(after.json["items"]?["value"] == .string("[1,2]"))

            let missing = try await client.get("/process-instance/\(id)/variables/status")
            #expect(missing.status == .notFound)
            #expect(missing.json["message"] == .string("process instance variable with name status does not exist"))
            #expect(
                try await client.put("/process-instance/\(id)/variables/note", #"{"value": "x", "type": "String"}"#)
                    .status == .noContent)
            let note = try await client.get("/process-instance/\(id)/variables/note")
            #expect(note.json["value"] == .string("x"))
            #expect(note.json["type"] == .string("String"))
            #expect(try await client.delete("/process-instance/\(id)/variables/note").status == .noContent)
            #expect(try await client.get("/process-instance/\(id)/variables/note").status == .notFound)

            let data = try await client.get("/process-instance/\(id)/variables/amount/data")
            #expect(data.status == .badRequest)
            #expect(data.json["message"] == .string("Value of variable with id amount is not a binary value."))
            #expect(try await client.get("/process-instance/\(id)/variables/none/data").status == .notFound)

            let bad = try await client.put(
                "/process-instance/\(id)/variables/x", #"{"value": "abc", "type": "Integer"}"#)
            #expect(bad.status == .badRequest)
            let badDeletions = try await client.post("/process-instance/\(id)/variables", #"{"deletions": "status"}"#)
            #expect(badDeletions.status == .badRequest)
            #expect(
                try await client.post(
                    "/process-instance/00000000-0000-0000-0000-000000000000/variables", #"{"modifications": {}}"#
                ).status == .notFound)
            // Changes are for admins only.
            #expect(
                try await client.put("/process-instance/\(id)/variables/y", #"{"value": 1}"#, as: "ana").status
                    == .forbidden)
        }
    }

    @Test func suspensionSingleAndBulk() async throws {
        try await RESTHarness.make().run { client in
            _ = try await client.deployModel(DeployFixtures.approval())
            let a = try await start(client, "a", amount: 1)
            _ = try await start(client, "b", amount: 2)
            #expect(
                try await client.put("/process-instance/\(a)/suspended", #"{"suspended": true}"#).status
                    == .noContent)
            #expect(try await client.get("/process-instance/\(a)").json["suspended"] == .bool(true))
            #expect(try await client.get("/process-instance/count?suspended=true").json["count"] == .int(1))
            // A suspended instance refuses variable changes.
            let refused = try await client.put("/process-instance/\(a)/variables/x", #"{"value": 1}"#)
            #expect(refused.status == .badRequest)
            #expect(
                try await client.put(
                    "/process-instance/suspended", #"{"processDefinitionKey": "approval", "suspended": true}"#
                ).status == .noContent)
            #expect(try await client.get("/process-instance/count?suspended=true").json["count"] == .int(2))
            #expect(
                try await client.put(
                    "/process-instance/suspended", #"{"processInstanceIds": ["\#(a)"], "suspended": false}"#
                ).status == .noContent)
            #expect(try await client.get("/process-instance/count?active=true").json["count"] == .int(1))
            #expect(try await client.put("/process-instance/suspended", #"{"suspended": false}"#).status == .badRequest)
            #expect(try await client.put("/process-instance/\(a)/suspended", #"{}"#).status == .badRequest)
            #expect(
                try await client.put("/process-instance/\(a)/suspended", #"{"suspended": true}"#, as: "ana").status
                    == .forbidden)
        }
    }

    @Test func activityInstanceTreeShowsTheWaitingTask() async throws {
        try await RESTHarness.make().run { client in
            let deployed = try await client.deployModel(DeployFixtures.approval())
            let definitionID = try #require(deployed.json["deployedProcessDefinitions"]?.objectValue?.first?.0)
            let id = try await start(client, "tree", amount: 1)
            let tree = try await client.get("/process-instance/\(id)/activity-instances", as: "ana")
            #expect(tree.status == .ok)
            #expect(tree.json["id"] == .string(id))
            #expect(tree.json["parentActivityInstanceId"] == .null)
            #expect(tree.json["activityId"] == .string(definitionID))
            #expect(tree.json["activityType"] == .string("processDefinition"))
            #expect(tree.json["childTransitionInstances"] == .array([]))
            let children = try #require(tree.json["childActivityInstances"]?.arrayValue)
            #expect(children.count == 1)
            let task = try #require(children.first)
            #expect(task["activityId"] == .string("review"))
            #expect(task["activityType"] == .string("userTask"))
            #expect(task["activityName"] == .string("Review"))
            #expect(task["parentActivityInstanceId"] == .string(id))
            #expect(task["processInstanceId"] == .string(id))
            #expect(task["id"]?.stringValue?.hasPrefix("review:\(id):") == true)
            #expect(task["incidentIds"] == .array([]))
            #expect(task["executionIds"]?.arrayValue?.count == 1)
            #expect(try await client.get("/process-instance/not-there/activity-instances").status == .notFound)
        }
    }

    @Test func anAsynchronousContinuationIsATransitionInstance() async throws {
        try await RESTHarness.make().run { client in
            _ = try await client.deployModel(DeployFixtures.asynchronous)
            let started = try await client.post("/process-definition/key/later/start", as: "ana")
            let id = try #require(started.json["id"]?.stringValue)
            let tree = try await client.get("/process-instance/\(id)/activity-instances")
            #expect(tree.json["childActivityInstances"] == .array([]))
            let transition = try #require(tree.json["childTransitionInstances"]?.arrayValue?.first)
            #expect(transition["activityId"] == .string("task"))
            #expect(transition["activityType"] == .string("userTask"))
            #expect(transition["parentActivityInstanceId"] == .string(id))
            #expect(transition["executionId"]?.stringValue?.hasPrefix("task:\(id):") == true)
        }
    }

    @Test func incidentsShowInTheTreeAndTheFilters() async throws {
        try await RESTHarness.make().run { client in
            let deployed = try await client.deployModel(DeployFixtures.failing)
            #expect(deployed.status == .ok, "\(deployed.text)")
            _ = try await client.deployModel(DeployFixtures.approval())
            let started = try await client.post("/process-definition/key/failing/start", as: "ana")
            #expect(started.status == .ok, "\(started.text)")
            #expect(started.json["ended"] == .bool(false))
            let id = try #require(started.json["id"]?.stringValue)
            _ = try await start(client, "clean", amount: 1)
            #expect(try await client.get("/process-instance/count?withIncident=true").json["count"] == .int(1))
            #expect(try await client.get("/process-instance/count?incidentType=expressionFailed").json["count"]
                == .int(1))
            #expect(try await client.get("/process-instance/count?incidentType=failedJob").json["count"] == .int(0))
            #expect(try await client.get("/process-instance/count?activityIdIn=calc").json["count"] == .int(1))
            let tree = try await client.get("/process-instance/\(id)/activity-instances")
            let calc = try #require(tree.json["childActivityInstances"]?.arrayValue?.first)
            #expect(calc["activityId"] == .string("calc"))
            #expect(calc["activityType"] == .string("exclusiveGateway"))
            let incidentIDs = try #require(calc["incidentIds"]?.arrayValue)
            #expect(incidentIDs.count == 1)
            #expect(calc["incidents"]?.arrayValue?.first?["activityId"] == .string("calc"))
            #expect(tree.json["incidentIds"] == .array([]))
        }
    }

    @Test func deleteAndModificationCancelTheInstance() async throws {
        let harness = try await RESTHarness.make()
        try await harness.run { client in
            _ = try await client.deployModel(DeployFixtures.approval())
            let a = try await start(client, "a", amount: 1)
            let b = try await start(client, "b", amount: 2)
            let c = try await start(client, "c", amount: 3)

            #expect(try await client.delete("/process-instance/\(a)", as: "ana").status == .forbidden)
            #expect(try await client.delete("/process-instance/\(a)").status == .noContent)
            #expect(try await client.get("/process-instance/\(a)").status == .notFound)
            let again = try await client.delete("/process-instance/\(a)")
            #expect(again.status == .notFound)
            #expect(again.json["message"] == .string("Process instance with id \(a) does not exist"))
            #expect(try await client.delete("/process-instance/\(a)?failIfNotExists=false").status == .noContent)
            let state: String? = try await harness.pool.withConnection { connection in
                try connection.query("SELECT state FROM process_instances WHERE id = $1::uuid", [.text(a)]).rows.first?
                    .decode("state")
            }
            #expect(state == "terminated")
            let actor: String? = try await harness.pool.withConnection { connection in
                try connection.query(
                    "SELECT actor FROM history_events WHERE process_instance_id = $1::uuid AND command = 'cancel' "
                        + "LIMIT 1",
                    [.text(a)]
                ).rows.first?.decode("actor", as: String?.self)
            }
            #expect(actor == "admin")

            // A suspended instance can be deleted too.
            _ = try await client.put("/process-instance/\(b)/suspended", #"{"suspended": true}"#)
            #expect(try await client.delete("/process-instance/\(b)").status == .noContent)

            let move = try await client.post(
                "/process-instance/\(c)/modification",
                #"{"instructions": [{"type": "startBeforeActivity", "activityId": "end"}], "#
                    + #""skipCustomListeners": false}"#
            )
            #expect(move.status == .badRequest)
            #expect(move.json["message"]?.stringValue?.contains("'startBeforeActivity'") == true)
            let partial = try await client.post(
                "/process-instance/\(c)/modification",
                #"{"instructions": [{"type": "cancel", "activityId": "review"}]}"#)
            #expect(partial.status == .badRequest)
            #expect(
                try await client.post("/process-instance/\(c)/modification", #"{"instructions": []}"#).status
                    == .badRequest)
            #expect(try await client.get("/process-instance/\(c)").status == .ok)
            let whole = try await client.post(
                "/process-instance/\(c)/modification",
                #"{"instructions": [{"type": "cancel", "activityInstanceId": "\#(c)"}], "annotation": "done"}"#)
            #expect(whole.status == .noContent)
            #expect(try await client.get("/process-instance/count").json["count"] == .int(0))
        }
    }

    @Test func reviewersSeeOnlyTheInstancesOfTheirTasks() async throws {
        try await RESTHarness.make().run { client in
            _ = try await client.deployModel(DeployFixtures.assigned)
            func start(_ assignee: String, _ groups: String) async throws -> String {
                let response = try await client.post(
                    "/process-definition/key/assigned/start",
                    #"{"variables": {"assignee": {"value": "\#(assignee)"}, "groups": {"value": "\#(groups)"}}}"#,
                    as: "ana")
                return try #require(response.json["id"]?.stringValue)
            }
            let mine = try await start("rita", "nobody-group")
            let viaGroup = try await start("bob", "reviewers")
            let other = try await start("bob", "finance")

            let seen = try await client.get("/process-instance?sortBy=instanceId&sortOrder=asc", as: "rita")
            #expect(seen.status == .ok)
            #expect(Set(seen.json.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []) == [mine, viaGroup])
            #expect(try await client.get("/process-instance/count", as: "rita").json["count"] == .int(2))
            #expect(try await client.get("/process-instance/count", as: "ana").json["count"] == .int(3))
            #expect(try await client.get("/process-instance/\(mine)", as: "rita").status == .ok)
            #expect(try await client.get("/process-instance/\(mine)/variables", as: "rita").status == .ok)
            let hidden = try await client.get("/process-instance/\(other)", as: "rita")
            #expect(hidden.status == .forbidden)
            #expect(hidden.json["type"] == .string("AuthorizationException"))
            #expect(try await client.get("/process-instance/\(other)/variables", as: "rita").status == .forbidden)
            #expect(
                try await client.get("/process-instance/\(other)/activity-instances", as: "rita").status
                    == .forbidden)
            #expect(try await client.delete("/process-instance/\(mine)", as: "rita").status == .forbidden)
            #expect(try await client.get("/process-instance", as: "walt").status == .forbidden)
            #expect(try await client.get("/process-instance", as: "audrey").status == .forbidden)
        }
    }
}
