import BatonTestSupport
import EngineRuntime
import Expressions
import PostgresClient
import Testing

/// The history level: `reduced` writes only each instance's start and end, numbered without gaps, so the chain
/// still verifies; `full` writes everything.
@Suite struct HistoryLevelTests {
    static func types(_ pool: PostgresPool, _ id: String) async throws -> [String] {
        try await pool.withConnection { connection in
            try connection.query(
                "SELECT type FROM history_events WHERE process_instance_id = $1::uuid ORDER BY sequence", [.text(id)]
            ).rows.map { try $0.decode("type") }
        }
    }

    @Test func reducedHistoryKeepsOnlyStartAndEndAndStillChains() async throws {
        let pool = try await TestDatabase.shared.freshPool(maximumConnections: 3)
        let reduced = Engine(pool: pool, historyLevel: .reduced)
        let full = Engine(pool: pool)
        _ = try await full.deploy(name: "d", resources: [.init(name: "a.bpmn", content: Models.approval)])
        let id = try await reduced.startInstance(key: "approval", variables: ["amount": .integer(3)]).id
        #expect(try await Self.types(pool, id) == ["instanceCreated"])
        let task: String = try await pool.withConnection { connection in
            try connection.query("SELECT id::text AS id FROM user_tasks WHERE process_instance_id = $1::uuid",
                [.text(id)]).rows[0].decode("id")
        }
        try await reduced.completeUserTask(task, variables: ["ok": .bool(true)])
        #expect(try await Self.types(pool, id) == ["instanceCreated", "elementCompleted"])
        let verified = try await AuditChain(pool: pool).verify(instanceID: id)
        #expect(verified.isValid && verified.events == 2)
        let cancelled = try await reduced.startInstance(key: "approval").id
        _ = try await reduced.cancelInstance(cancelled)
        #expect(try await Self.types(pool, cancelled) == ["instanceCreated", "elementTerminated"])
        // The same run at the full level writes every event.
        let other = try await full.startInstance(key: "approval", variables: ["amount": .integer(3)]).id
        #expect(try await Self.types(pool, other).count > 5)
        let instance = try await reduced.history.processInstance(id)
        #expect(instance.endTime != nil)
        await pool.shutdown()
    }

    @Test func levelsParse() throws {
        #expect(try HistoryLevel(parsing: "REDUCED") == .reduced)
        #expect(try HistoryLevel(parsing: "full") == .full)
        #expect(throws: HistoryLevelError.self) { try HistoryLevel(parsing: "audit") }
    }
}
