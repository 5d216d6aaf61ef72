import BatonTestSupport
import EngineRuntime
import EngineStore
import Foundation
import PostgresClient
import Testing

@testable import baton

/// `baton audit verify` explains instances removed by history cleanup: a valid tombstone counts as intact, a
/// tampered one is reported and exits 1; the key comes from BATON_AUDIT_KEY.
@Suite(.serialized) struct AuditVerifyTombstoneTests {
    @Test func removedInstancesVerifyByTheirTombstone() async throws {
        let cluster = try EmbeddedPostgres.temporary()
        let configuration = try cluster.start()
        defer { try? cluster.stop() }
        let url = TestDatabase.url(configuration)
        let migrate = await CommandLineRunner.executeAsync(["db", "migrate", "--database-url", url])
        #expect(migrate.status == 0, "\(migrate.errorOutput)")
        let key = String(repeating: "k3y-", count: 10)
        let pool = PostgresPool(configuration: configuration, maximumConnections: 2)
        let engine = Engine(pool: pool, auditKey: try AuditKey(configured: key))
        let model = Array("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="d">
              <process id="p" isExecutable="true" camunda:historyTimeToLive="0">
              <startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/><endEvent id="e"/></process>
            </definitions>
            """.utf8)
        _ = try await engine.deploy(name: "p", resources: [.init(name: "p.bpmn", content: model)])
        let removed = try await engine.startInstance(key: "p").id
        try await Task.sleep(for: .milliseconds(5))
        #expect(try await engine.cleanUpHistory().instances == 1)
        let kept = try await engine.startInstance(key: "p").id
        let environment = ["BATON_AUDIT_KEY": key]
        let clean = await CommandLineRunner.executeAsync(
            ["audit", "verify", "--all", "--database-url", url], environment: environment)
        #expect(clean.status == 0, "\(clean.output)\(clean.errorOutput)")
        #expect(clean.errorOutput == "2 instances checked, 0 broken\n")
        let one = await CommandLineRunner.executeAsync(
            ["audit", "verify", "--instance", removed, "--database-url", url], environment: environment)
        #expect(one.status == 0, "\(one.output)\(one.errorOutput)")
        // Without the key the tombstone cannot be vouched for.
        let keyless = await CommandLineRunner.executeAsync(
            ["audit", "verify", "--all", "--database-url", url], environment: [:])
        #expect(keyless.status == 1)
        #expect(keyless.output.hasPrefix("\(removed) tombstone (cleanup): the tombstone is signed with key"))
        let short = await CommandLineRunner.executeAsync(
            ["audit", "verify", "--all", "--database-url", url], environment: ["BATON_AUDIT_KEY": "short"])
        #expect(short.status == 2)
        try await pool.withConnection { connection in
            try connection.executeScript(
                """
                ALTER TABLE history_tombstones DISABLE TRIGGER history_tombstones_append_only;
                UPDATE history_tombstones SET removed_at = removed_at + interval '1 day';
                ALTER TABLE history_tombstones ENABLE TRIGGER history_tombstones_append_only
                """)
        }
        await pool.shutdown()
        let tampered = await CommandLineRunner.executeAsync(
            ["audit", "verify", "--all", "--database-url", url], environment: environment)
        #expect(tampered.status == 1)
        #expect(tampered.output == "\(removed) tombstone (cleanup): the tombstone's signature does not verify: it "
            + "was altered or forged after the removal\n")
        #expect(!tampered.output.contains(kept))
    }
}
