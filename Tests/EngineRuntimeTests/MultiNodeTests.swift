import BatonTestSupport
import EngineRuntime
import Foundation
import PostgresClient
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Several engine processes on one database: three `baton-soak --executor --topic nodes` nodes share 5,000 timers and
/// then 5,000 external tasks; one node is killed with SIGKILL midway. Every timer fires exactly once and every
/// external task completes exactly once (asserted on history), and every instance completes.
@Suite(.serialized) struct MultiNodeTests {
    static let model = Models.definitions(
        """
        <process id="nodes" isExecutable="true">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="wait"/>
          <intermediateCatchEvent id="wait"><timerEventDefinition><timeDate>${due}</timeDate></timerEventDefinition>
          </intermediateCatchEvent>
          <sequenceFlow id="f1" sourceRef="wait" targetRef="work"/>
          <serviceTask id="work" camunda:type="external" camunda:topic="nodes"/>
          <sequenceFlow id="f2" sourceRef="work" targetRef="end"/><endEvent id="end"/>
        </process>
        """)

    @Test(.timeLimit(.minutes(10)))
    func threeNodesFireEveryTimerAndCompleteEveryExternalTaskExactlyOnceEvenWhenOneIsKilled() async throws {
        let pool = try await TestDatabase.shared.freshPool(maximumConnections: 16)
        let engine = Engine(pool: pool)
        _ = try await engine.deploy(name: "n", resources: [.init(name: "n.bpmn", content: Self.model)])
        let count = 5_000
        // Due in the past: due as soon as the nodes look.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    for _ in stride(from: worker, to: count, by: 16) {
                        _ = try await engine.startInstance(key: "nodes", variables: ["due": .string("2026-01-01T00:00:00Z")])
                    }
                }
            }
            try await group.waitForAll()
        }
        let url = TestDatabase.url(pool.configuration)
        func node(_ name: String) throws -> Process {
            let process = Process()
            process.executableURL = CrashTests.soakExecutable
            process.arguments = [
                "--database-url", url, "--executor", "--lock-ms", "3000", "--owner", name, "--topic", "nodes",
            ]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        let nodes = try (0..<3).map { try node("node-\($0)") }
        func number(_ sql: String) async throws -> Int {
            try await pool.withConnection { connection in try connection.query(sql, []).rows.first?.decode("n") ?? -1 }
        }
        // Kill one node once work is under way.
        var waited = 0
        while try await number("SELECT count(*) AS n FROM process_instances WHERE state = 'completed'") < count / 5,
            waited < 600
        {
            try await Task.sleep(nanoseconds: 50_000_000)
            waited += 1
        }
        kill(nodes[0].processIdentifier, SIGKILL)
        await waitForExit(nodes[0])
        waited = 0
        while try await number("SELECT count(*) AS n FROM process_instances WHERE state = 'completed'") < count,
            waited < 1_200
        {
            try await Task.sleep(nanoseconds: 100_000_000)
            waited += 1
        }
        for node in nodes.dropFirst() {
            node.terminate()
            await waitForExit(node)
        }
        #expect(try await number("SELECT count(*) AS n FROM process_instances WHERE state = 'completed'") == count)
        #expect(
            try await number(
                """
                SELECT count(*) AS n FROM (SELECT process_instance_id FROM history_events WHERE type = 'timerFired'
                GROUP BY process_instance_id HAVING count(*) <> 1) AS x
                """) == 0)
        #expect(try await number("SELECT count(*) AS n FROM history_events WHERE type = 'timerFired'") == count)
        #expect(
            try await number(
                """
                SELECT count(*) AS n FROM (SELECT process_instance_id FROM history_events
                WHERE type = 'elementCompleted' AND element_id = 'work'
                GROUP BY process_instance_id HAVING count(*) <> 1) AS x
                """) == 0)
        #expect(
            try await number(
                "SELECT count(*) AS n FROM history_events WHERE type = 'elementCompleted' AND element_id = 'work'")
                == count)
        #expect(try await number("SELECT count(*) AS n FROM external_tasks") == 0)
        #expect(try await number("SELECT count(*) AS n FROM jobs") == 0)
    }
}
