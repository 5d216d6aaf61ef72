import EngineRuntime
import EngineServer
import Expressions
import Foundation
import HTTPTypes
import Testing

/// The job and incident routes (contract §2.8): DTOs, filters, execute (500 with the job's message, retries
/// counted down), retries (exactly 204, resolves the incident), due dates, suspension, deletion, annotations.
@Suite struct JobIncidentRoutesTests {
    static func harness() async throws -> RESTHarness {
        let harness = try await RESTHarness.make()
        _ = try await harness.engine.deploy(name: "ops", resources: [.init(name: "ops.bpmn", content: OpsModels.all)])
        return harness
    }

    @Test func jobsAreQueriedExecutedRetriedAndChanged() async throws {
        let harness = try await Self.harness()
        let engine = harness.engine
        let paused = try await engine.startInstance(key: "pause").id
        let called = try await engine.startInstance(key: "call").id
        try await harness.run { client in
            let all = try await client.get("/job?sortBy=jobDueDate&sortOrder=desc")
            #expect(all.status == .ok)
            let jobs = all.json.arrayValue ?? []
            #expect(jobs.map { $0["processInstanceId"] } == [.string(paused), .string(called)])
            #expect(jobs.map { $0["jobDefinitionType"] }
                == [.string("timer-intermediate-transition"), .string("async-continuation")])
            #expect(jobs.first?["retries"] == .int(3))
            #expect(jobs.first?["dueDate"]?.stringValue?.hasSuffix("+0000") == true)
            #expect(jobs.first?["exceptionMessage"] == .null)
            let timerID = try #require(jobs.first?["id"]?.stringValue)
            let connectorID = try #require(jobs.last?["id"]?.stringValue)
            #expect(try await client.get("/job/count?timers=true").json == .object([("count", .int(1))]))
            #expect(try await client.get("/job/count?messages=true&executable=true").json["count"] == .int(1))
            let byInstance = try await client.post("/job/count", #"{"processInstanceId": "\#(paused)"}"#)
            #expect(byInstance.json["count"] == .int(1))
            let soon = "2099-01-01T00:00:00.000%2B0000"
            #expect(try await client.get("/job/count?dueDates=lt_\(soon)").json["count"] == .int(2))
            #expect(try await client.get("/job/count?dueDates=gt_\(soon)").json["count"] == .int(0))
            #expect(try await client.get("/job?dueDates=eq_\(soon)").status == .badRequest)
            #expect(try await client.get("/job?sortBy=color&sortOrder=asc").status == .badRequest)
            #expect(try await client.get("/job", as: "walt").status == .forbidden)

            // Running the connector job by hand: it fails (nothing listens on port 9), R0 → incident.
            let failed = try await client.post("/job/\(connectorID)/execute")
            #expect(failed.status == .internalServerError)
            #expect(failed.json["type"] == .string("RestException"))
            #expect(failed.json["message"]?.stringValue?.isEmpty == false)
            let job = try await client.get("/job/\(connectorID)")
            #expect(job.json["retries"] == .int(0))
            #expect(job.json["failedActivityId"] == .string("http"))
            #expect(job.json["exceptionMessage"] == failed.json["message"])
            #expect(try await client.get("/job/\(connectorID)/stacktrace").text == failed.json["message"]?.stringValue)
            #expect(try await client.get("/job/count?withException=true&noRetriesLeft=true").json["count"] == .int(1))
            let incidents = try await client.get("/incident?incidentType=failedJob")
            #expect(incidents.json.arrayValue?.first?["configuration"] == .string(connectorID))

            let retried = try await client.put("/job/\(connectorID)/retries", #"{"retries": 1}"#)
            #expect(retried.status == .noContent)
            #expect(retried.bytes.isEmpty)
            #expect(try await client.get("/incident/count").json["count"] == .int(0))
            #expect(try await client.put("/job/\(connectorID)/retries", #"{"retries": -1}"#).status == .badRequest)
            #expect(try await client.put("/job/\(connectorID)/retries", "{}").status == .badRequest)
            let unknown = try await client.put("/job/nope/retries", #"{"retries": 1}"#)
            #expect(unknown.status == .notFound)
            #expect(unknown.json["message"] == .string("Job with id nope does not exist"))

            // The timer, run by hand before it is due: the instance ends.
            #expect(try await client.post("/job/\(timerID)/execute").status == .noContent)
            #expect(try await client.get("/job/\(timerID)").status == .notFound)
            #expect(try await client.post("/job/\(timerID)/execute").status == .notFound)

            let due = try await client.put(
                "/job/\(connectorID)/duedate", #"{"duedate": "2030-05-01T10:00:00.000+0200"}"#)
            #expect(due.status == .noContent)
            let moved = try await client.get("/job/\(connectorID)")
            #expect(moved.json["dueDate"] == .string("2030-05-01T08:00:00.000+0000"))
            #expect(try await client.put("/job/\(connectorID)/duedate", #"{"duedate": "soon"}"#).status == .badRequest)
            #expect(try await client.put("/job/\(connectorID)/suspended", #"{"suspended": true}"#).status == .noContent)
            #expect(try await client.get("/job/count?suspended=true").json["count"] == .int(1))
            #expect(try await client.delete("/job/\(connectorID)").status == .noContent)
            #expect(try await client.delete("/job/\(connectorID)").status == .notFound)
        }
    }

    @Test func incidentsAreQueriedAndAnnotated() async throws {
        let harness = try await Self.harness()
        let engine = harness.engine
        let instance = try await engine.startInstance(key: "work").id
        let task = try #require(
            try await engine.fetchAndLock(
                workerID: "w", maxTasks: 1, topics: [.init(topicName: "mail", lockDuration: 1_000)]
            ).first)
        try await engine.handleExternalTaskFailure(task.id, workerID: "w", errorMessage: "smtp down", retries: 0)
        try await harness.run { client in
            let list = try await client.get("/incident?sortBy=incidentTimestamp&sortOrder=asc")
            let incident = try #require(list.json.arrayValue?.first)
            #expect(incident["incidentType"] == .string("failedExternalTask"))
            #expect(incident["configuration"] == .string(task.id))
            #expect(incident["processInstanceId"] == .string(instance))
            #expect(incident["activityId"] == .string("task"))
            #expect(incident["incidentMessage"] == .string("smtp down"))
            #expect(incident["annotation"] == .null)
            let id = try #require(incident["id"]?.stringValue)
            #expect(incident["rootCauseIncidentId"] == .string(id))
            #expect(try await client.get("/incident/count?configuration=\(task.id)").json["count"] == .int(1))
            #expect(try await client.get("/incident/count?incidentType=failedJob").json["count"] == .int(0))
            #expect(try await client.get("/incident?sortBy=incidentTimestamp").status == .badRequest)

            let annotate = try await client.put("/incident/\(id)/annotation", #"{"annotation": "provider informed"}"#)
            #expect(annotate.status == .noContent)
            #expect(try await client.get("/incident/\(id)").json["annotation"] == .string("provider informed"))
            #expect(try await client.delete("/incident/\(id)/annotation").status == .noContent)
            #expect(try await client.get("/incident/\(id)").json["annotation"] == .null)
            let resolve = try await client.delete("/incident/\(id)")
            #expect(resolve.status == .badRequest)
            #expect(resolve.json["type"] == .string("BadUserRequestException"))
            let missing = try await client.get("/incident/\(UUID().uuidString)")
            #expect(missing.status == .notFound)
            #expect(missing.json["message"]?.stringValue?.hasPrefix("Incident with id ") == true)
            #expect(try await client.put("/incident/nope/annotation", #"{"annotation": "x"}"#).status == .notFound)
        }
    }
}
