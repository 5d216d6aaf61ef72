import BatonTestSupport
import EngineRuntime
import Expressions
import PostgresClient
import Testing

/// History cleanup with signed tombstones (migration 0009): only finished instances past their definition's
/// `historyTimeToLive` go, in batches, each leaving a tombstone that verification accepts; a tampered tombstone is
/// named; the database refuses deletes that no matching tombstone covers.
@Suite(.serialized) struct HistoryCleanupTests {
    static let models = Models.definitions(
        """
        <process id="ttl" name="With TTL" isExecutable="true" camunda:historyTimeToLive="P30D">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="review"/>
          <userTask id="review" name="Review"/>
          <sequenceFlow id="f1" sourceRef="review" targetRef="end"/><endEvent id="end"/>
        </process>
        <process id="forever" isExecutable="true">
          <startEvent id="s"/><sequenceFlow id="g0" sourceRef="s" targetRef="e"/><endEvent id="e"/>
        </process>
        """)

    static let key = String(repeating: "0123456789abcdef", count: 4)

    struct Run {
        let engine: Engine
        let clock: TestClock
        var pool: PostgresPool { engine.pool }

        static func make(key: String? = HistoryCleanupTests.key) async throws -> Run {
            let clock = TestClock()
            let pool = try await TestDatabase.shared.freshPool(maximumConnections: 3)
            let engine = Engine(
                pool: pool, clock: clock.engineClock, auditKey: try key.map { try AuditKey(configured: $0) })
            _ = try await engine.deploy(name: "m", resources: [.init(name: "m.bpmn", content: HistoryCleanupTests.models)])
            return Run(engine: engine, clock: clock)
        }

        /// Starts a `ttl` instance and, unless `finish` is false, completes its task.
        func ttlInstance(finish: Bool = true) async throws -> String {
            let id = try await engine.startInstance(key: "ttl", variables: ["amount": .integer(7)]).id
            if finish {
                let task: String = try await pool.withConnection { connection in
                    try connection.query(
                        "SELECT id::text AS id FROM user_tasks WHERE process_instance_id = $1::uuid", [.text(id)]
                    ).rows[0].decode("id")
                }
                try await engine.completeUserTask(task, variables: ["ok": .bool(true)])
            }
            return id
        }

        func count(_ sql: String, _ parameters: [PostgresValue] = []) async throws -> Int {
            try await pool.withConnection { connection in
                try connection.query(sql, parameters).rows[0].decode("n")
            }
        }

        func rows(of id: String) async throws -> Int {
            try await count(
                "SELECT count(*)::int8 AS n FROM history_events WHERE process_instance_id = $1::uuid", [.text(id)])
        }

        func execute(_ sql: String) async throws {
            _ = try await pool.withConnection { connection in try connection.execute(sql) }
        }
    }

    @Test func onlyFinishedInstancesPastTheirTimeToLiveAreRemoved() async throws {
        let run = try await Run.make()
        let old = [try await run.ttlInstance(), try await run.ttlInstance()]
        let before = try await AuditChain(pool: run.pool).verify(instanceID: old[0])
        let running = try await run.ttlInstance(finish: false)
        let forever = try await run.engine.startInstance(key: "forever").id
        run.clock.advance(minutes: 20 * 24 * 60)
        let recent = try await run.ttlInstance()
        #expect(try await run.engine.cleanUpHistory().instances == 0)
        run.clock.advance(minutes: 11 * 24 * 60)
        let result = try await run.engine.cleanUpHistory()
        #expect(result.instances == 2)
        #expect(result.events == before.events * 2)
        for id in old {
            #expect(try await run.rows(of: id) == 0)
            #expect(try await run.count(
                "SELECT count(*)::int8 AS n FROM process_instances WHERE id = $1::uuid", [.text(id)]) == 0)
            #expect(try await run.count(
                "SELECT count(*)::int8 AS n FROM variables WHERE process_instance_id = $1::uuid", [.text(id)]) == 0)
            await #expect(throws: HistoryError.self) { _ = try await run.engine.history.processInstance(id) }
        }
        for id in [running, forever, recent] { #expect(try await run.rows(of: id) > 0) }
        let removed = try await AuditChain(pool: run.pool, configuredKey: run.engine.auditKey).verify(instanceID: old[0])
        let tombstone = try #require(removed.tombstone)
        #expect(removed.isValid && tombstone.signatureValid)
        #expect(tombstone.tombstone.reason == .cleanup && tombstone.tombstone.removedBy == nil)
        #expect(tombstone.tombstone.definitionKey == "ttl")
        #expect(removed.events == before.events && removed.headHash == before.headHash)
        #expect(tombstone.tombstone.removedAt == run.clock.engineClock.now())
        let all = try await AuditChain(pool: run.pool, configuredKey: run.engine.auditKey).verifyAll()
        #expect(all.checked == 5 && all.broken.isEmpty)
        await run.pool.shutdown()
    }

    @Test func cleanupRemovesInBatches() async throws {
        let run = try await Run.make()
        for _ in 0..<5 { _ = try await run.ttlInstance() }
        run.clock.advance(minutes: 31 * 24 * 60)
        let first = try await run.engine.cleanUpHistory(batchSize: 2, maximumBatches: 1)
        #expect(first.instances == 2 && first.batches == 1)
        let rest = try await run.engine.cleanUpHistory(batchSize: 2)
        #expect(rest.instances == 3 && rest.batches == 2)
        #expect(try await run.count("SELECT count(*)::int8 AS n FROM history_tombstones") == 5)
        #expect(try await run.count("SELECT count(*)::int8 AS n FROM history_events") == 0)
        await #expect(throws: EngineError.self) { try await run.engine.cleanUpHistory(batchSize: 0) }
        await run.pool.shutdown()
    }

    @Test func aTamperedOrUnverifiableTombstoneIsReported() async throws {
        let run = try await Run.make()
        let ids = [try await run.ttlInstance(), try await run.ttlInstance()]
        run.clock.advance(minutes: 31 * 24 * 60)
        try await run.engine.cleanUpHistory()
        // Someone hides events: the tombstone now claims fewer than were removed.
        try await run.pool.withConnection { connection in
            try connection.executeScript(
                """
                ALTER TABLE history_tombstones DISABLE TRIGGER history_tombstones_append_only;
                UPDATE history_tombstones SET event_count = 3 WHERE process_instance_id = '\(ids[0])';
                ALTER TABLE history_tombstones ENABLE TRIGGER history_tombstones_append_only
                """)
        }
        let chain = AuditChain(pool: run.pool, configuredKey: run.engine.auditKey)
        let forged = try await chain.verify(instanceID: ids[0])
        #expect(!forged.isValid)
        #expect(forged.tombstone?.signatureValid == false)
        #expect(forged.tombstone?.problem?.contains("does not verify") == true)
        #expect(try await chain.verifyAll().broken.map(\.instanceID) == [ids[0]])
        // A verifier without the signing key cannot vouch for any tombstone.
        let stranger = AuditChain(pool: run.pool, configuredKey: try AuditKey(configured: String(repeating: "x", count: 40)))
        let unknown = try await stranger.verify(instanceID: ids[1])
        #expect(!unknown.isValid && unknown.tombstone?.problem?.contains("does not hold") == true)
        await run.pool.shutdown()
    }

    @Test func deletesWithoutAMatchingTombstoneAreRefused() async throws {
        let run = try await Run.make()
        let plain = try await run.ttlInstance()
        let miscounted = try await run.ttlInstance()
        let running = try await run.ttlInstance(finish: false)
        let partial = try await run.ttlInstance()
        func tombstone(_ id: String, count: String, head: String) async throws {
            try await run.execute(
                """
                INSERT INTO history_tombstones (process_instance_id, definition_id, definition_key, event_count,
                    head_hash, ended_at, removed_at, reason, key_id, signature)
                SELECT id, definition_id, definition_key, \(count), \(head), coalesce(ended_at, now()), now(),
                    'cleanup', 'k', 's'
                FROM process_instances WHERE id = '\(id)'
                """)
        }
        let head = "(SELECT hash FROM history_events h WHERE h.process_instance_id = id ORDER BY sequence DESC LIMIT 1)"
        let count = "(SELECT count(*) FROM history_events h WHERE h.process_instance_id = id)"
        try await tombstone(miscounted, count: "\(count) - 1", head: head)
        try await tombstone(running, count: count, head: head)
        try await tombstone(partial, count: count, head: head)
        let before = try await run.count("SELECT count(*)::int8 AS n FROM history_events")
        for sql in [
            "DELETE FROM history_events WHERE process_instance_id = '\(plain)'",
            "DELETE FROM history_events WHERE process_instance_id = '\(miscounted)'",
            "DELETE FROM history_events WHERE process_instance_id = '\(running)'",
            "DELETE FROM history_events WHERE process_instance_id = '\(partial)' AND sequence > 1",
            "UPDATE history_events SET actor = 'x' WHERE process_instance_id = '\(partial)'",
            "TRUNCATE history_events",
            "DELETE FROM history_tombstones",
            "UPDATE history_tombstones SET removed_by = 'x'",
        ] {
            await #expect(throws: PostgresError.self, "\(sql)") { try await run.execute(sql) }
        }
        #expect(try await run.count("SELECT count(*)::int8 AS n FROM history_events") == before)
        // The matching tombstone of a finished instance lets the whole history go.
        try await run.execute("DELETE FROM history_events WHERE process_instance_id = '\(partial)'")
        #expect(try await run.rows(of: partial) == 0)
        await run.pool.shutdown()
    }

    @Test func deletingOneInstancesHistoryLeavesATombstone() async throws {
        let run = try await Run.make(key: nil)
        let finished = try await run.ttlInstance()
        let running = try await run.ttlInstance(finish: false)
        do {
            try await run.engine.history.deleteProcessInstance(running, by: "admin")
            Issue.record("a running instance's history must not be deleted")
        } catch let error as HistoryError {
            guard case .rejected(let message) = error else { throw error }
            #expect(message.contains("still running"))
        }
        let tombstone = try await run.engine.history.deleteProcessInstance(finished, by: "admin")
        #expect(tombstone.reason == .deleted && tombstone.removedBy == "admin")
        #expect(try await run.rows(of: finished) == 0)
        await #expect(throws: HistoryError.self) { try await run.engine.removeHistory(ofInstance: finished, by: nil) }
        await #expect(throws: HistoryError.self) { try await run.engine.removeHistory(ofInstance: "nope", by: nil) }
        // No key configured: one key is generated, stored and used from then on.
        #expect(try await run.count("SELECT count(*)::int8 AS n FROM audit_keys") == 1)
        let stored: String = try await run.pool.withConnection { connection in
            try connection.query("SELECT key_id FROM audit_keys").rows[0].decode("key_id")
        }
        #expect(tombstone.keyID == stored)
        let verified = try await AuditChain(pool: run.pool).verify(instanceID: finished)
        #expect(verified.isValid && verified.tombstone?.signatureValid == true)
        await run.pool.shutdown()
    }

    @Test func configuredKeysMustBeLongEnough() {
        #expect(throws: AuditKeyError.self) { try AuditKey(configured: "short") }
        #expect(throws: Never.self) { try AuditKey(configured: Self.key) }
    }
}
