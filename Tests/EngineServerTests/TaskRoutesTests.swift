import EngineRuntime
import EngineServer
import HTTPTypes
import Testing

/// The Task endpoints (contract §2.5): DTOs, commands, errors, variables, identity links, comments, queries and
/// the reviewer restriction.
@Suite(.serialized) struct TaskRoutesTests {
    static let model = Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <error id="reject" errorCode="REJECT"/>
          <process id="review" isExecutable="true">
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="check"/>
            <userTask id="check" name="Check" camunda:candidateGroups="${group}" camunda:formKey="embedded:check"/>
            <boundaryEvent id="rejected" attachedToRef="check"><errorEventDefinition errorRef="reject"/></boundaryEvent>
            <sequenceFlow id="f1" sourceRef="check" targetRef="end"/><endEvent id="end"/>
            <sequenceFlow id="f2" sourceRef="rejected" targetRef="fix"/><userTask id="fix" name="Fix"/>
          </process>
        </definitions>
        """.utf8)

    /// A harness with the model deployed and one instance per candidate group; returns the task ids by group.
    static func setUp(groups: [String] = ["reviewers", "managers"]) async throws -> (RESTHarness, [String: String]) {
        let harness = try await RESTHarness.make()
        _ = try await harness.engine.deploy(name: "d", resources: [.init(name: "review.bpmn", content: model)])
        var tasks: [String: String] = [:]
        for group in groups {
            let started = try await harness.engine.startInstance(
                key: "review", variables: ["group": .string(group)], businessKey: "bk-" + group)
            var query = TaskQuery()
            query.processInstanceID = started.id
            tasks[group] = try #require(try await harness.engine.queryTasks(query).first).id
        }
        return (harness, tasks)
    }

    @Test func getTaskHasEveryFieldAndMissingTasksAre404() async throws {
        let (harness, tasks) = try await Self.setUp()
        let id = try #require(tasks["reviewers"])
        try await harness.run { client in
            let response = try await client.get("/task/\(id)")
            #expect(response.status == .ok)
            let json = response.json
            let keys = json.objectValue?.map(\.0) ?? []
            for key in [
                "id", "name", "assignee", "created", "lastUpdated", "due", "followUp", "delegationState",
                "description", "executionId", "owner", "parentTaskId", "priority", "processDefinitionId",
                "processInstanceId", "taskDefinitionKey", "caseExecutionId", "caseInstanceId", "caseDefinitionId",
                "suspended", "formKey", "camundaFormRef", "tenantId", "taskState",
            ] {
                #expect(keys.contains(key), "missing \(key)")
            }
            #expect(json["name"] == .string("Check"))
            #expect(json["assignee"] == .null)
            #expect(json["priority"] == .int(50))
            #expect(json["taskDefinitionKey"] == .string("check"))
            #expect(json["formKey"] == .string("embedded:check"))
            let missing = try await client.get("/task/00000000-0000-0000-0000-000000000000")
            #expect(missing.status == .notFound)
            #expect(missing.json["type"] == .string("InvalidRequestException"))
            #expect(missing.json["message"] == .string("No matching task with id 00000000-0000-0000-0000-000000000000"))
            let form = try await client.get("/task/\(id)/form")
            #expect(form.json["key"] == .string("embedded:check"))
        }
    }

    @Test func claimUnclaimAssigneeDelegateResolveAndErrors() async throws {
        let (harness, tasks) = try await Self.setUp()
        let id = try #require(tasks["reviewers"])
        try await harness.run { client in
            #expect(try await client.post("/task/\(id)/claim", #"{"userId": "ann"}"#).status == .noContent)
            #expect(try await client.post("/task/\(id)/claim", #"{"userId": "ann"}"#).status == .noContent)
            let taken = try await client.post("/task/\(id)/claim", #"{"userId": "bob"}"#)
            #expect(taken.status == .internalServerError)
            #expect(taken.json["type"] == .string("TaskAlreadyClaimedException"))
            #expect(taken.json["message"] == .string("Task '\(id)' is already claimed by someone else."))
            let missing = try await client.post(
                "/task/00000000-0000-0000-0000-000000000000/claim", #"{"userId": "bob"}"#)
            #expect(missing.status == .internalServerError)
            #expect(missing.json["type"] == .string("NullValueException"))
            #expect(missing.json["message"]?.stringValue?.hasPrefix("Cannot find task with id ") == true)
            #expect(try await client.post("/task/\(id)/unclaim").status == .noContent)
            #expect(try await client.get("/task/\(id)").json["assignee"] == .null)
            #expect(try await client.post("/task/\(id)/assignee", #"{"userId": "carl"}"#).status == .noContent)
            #expect(try await client.post("/task/\(id)/delegate", #"{"userId": "dora"}"#).status == .noContent)
            var task = try await client.get("/task/\(id)").json
            #expect(task["owner"] == .string("carl"))
            #expect(task["assignee"] == .string("dora"))
            #expect(task["delegationState"] == .string("PENDING"))
            let early = try await client.post("/task/\(id)/complete")
            #expect(early.status == .internalServerError)
            #expect(early.json["type"] == .string("RestException"))
            #expect(early.json["message"]?.stringValue?.hasPrefix("Cannot complete task \(id): ") == true)
            #expect(
                try await client.post("/task/\(id)/resolve", #"{"variables": {"seen": {"value": true}}}"#).status
                    == .noContent)
            task = try await client.get("/task/\(id)").json
            #expect(task["assignee"] == .string("carl"))
            #expect(task["delegationState"] == .string("RESOLVED"))
            #expect(task["lastUpdated"] != .null)
            let done = try await client.post(
                "/task/\(id)/complete", #"{"variables": {"ok": {"value": 1}}, "withVariablesInReturn": true}"#)
            #expect(done.status == .ok)
            #expect(done.json["ok"]?["value"] == .int(1))
            #expect(done.json["seen"]?["type"] == .string("Boolean"))
            #expect(try await client.get("/task/\(id)").status == .notFound)
        }
    }

    @Test func putUpdatesTheTask() async throws {
        let (harness, tasks) = try await Self.setUp()
        let id = try #require(tasks["reviewers"])
        try await harness.run { client in
            let body = #"""
                {"name": "Check twice", "description": "carefully", "priority": 77, "assignee": "ann",
                 "owner": "olga", "due": "2026-04-01T10:00:00.000+0200", "followUp": null}
                """#
            #expect(try await client.put("/task/\(id)", body).status == .noContent)
            let task = try await client.get("/task/\(id)").json
            #expect(task["name"] == .string("Check twice"))
            #expect(task["description"] == .string("carefully"))
            #expect(task["priority"] == .int(77))
            #expect(task["owner"] == .string("olga"))
            #expect(task["due"] == .string("2026-04-01T08:00:00.000+0000"))
            #expect(try await client.put("/task/\(id)", #"{"due": "soon"}"#).status == .badRequest)
        }
    }

    @Test func bpmnErrorAndEscalation() async throws {
        let (harness, tasks) = try await Self.setUp()
        let id = try #require(tasks["reviewers"])
        try await harness.run { client in
            #expect(try await client.post("/task/\(id)/bpmnError", #"{"errorMessage": "x"}"#).status == .badRequest)
            let thrown = try await client.post(
                "/task/\(id)/bpmnError",
                #"{"errorCode": "REJECT", "errorMessage": "no", "variables": {"why": {"value": "x"}}}"#)
            #expect(thrown.status == .noContent)
            let open = try await client.get("/task?taskDefinitionKey=fix").json
            #expect(open.arrayValue?.count == 1)
            let fix = try #require(open.arrayValue?.first?["id"]?.stringValue)
            #expect(try await client.get("/task/\(fix)/variables/why").json["value"] == .string("x"))
            let other = try #require(tasks["managers"])
            let escalated = try await client.post("/task/\(other)/bpmnEscalation", #"{"escalationCode": "E"}"#)
            #expect(escalated.status == .noContent)
        }
    }

    @Test func variablesAndLocalVariables() async throws {
        let (harness, tasks) = try await Self.setUp()
        let id = try #require(tasks["reviewers"])
        try await harness.run { client in
            let all = try await client.get("/task/\(id)/variables")
            #expect(all.json["group"]?["value"] == .string("reviewers"))
            #expect(
                try await client.put("/task/\(id)/localVariables/note", #"{"value": "hi", "type": "String"}"#)
                    .status == .noContent)
            #expect(try await client.get("/task/\(id)/localVariables/note").json["value"] == .string("hi"))
            #expect(try await client.get("/task/\(id)/variables/note").json["value"] == .string("hi"))
            let missing = try await client.get("/task/\(id)/localVariables/group")
            #expect(missing.status == .notFound)
            #expect(missing.json["message"] == .string("task local variable with name group does not exist"))
            let modified = try await client.post(
                "/task/\(id)/variables", #"{"modifications": {"amount": {"value": 5}}, "deletions": ["group"]}"#)
            #expect(modified.status == .noContent)
            let after = try await client.get("/task/\(id)/variables").json
            #expect(after["amount"]?["type"] == .string("Integer"))
            #expect(after["group"] == nil)
            #expect(try await client.delete("/task/\(id)/localVariables/note").status == .noContent)
            #expect(try await client.get("/task/\(id)/variables/note").status == .notFound)
            #expect(try await client.get("/task/00000000-0000-0000-0000-000000000000/variables").status == .notFound)
            #expect(
                try await client.put("/task/\(id)/variables/bad", #"{"value": 1, "type": "STRING"}"#).status
                    == .badRequest)
        }
    }

    @Test func identityLinksAndComments() async throws {
        let (harness, tasks) = try await Self.setUp()
        let id = try #require(tasks["reviewers"])
        try await harness.run { client in
            var links = try await client.get("/task/\(id)/identity-links").json
            #expect(
                links
                    == .array([
                        .object([("userId", .null), ("groupId", .string("reviewers")), ("type", .string("candidate"))])
                    ]))
            #expect(
                try await client.post("/task/\(id)/identity-links", #"{"userId": "kim", "type": "candidate"}"#)
                    .status == .noContent)
            #expect(
                try await client.post("/task/\(id)/identity-links", #"{"userId": "ann", "type": "assignee"}"#)
                    .status == .noContent)
            #expect(
                try await client.post(
                    "/task/\(id)/identity-links/delete", #"{"groupId": "reviewers", "type": "candidate"}"#
                )
                .status == .noContent)
            links = try await client.get("/task/\(id)/identity-links").json
            #expect(links.arrayValue?.count == 2)
            #expect(try await client.get("/task/\(id)/identity-links?type=assignee").json.arrayValue?.count == 1)
            #expect(
                try await client.post("/task/\(id)/identity-links", #"{"type": "candidate"}"#).status == .badRequest)
            let comment = try await client.post("/task/\(id)/comment/create", #"{"message": "looks good"}"#)
            #expect(comment.status == .ok)
            #expect(comment.json["userId"] == .string("admin"))
            #expect(comment.json["taskId"] == .string(id))
            #expect(comment.json["message"] == .string("looks good"))
            let commentID = try #require(comment.json["id"]?.stringValue)
            #expect(try await client.get("/task/\(id)/comment").json.arrayValue?.count == 1)
            #expect(try await client.get("/task/\(id)/comment/\(commentID)").json["message"] == .string("looks good"))
            #expect(
                try await client.get("/task/\(id)/comment/00000000-0000-0000-0000-000000000000").status == .notFound)
        }
    }

    @Test func queriesCountsSortingAndPaging() async throws {
        let (harness, tasks) = try await Self.setUp(groups: ["reviewers", "managers", "auditors"])
        let reviewers = try #require(tasks["reviewers"])
        try await harness.run { client in
            #expect(try await client.get("/task/count").json["count"] == .int(3))
            #expect(
                try await client.post("/task/count", #"{"candidateGroups": ["reviewers", "managers"]}"#)
                    .json["count"] == .int(2))
            let byGroup = try await client.get("/task?candidateGroup=reviewers").json
            #expect(byGroup.arrayValue?.map { $0["id"] } == [.string(reviewers)])
            #expect(
                try await client.get("/task?processInstanceBusinessKeyLike=bk-%25&maxResults=2").json.arrayValue?.count
                    == 2)
            #expect(try await client.get("/task?processVariables=group_eq_managers").json.arrayValue?.count == 1)
            #expect(
                try await client.post(
                    "/task", #"{"processVariables": [{"name": "group", "operator": "like", "value": "%ers"}]}"#
                )
                .json.arrayValue?.count == 2)
            let sorted = try await client.post(
                "/task?firstResult=0&maxResults=10", #"{"sorting": [{"sortBy": "created", "sortOrder": "desc"}]}"#)
            #expect(sorted.json.arrayValue?.count == 3)
            let or = try await client.post(
                "/task", #"{"orQueries": [{"assignee": "nobody-here", "candidateGroup": "managers"}]}"#)
            #expect(or.json.arrayValue?.count == 1)
            #expect(try await client.post("/task", #"{"orQueries": {"assignee": "x"}}"#).status == .badRequest)
            #expect(try await client.get("/task?sortBy=name").status == .badRequest)
            #expect(try await client.get("/task?sortBy=bogus&sortOrder=asc").status == .badRequest)
            #expect(try await client.get("/task?processVariables=oops").status == .badRequest)
            #expect(try await client.get("/task?priority=high").status == .badRequest)
        }
    }

    @Test func reviewersSeeAndWorkOnlyOnTheirTasks() async throws {
        let (harness, tasks) = try await Self.setUp()
        let mine = try #require(tasks["reviewers"])
        let theirs = try #require(tasks["managers"])
        try await harness.run { client in
            let listed = try await client.get("/task", as: "rita").json
            #expect(listed.arrayValue?.map { $0["id"] } == [.string(mine)])
            #expect(try await client.get("/task/count", as: "rita").json["count"] == .int(1))
            #expect(try await client.get("/task/\(theirs)", as: "rita").status == .forbidden)
            #expect(
                try await client.post("/task/\(theirs)/claim", #"{"userId": "rita"}"#, as: "rita").status == .forbidden)
            #expect(try await client.post("/task/\(theirs)/complete", as: "rita").status == .forbidden)
            #expect(
                try await client.post("/task/\(mine)/claim", #"{"userId": "bob"}"#, as: "rita").status == .forbidden)
            #expect(
                try await client.post("/task/\(mine)/claim", #"{"userId": "rita"}"#, as: "rita").status == .noContent)
            #expect(
                try await client.post("/task/\(mine)/assignee", #"{"userId": "x"}"#, as: "rita").status == .forbidden)
            #expect(try await client.get("/task", as: "walt").status == .forbidden)
            // Assigned to another user by an admin, the task is no longer rita's unless she is a candidate.
            #expect(try await client.post("/task/\(theirs)/assignee", #"{"userId": "rita"}"#).status == .noContent)
            #expect(try await client.get("/task/count", as: "rita").json["count"] == .int(2))
            #expect(try await client.post("/task/\(theirs)/complete", as: "rita").status == .noContent)
            #expect(try await client.post("/task/\(mine)/complete", as: "rita").status == .noContent)
            let history = try await harness.pool.withConnection { connection in
                try connection.query(
                    "SELECT count(*) AS n FROM history_events WHERE actor = 'rita' AND command = 'task.claim'", []
                ).rows.first?.decode("n") as Int?
            }
            #expect(history == 1)
        }
    }
}
