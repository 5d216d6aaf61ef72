import BatonTestSupport
import EngineRuntime
import EngineServer
import Testing

/// `POST /history/cleanup` and the audit answer of a removed instance (its tombstone).
@Suite struct HistoryCleanupRoutesTests {
    static let model: [UInt8] = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="d">
          <process id="brief" isExecutable="true" camunda:historyTimeToLive="1">
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="e"/><endEvent id="e"/>
          </process>
        </definitions>
        """.utf8)

    @Test func adminsRunCleanupAndAuditorsSeeTheTombstone() async throws {
        let clock = TestClock()
        let harness = try await RESTHarness.make(clock: clock.engineClock)
        _ = try await harness.engine.deploy(name: "b", resources: [.init(name: "b.bpmn", content: Self.model)])
        let id = try await harness.engine.startInstance(key: "brief").id
        let head = try await AuditChain(pool: harness.pool).verify(instanceID: id)
        try await harness.run { client in
            let early = try await client.post("/history/cleanup")
            #expect(early.status == .ok)
            #expect(early.json["instances"] == .int(0))
            clock.advance(minutes: 2 * 24 * 60)
            #expect(try await client.post("/history/cleanup", as: "audrey").status == .forbidden)
            #expect(try await client.post("/history/cleanup?batchSize=0").status == .badRequest)
            let cleaned = try await client.post("/history/cleanup?batchSize=10")
            #expect(cleaned.status == .ok)
            #expect(cleaned.json["instances"] == .int(1))
            #expect(cleaned.json["events"] == .int(head.events))
            #expect(try await client.get("/history/process-instance/\(id)").status == .notFound)
            let audit = try await client.get("/history/process-instance/\(id)/audit", as: "audrey")
            #expect(audit.status == .ok)
            #expect(audit.json["valid"] == .bool(true))
            #expect(audit.json["events"] == .int(head.events))
            #expect(audit.json["headHash"] == .string(head.headHash))
            let tombstone = audit.json["tombstone"] ?? .null
            #expect(tombstone["reason"] == .string("cleanup"))
            #expect(tombstone["processDefinitionKey"] == .string("brief"))
            #expect(tombstone["signatureValid"] == .bool(true))
            #expect(tombstone["problem"] == .null)
            #expect(tombstone["removalTime"]?.stringValue?.hasSuffix("+0000") == true)
        }
    }
}
