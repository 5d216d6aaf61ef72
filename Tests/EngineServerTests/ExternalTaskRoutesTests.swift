import EngineRuntime
import EngineServer
import Expressions
import Foundation
import HTTPTypes
import Testing

/// The external task routes (contract §2.6): the Python client's fetch body, long polling, exact 204s, errors.
@Suite struct ExternalTaskRoutesTests {
    static func harness() async throws -> RESTHarness {
        let harness = try await RESTHarness.make()
        _ = try await harness.engine.deploy(name: "ops", resources: [.init(name: "ops.bpmn", content: OpsModels.all)])
        return harness
    }

    /// The body camunda-external-task-client-python3 sends.
    static func fetchBody(worker: String = "w", maxTasks: Int = 1, timeout: Int? = nil, topic: String = "mail")
        -> String
    {
        """
        {"workerId": "\(worker)", "maxTasks": \(maxTasks), "usePriority": false,
         "asyncResponseTimeout": \(timeout.map(String.init) ?? "null"), "sorting": null,
         "topics": [{"topicName": "\(topic)", "lockDuration": 10000, "variables": null, "processVariables": {},
                     "includeExtensionProperties": true, "deserializeValues": true}]}
        """
    }

    @Test func thePythonClientsFetchBodyLocksATaskWithItsVariables() async throws {
        let harness = try await Self.harness()
        let started = try await harness.engine.startInstance(
            key: "work", variables: ["amount": .integer(42), "order": .map(["id": .string("A-1")])],
            businessKey: "B-7")
        try await harness.run { client in
            let response = try await client.post("/external-task/fetchAndLock", Self.fetchBody(), as: "walt")
            #expect(response.status == .ok)
            let task = try #require(response.json.arrayValue?.first)
            #expect(task["workerId"] == .string("w"))
            #expect(task["topicName"] == .string("mail"))
            #expect(task["activityId"] == .string("task"))
            #expect(task["processInstanceId"] == .string(started.id))
            #expect(task["businessKey"] == .string("B-7"))
            #expect(task["retries"] == .null)
            #expect(task["tenantId"] == .null)
            #expect(task["priority"] == .int(0))
            #expect(task["variables"]?["amount"]?["value"] == .int(42))
            #expect(task["variables"]?["amount"]?["type"] == .string("Integer"))
            #expect(task["variables"]?["order"]?["value"]?["id"] == .string("A-1"))
            #expect(task["lockExpirationTime"]?.stringValue?.hasSuffix("+0000") == true)
            #expect(task["extensionProperties"] == .object([("provider", .string("acme"))]))
            // Locked: a second fetch finds nothing, at once without a timeout.
            let again = try await client.post("/external-task/fetchAndLock", Self.fetchBody(), as: "walt")
            #expect(again.json == .array([]))
            // Only workers (and admins) fetch.
            let reviewer = try await client.post("/external-task/fetchAndLock", Self.fetchBody(), as: "rita")
            #expect(reviewer.status == .forbidden)
        }
    }

    @Test func longPollingAnswersWhenATaskAppearsOrEmptyAtTheDeadline() async throws {
        let harness = try await Self.harness()
        let engine = harness.engine
        try await harness.run { client in
            let clock = ContinuousClock()
            var start = clock.now
            let empty = try await client.post("/external-task/fetchAndLock", Self.fetchBody(timeout: 600), as: "walt")
            let waited = clock.now - start
            #expect(empty.status == .ok)
            #expect(empty.json == .array([]))
            #expect(waited >= .milliseconds(600))
            #expect(waited < .milliseconds(5_000))

            start = clock.now
            let creator = Task {
                try await Task.sleep(for: .milliseconds(300))
                return try await engine.startInstance(key: "work").id
            }
            let found = try await client.post(
                "/external-task/fetchAndLock", Self.fetchBody(timeout: 20_000), as: "walt")
            let answeredAfter = clock.now - start
            let instance = try await creator.value
            #expect(found.json.arrayValue?.first?["processInstanceId"] == .string(instance))
            #expect(answeredAfter < .milliseconds(10_000))

            let tooLong = try await client.post(
                "/external-task/fetchAndLock", Self.fetchBody(timeout: 1_800_001), as: "walt")
            #expect(tooLong.status == .badRequest)
            #expect(tooLong.json["type"] == .string("InvalidRequestException"))
            #expect(
                tooLong.json["message"]
                    == .string(
                        "The asynchronous response timeout cannot be set to a value greater than 1800000 milliseconds"))
        }
    }

    @Test func theWorkersAnswersAreExactly204AndRefusalsAreCamundaErrors() async throws {
        let harness = try await Self.harness()
        let engine = harness.engine
        for _ in 0..<3 { _ = try await engine.startInstance(key: "work") }
        try await harness.run { client in
            let fetched = try await client.post("/external-task/fetchAndLock", Self.fetchBody(maxTasks: 3), as: "walt")
            let ids = (fetched.json.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            #expect(ids.count == 3)

            let wrong = try await client.post(
                "/external-task/\(ids[0])/complete", #"{"workerId": "other"}"#, as: "walt")
            #expect(wrong.status == .badRequest)
            #expect(wrong.json["type"] == .string("BadUserRequestException"))
            #expect(
                wrong.json["message"]
                    == .string(
                        "External Task \(ids[0]) cannot be completed by worker 'other'. It is locked by worker 'w'."))
            let complete = try await client.post(
                "/external-task/\(ids[0])/complete",
                #"{"workerId": "w", "variables": {"done": {"value": true}}, "localVariables": null}"#, as: "walt")
            #expect(complete.status == .noContent)
            #expect(complete.bytes.isEmpty)
            let gone = try await client.post("/external-task/\(ids[0])/complete", #"{"workerId": "w"}"#, as: "walt")
            #expect(gone.status == .notFound)
            #expect(gone.json["message"] == .string("External task with id \(ids[0]) does not exist"))

            let extend = try await client.post(
                "/external-task/\(ids[1])/extendLock", #"{"workerId": "w", "newDuration": 60000}"#, as: "walt")
            #expect(extend.status == .noContent)
            let failure = try await client.post(
                "/external-task/\(ids[1])/failure",
                #"{"workerId": "w", "errorMessage": "down", "errorDetails": "trace", "retries": 0, "retryTimeout": 0}"#,
                as: "walt")
            #expect(failure.status == .noContent)
            let details = try await client.get("/external-task/\(ids[1])/errorDetails", as: "walt")
            #expect(details.text == "trace")
            let noDetails = try await client.get("/external-task/\(ids[2])/errorDetails", as: "walt")
            #expect(noDetails.status == .noContent)
            #expect(try await engine.countIncidents(IncidentQuery()) == 1)
            let retries = try await client.put("/external-task/\(ids[1])/retries", #"{"retries": 2}"#)
            #expect(retries.status == .noContent)
            #expect(try await engine.countIncidents(IncidentQuery()) == 0)
            let missingRetries = try await client.put("/external-task/\(ids[1])/retries", "{}")
            #expect(missingRetries.status == .badRequest)
            #expect(try await client.put("/external-task/\(ids[1])/priority", #"{"priority": 7}"#).status == .noContent)
            #expect(try await engine.externalTask(ids[1]).priority == 7)

            let noCode = try await client.post("/external-task/\(ids[2])/bpmnError", #"{"workerId": "w"}"#, as: "walt")
            #expect(noCode.status == .badRequest)
            let error = try await client.post(
                "/external-task/\(ids[2])/bpmnError", #"{"workerId": "w", "errorCode": "E_FAIL"}"#, as: "walt")
            #expect(error.status == .noContent)
            #expect(try await engine.countExternalTasks(ExternalTaskQuery()) == 1)

            let unlock = try await client.post("/external-task/\(ids[1])/unlock", as: "walt")
            #expect(unlock.status == .noContent)
            let lock = try await client.post(
                "/external-task/\(ids[1])/lock", #"{"workerId": "x", "lockDuration": 5000}"#, as: "walt")
            #expect(lock.status == .noContent)
            let taken = try await client.post(
                "/external-task/\(ids[1])/lock", #"{"workerId": "y", "lockDuration": 5000}"#, as: "walt")
            #expect(taken.status == .badRequest)
            #expect(
                taken.json["message"]
                    == .string("External Task \(ids[1]) cannot be locked by worker 'y'. It is locked by worker 'x'."))
        }
    }

    @Test func queriesFilterSortPageAndCount() async throws {
        let harness = try await Self.harness()
        let engine = harness.engine
        let first = try await engine.startInstance(key: "work").id
        let second = try await engine.startInstance(key: "work").id
        try await engine.setSuspended(second, true)
        try await harness.run { client in
            let all = try await client.get("/external-task?sortBy=processInstanceId&sortOrder=asc", as: "walt")
            #expect(all.json.arrayValue?.count == 2)
            let suspended = try await client.get("/external-task?suspended=true", as: "walt")
            #expect(suspended.json.arrayValue?.map { $0["processInstanceId"] } == [.string(second)])
            #expect(suspended.json.arrayValue?.first?["suspended"] == .bool(true))
            let count = try await client.get("/external-task/count?active=true&topicName=mail", as: "walt")
            #expect(count.json == .object([("count", .int(1))]))
            let posted = try await client.post(
                "/external-task/count", #"{"processInstanceId": "\#(first)", "notLocked": true}"#, as: "walt")
            #expect(posted.json["count"] == .int(1))
            let paged = try await client.get("/external-task?firstResult=1&maxResults=5", as: "walt")
            #expect(paged.json.arrayValue?.count == 1)
            let id = try #require(suspended.json.arrayValue?.first?["id"]?.stringValue)
            let one = try await client.get("/external-task/\(id)", as: "walt")
            #expect(one.json["id"] == .string(id))
            #expect(one.json["topicName"] == .string("mail"))
            let missing = try await client.get("/external-task/\(UUID().uuidString.lowercased())", as: "walt")
            #expect(missing.status == .notFound)
            let names = try await client.get("/external-task/topic-names", as: "walt")
            #expect(names.json == .array([.string("mail")]))
            let half = try await client.get("/external-task?sortBy=id", as: "walt")
            #expect(half.status == .badRequest)
            #expect(
                half.json["message"]
                    == .string("Only a single sorting parameter specified. sortBy and sortOrder required"))
            let unknown = try await client.get("/external-task?sortBy=color&sortOrder=asc", as: "walt")
            #expect(unknown.status == .badRequest)
            let badFlag = try await client.get("/external-task?locked=maybe", as: "walt")
            #expect(badFlag.status == .badRequest)
        }
    }
}
