import EngineRuntime
import EngineServer
import Expressions
import HTTPTypes
import Testing

/// `POST /message` and `POST /signal` (contract §2.7): every result shape, correlation keys, `all`, and errors.
@Suite struct MessageRoutesTests {
    static func harness() async throws -> RESTHarness {
        let harness = try await RESTHarness.make()
        _ = try await harness.engine.deploy(name: "ops", resources: [.init(name: "ops.bpmn", content: OpsModels.all)])
        return harness
    }

    @Test func aMessageReachesAWaitingInstanceOrStartsOneAndAnswersCamundasResults() async throws {
        let harness = try await Self.harness()
        let engine = harness.engine
        let one = try await engine.startInstance(key: "waiting", variables: ["order": .string("A")]).id
        let two = try await engine.startInstance(key: "waiting", variables: ["order": .string("B")]).id
        try await harness.run { client in
            // Two instances wait: one is required.
            let ambiguous = try await client.post("/message", #"{"messageName": "Paid"}"#, as: "walt")
            #expect(ambiguous.status == .badRequest)
            #expect(ambiguous.json["type"] == .string("RestException"))
            #expect(ambiguous.json["message"]?.stringValue?.contains("2 executions match") == true)

            let execution = try await client.post(
                "/message",
                #"""
                {"messageName": "Paid", "correlationKeys": {"order": {"value": "B", "type": "String"}},
                 "processVariables": {"paid": {"value": true}}, "resultEnabled": true,
                 "variablesInResultEnabled": true}
                """#, as: "walt")
            #expect(execution.status == .ok)
            let first = try #require(execution.json.arrayValue?.first)
            #expect(first["resultType"] == .string("Execution"))
            #expect(first["processInstance"] == .null)
            #expect(first["execution"]?["processInstanceId"] == .string(two))
            #expect(first["execution"]?["ended"] == .bool(false))
            #expect(first["variables"]?["paid"]?["value"] == .bool(true))
            #expect(first["variables"]?["order"]?["value"] == .string("B"))

            // resultEnabled false: 204.
            let quiet = try await client.post(
                "/message", #"{"messageName": "Paid", "processInstanceId": "\#(one)"}"#, as: "walt")
            #expect(quiet.status == .noContent)

            let started = try await client.post(
                "/message", #"{"messageName": "Order", "businessKey": "K-1", "resultEnabled": true}"#, as: "walt")
            let start = try #require(started.json.arrayValue?.first)
            #expect(start["resultType"] == .string("ProcessDefinition"))
            #expect(start["execution"] == .null)
            #expect(start["processInstance"]?["businessKey"] == .string("K-1"))
            #expect(start["processInstance"]?["links"] == .array([]))
            #expect(start["variables"] == nil)

            let none = try await client.post("/message", #"{"messageName": "Paid"}"#, as: "walt")
            #expect(none.status == .badRequest)
            #expect(
                none.json["message"]
                    == .string(
                        "Cannot correlate message 'Paid': No process definition or execution matches the parameters"))
            let noneAll = try await client.post(
                "/message", #"{"messageName": "Paid", "all": true, "resultEnabled": true}"#, as: "walt")
            #expect(noneAll.json == .array([]))
            let nameless = try await client.post("/message", #"{"businessKey": "x"}"#, as: "walt")
            #expect(nameless.status == .badRequest)
            #expect(nameless.json["message"] == .string("No message name supplied"))
            let local = try await client.post(
                "/message", #"{"messageName": "Paid", "processVariablesLocal": {"x": {"value": 1}}}"#, as: "walt")
            #expect(local.status == .badRequest)
            let badKeys = try await client.post(
                "/message", #"{"messageName": "Paid", "correlationKeys": [1]}"#, as: "walt")
            #expect(badKeys.status == .badRequest)
            let reviewer = try await client.post("/message", #"{"messageName": "Order"}"#, as: "rita")
            #expect(reviewer.status == .forbidden)
        }
    }

    @Test func allCorrelatesEveryWaitingInstance() async throws {
        let harness = try await Self.harness()
        for order in ["A", "B", "C"] {
            _ = try await harness.engine.startInstance(key: "waiting", variables: ["order": .string(order)])
        }
        try await harness.run { client in
            let all = try await client.post(
                "/message", #"{"messageName": "Paid", "all": true, "resultEnabled": true}"#, as: "walt")
            #expect(all.json.arrayValue?.count == 3)
            #expect(all.json.arrayValue?.allSatisfy { $0["resultType"] == .string("Execution") } == true)
        }
    }

    @Test func signalsAreBroadcast() async throws {
        let harness = try await Self.harness()
        let engine = harness.engine
        for order in ["A", "B"] {
            let id = try await engine.startInstance(key: "waiting", variables: ["order": .string(order)]).id
            _ = try await engine.correlateMessage("Paid", processInstanceID: id)
        }
        try await harness.run { client in
            let signal = try await client.post(
                "/signal", #"{"name": "Ring", "variables": {"rang": {"value": 1}}}"#, as: "walt")
            #expect(signal.status == .noContent)
            let nobody = try await client.post("/signal", #"{"name": "Nobody listens"}"#, as: "walt")
            #expect(nobody.status == .noContent)
            let nameless = try await client.post("/signal", "{}", as: "walt")
            #expect(nameless.status == .badRequest)
            let execution = try await client.post("/signal", #"{"name": "Ring", "executionId": "x"}"#, as: "walt")
            #expect(execution.status == .badRequest)
            let ended = try await engine.pool.withConnection { connection in
                try connection.query("SELECT count(*) AS n FROM process_instances WHERE state = 'completed'", [])
                    .rows.first?.decode("n") as Int?
            }
            #expect(ended == 2)
        }
    }
}
