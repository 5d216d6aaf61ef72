import BatonTestSupport
import EngineRuntime
import EngineServer
import Expressions
import HTTPTypes
import Testing

/// The `/history/…` routes over real runs: shapes, filters, sorting, paging, counts, single lookups, errors and
/// who may read history.
@Suite(.serialized) struct HistoryRoutesTests {
    static let approval = Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
        <process id="approval" name="Approval" isExecutable="true">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="review"/>
          <userTask id="review" name="Review" camunda:candidateGroups="reviewers"/>
          <sequenceFlow id="f1" sourceRef="review" targetRef="gw"/>
          <exclusiveGateway id="gw"/>
          <sequenceFlow id="f2" sourceRef="gw" targetRef="end">
            <conditionExpression>${approved}</conditionExpression></sequenceFlow>
          <sequenceFlow id="f3" sourceRef="gw" targetRef="later">
            <conditionExpression>${!approved}</conditionExpression></sequenceFlow>
          <task id="later" camunda:asyncBefore="true"/><sequenceFlow id="f4" sourceRef="later" targetRef="end"/>
          <endEvent id="end"/>
        </process>
        </definitions>
        """.utf8)

    /// Runs `body` with a harness that has the model deployed, one completed instance (started by ann, amount 5 then
    /// 7, approved by rita) and one instance stuck with an incident at the gateway.
    static func withRuns(
        _ body:
            @escaping @Sendable (RESTClient, Engine, (done: String, stuck: String, task: String)) async throws -> Void
    ) async throws {
        let harness = try await RESTHarness.make()
        let engine = harness.engine
        _ = try await engine.deploy(name: "a", resources: [.init(name: "a.bpmn", content: approval)])
        let done = try await engine.startInstance(
            key: "approval", variables: ["amount": .integer(5)], businessKey: "order-1",
            origin: CommandOrigin(actor: "ann"))
        try await engine.setVariables(done.id, ["amount": .integer(7)], origin: CommandOrigin(actor: "admin"))
        let stuck = try await engine.startInstance(key: "approval", businessKey: "order-2")
        let tasks = try await engine.history.tasks()
        let doneTask = tasks.first { $0.processInstanceID == done.id }?.id ?? ""
        let stuckTask = tasks.first { $0.processInstanceID == stuck.id }?.id ?? ""
        try await engine.completeUserTask(
            doneTask, variables: ["approved": .bool(true)], origin: CommandOrigin(actor: "rita"))
        try await engine.completeUserTask(stuckTask)
        try await harness.run { client in try await body(client, engine, (done.id, stuck.id, doneTask)) }
    }

    @Test func processInstancesListFilterSortCountAndGetOne() async throws {
        try await Self.withRuns { client, _, runs in
            let all = try await client.get("/history/process-instance?sortBy=businessKey&sortOrder=asc")
            #expect(all.status == .ok)
            let list = all.json.arrayValue ?? []
            #expect(list.map { $0["id"]?.stringValue } == [runs.done, runs.stuck])
            let first = list.first ?? .null
            #expect(first["state"] == .string("COMPLETED"))
            #expect(first["startUserId"] == .string("ann"))
            #expect(first["startActivityId"] == .string("start"))
            #expect(first["processDefinitionName"] == .string("Approval"))
            #expect(first["removalTime"] == .null)
            #expect(first["superProcessInstanceId"] == .null)
            #expect(first["rootProcessInstanceId"] == .string(runs.done))
            #expect(first["startTime"]?.stringValue?.hasSuffix("+0000") == true)
            #expect(first["durationInMillis"]?.intValue != nil)
            #expect(list.last?["state"] == .string("ACTIVE"))

            let count = try await client.get("/history/process-instance/count?finished=true")
            #expect(count.json["count"] == .int(1))
            let posted = try await client.post(
                "/history/process-instance?firstResult=0&maxResults=1",
                #"{"withIncidents": true, "sorting": [{"sortBy": "startTime", "sortOrder": "desc"}]}"#)
            #expect(posted.json.arrayValue?.map { $0["id"]?.stringValue } == [runs.stuck])
            let postedCount = try await client.post("/history/process-instance/count", #"{"startedBy": "ann"}"#)
            #expect(postedCount.json["count"] == .int(1))
            let like = try await client.get("/history/process-instance?processInstanceBusinessKeyLike=order-%25")
            #expect(like.json.arrayValue?.count == 2)
            let byVariable = try await client.get("/history/process-instance?variables=amount_gt_6,approved_eq_true")
            #expect(byVariable.json.arrayValue?.map { $0["id"]?.stringValue } == [runs.done])
            let byBody = try await client.post(
                "/history/process-instance/count",
                #"{"variables": [{"name": "AMOUNT", "operator": "lteq", "value": 7}], "variableNamesIgnoreCase": true}"#)
            #expect(byBody.json["count"] == .int(1))
            let badOperator = try await client.get("/history/process-instance?variables=amount_near_6")
            #expect(badOperator.status == .badRequest)

            let one = try await client.get("/history/process-instance/\(runs.done)")
            #expect(one.json["businessKey"] == .string("order-1"))
            let missing = try await client.get("/history/process-instance/1b4e28ba-2fa1-11d2-883f-0016d3cca427")
            #expect(missing.status == .notFound)
            #expect(missing.json["type"] == .string("InvalidRequestException"))
        }
    }

    @Test func badSortingAndDatesAre400s() async throws {
        try await Self.withRuns { client, _, _ in
            let half = try await client.get("/history/activity-instance?sortBy=startTime")
            #expect(half.status == .badRequest)
            #expect(half.json["message"]?.stringValue?.contains("sortBy and sortOrder required") == true)
            let unknown = try await client.get("/history/task?sortBy=color&sortOrder=asc")
            #expect(unknown.status == .badRequest)
            let date = try await client.get("/history/process-instance?startedAfter=yesterday")
            #expect(date.status == .badRequest)
            let flag = try await client.get("/history/process-instance?finished=maybe")
            #expect(flag.status == .badRequest)
        }
    }

    @Test func deletingHistoryLeavesATombstoneAndRefusesRunningInstances() async throws {
        try await Self.withRuns { client, _, runs in
            let running = try await client.delete("/history/process-instance/\(runs.stuck)")
            #expect(running.status == .badRequest)
            #expect(running.json["message"]?.stringValue?.contains("still running") == true)
            let auditor = try await client.delete("/history/process-instance/\(runs.done)", as: "audrey")
            #expect(auditor.status == .forbidden)
            let finished = try await client.delete("/history/process-instance/\(runs.done)")
            #expect(finished.status == .noContent)
            let count = try await client.get("/history/process-instance/count")
            #expect(count.json["count"] == .int(1))
            let again = try await client.delete("/history/process-instance/\(runs.done)")
            #expect(again.status == .notFound)
            let audit = try await client.get("/history/process-instance/\(runs.done)/audit", as: "audrey")
            #expect(audit.json["valid"] == .bool(true))
            #expect(audit.json["tombstone"]?["reason"] == .string("deleted"))
            #expect(audit.json["tombstone"]?["removedBy"] == .string("admin"))
            #expect(audit.json["tombstone"]?["signatureValid"] == .bool(true))
        }
    }

    @Test func onlyAuditorsAndAdminsReadHistory() async throws {
        try await Self.withRuns { client, _, _ in
            let auditor = try await client.get("/history/process-instance", as: "audrey")
            #expect(auditor.status == .ok)
            let log = try await client.get("/history/user-operation", as: "audrey")
            #expect(log.status == .ok)
            let reviewer = try await client.get("/history/task", as: "rita")
            #expect(reviewer.status == .forbidden)
            let worker = try await client.get("/history/variable-instance", as: "walt")
            #expect(worker.status == .forbidden)
            let anonymous = try await client.get("/history/incident", as: nil)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func activityInstancesTasksAndIdentityLinks() async throws {
        try await Self.withRuns { client, _, runs in
            let activities = try await client.get(
                "/history/activity-instance?processInstanceId=\(runs.done)&sortBy=activityId&sortOrder=asc")
            let list = activities.json.arrayValue ?? []
            #expect(list.map { $0["activityId"]?.stringValue } == ["end", "gw", "review", "start"])
            #expect(
                list.map { $0["activityType"]?.stringValue }
                    == ["noneEndEvent", "exclusiveGateway", "userTask", "startEvent"])
            let review = list[2]
            #expect(review["taskId"] == .string(runs.task))
            #expect(review["parentActivityInstanceId"] == .string(runs.done))
            #expect(review["canceled"] == .bool(false))
            let id = review["id"]?.stringValue ?? ""
            let one = try await client.get("/history/activity-instance/\(id)")
            #expect(one.json["activityName"] == .string("Review"))
            let count = try await client.post("/history/activity-instance/count", #"{"activityType": "userTask"}"#)
            #expect(count.json["count"] == .int(2))

            let tasks = try await client.get("/history/task?taskHadCandidateGroup=reviewers&finished=true")
            #expect(tasks.json.arrayValue?.count == 2)
            let task = try await client.get("/history/task?processInstanceId=\(runs.done)")
            let first = task.json.arrayValue?.first ?? .null
            #expect(first["id"] == .string(runs.task))
            #expect(first["deleteReason"] == .string("completed"))
            #expect(first["taskState"] == .string("Completed"))
            #expect(first["duration"]?.intValue != nil)
            #expect(first["caseInstanceId"] == .null)

            let links = try await client.get("/history/identity-link-log?groupId=reviewers&taskId=\(runs.task)")
            let link = links.json.arrayValue?.first ?? .null
            #expect(links.json.arrayValue?.count == 1)
            #expect(link["type"] == .string("candidate") && link["operationType"] == .string("add"))
        }
    }

    @Test func variablesAndDetailsCarryTypedValues() async throws {
        try await Self.withRuns { client, _, runs in
            let amount = try await client.get(
                "/history/variable-instance?processInstanceId=\(runs.done)&variableName=amount")
            let variable = amount.json.arrayValue?.first ?? .null
            #expect(variable["value"] == .int(7))
            #expect(variable["type"] == .string("Integer"))
            #expect(variable["valueInfo"] == .object([]))
            #expect(variable["state"] == .string("CREATED"))
            let id = variable["id"]?.stringValue ?? ""
            #expect(try await client.get("/history/variable-instance/\(id)").json["name"] == .string("amount"))
            let data = try await client.get("/history/variable-instance/\(id)/data")
            #expect(data.status == .badRequest)
            let byValue = try await client.post(
                "/history/variable-instance", #"{"variableName": "amount", "variableValue": 7}"#)
            #expect(byValue.json.arrayValue?.count == 1)
            let byText = try await client.get("/history/variable-instance/count?variableValue=7")
            #expect(byText.json["count"] == .int(1))
            let none = try await client.get("/history/variable-instance/count?variableValue=5")
            #expect(none.json["count"] == .int(0))

            let details = try await client.get(
                "/history/detail?variableInstanceId=\(id)&sortBy=variableRevision&sortOrder=asc")
            let updates = details.json.arrayValue ?? []
            #expect(updates.map { $0["value"] } == [.int(5), .int(7)])
            #expect(updates.map { $0["type"] } == [.string("variableUpdate"), .string("variableUpdate")])
            #expect(updates.map { $0["variableType"] } == [.string("Integer"), .string("Integer")])
            #expect(updates.map { $0["revision"] } == [.int(0), .int(1)])
            #expect(updates.map { $0["initial"] } == [.bool(true), .bool(false)])
            let detailID = updates.last?["id"]?.stringValue ?? ""
            #expect(try await client.get("/history/detail/\(detailID)").json["variableName"] == .string("amount"))
        }
    }

    @Test func incidentsOperationsAndJobLog() async throws {
        try await Self.withRuns { client, engine, runs in
            let incidents = try await client.get("/history/incident?open=true")
            let incident = incidents.json.arrayValue?.first ?? .null
            #expect(incidents.json.arrayValue?.count == 1)
            #expect(incident["processInstanceId"] == .string(runs.stuck))
            #expect(incident["activityId"] == .string("gw"))
            #expect(incident["incidentType"] == .string("expressionFailed"))
            #expect(incident["open"] == .bool(true) && incident["resolved"] == .bool(false))

            let operations = try await client.get("/history/user-operation?sortBy=timestamp&sortOrder=asc")
            let entries = operations.json.arrayValue ?? []
            #expect(entries.map { $0["operationType"]?.stringValue } == ["SetVariable", "Complete", "Complete"])
            #expect(entries.map { $0["userId"]?.stringValue } == ["admin", "rita", nil])
            #expect(entries[1]["taskId"] == .string(runs.task))
            #expect(entries[1]["entityType"] == .string("Task"))
            let byUser = try await client.post("/history/user-operation/count", #"{"userId": "rita"}"#)
            #expect(byUser.json["count"] == .int(1))

            try await engine.setVariables(runs.stuck, ["approved": .bool(false)])
            let key = try await engine.pool.withConnection { connection in
                try connection.query("SELECT incident_key AS n FROM incidents", []).rows.first?.decode("n") ?? -1
            }
            try await engine.resolveIncident(runs.stuck, incidentKey: key)
            #expect(try await JobExecutor(engine: engine).runDueJobs() == 1)
            let jobs = try await client.get(
                "/history/job-log?processInstanceId=\(runs.stuck)&sortBy=occurrence&sortOrder=asc")
            let log = jobs.json.arrayValue ?? []
            #expect(log.map { $0["creationLog"] } == [.bool(true), .bool(false)])
            #expect(log.map { $0["successLog"] } == [.bool(false), .bool(true)])
            #expect(log.first?["jobDefinitionType"] == .string("async-continuation"))
            let entryID = log.first?["id"]?.stringValue ?? ""
            #expect(try await client.get("/history/job-log/\(entryID)").json["activityId"] == .string("later"))
            let resolved = try await client.get("/history/incident/count?resolved=true")
            #expect(resolved.json["count"] == .int(1))
            let finished = try await client.get("/history/process-instance/\(runs.stuck)")
            #expect(finished.json["state"] == .string("COMPLETED"))
        }
    }
}
