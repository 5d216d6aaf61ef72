import BatonTestSupport
import EngineRuntime
import EngineServer
import Testing

@Suite struct AuditRoutesTests {
    static let model: [UInt8] = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t" id="d">
          <process id="audited" isExecutable="true">
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>
            <userTask id="t1"/><sequenceFlow id="f2" sourceRef="t1" targetRef="e"/><endEvent id="e"/>
          </process>
        </definitions>
        """.utf8)

    @Test func auditorsVerifyTheChainAndSeeTamperingNamed() async throws {
        let harness = try await RESTHarness.make()
        _ = try await harness.engine.deploy(name: "a", resources: [.init(name: "a.bpmn", content: Self.model)])
        let id = try await harness.engine.startInstance(key: "audited").id
        let pool = harness.pool
        try await harness.run { client in
            let valid = try await client.get("/history/process-instance/\(id)/audit", as: "audrey")
            #expect(valid.status == .ok)
            #expect(valid.json["valid"] == .bool(true))
            #expect(valid.json["firstBroken"] == .null)
            #expect((valid.json["events"]?.intValue ?? 0) > 2)
            #expect(valid.json["headHash"]?.stringValue?.count == 64)
            #expect(try await client.get("/history/process-instance/\(id)/audit", as: "rita").status == .forbidden)
            #expect(try await client.get("/history/process-instance/nope/audit", as: "audrey").status == .notFound)
            try await pool.withConnection { connection in
                try connection.executeScript(
                    """
                    ALTER TABLE history_events DISABLE TRIGGER history_events_no_update_delete;
                    UPDATE history_events SET occurred_at = occurred_at - interval '1 hour'
                        WHERE process_instance_id = '\(id)' AND sequence = 2;
                    ALTER TABLE history_events ENABLE TRIGGER history_events_no_update_delete
                    """)
            }
            let broken = try await client.get("/history/process-instance/\(id)/audit", as: "audrey")
            #expect(broken.json["valid"] == .bool(false))
            #expect(broken.json["firstBroken"]?["sequence"] == .int(2))
        }
    }
}
