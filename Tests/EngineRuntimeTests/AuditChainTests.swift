import BatonTestSupport
import EngineRuntime
import Expressions
import PostgresClient
import Testing

/// The history hash chain (migration 0008): intact chains verify; an event altered or removed by a superuser going
/// around the append-only trigger is named exactly; the engine's role cannot UPDATE or DELETE history.
@Suite struct AuditChainTests {
    static func finishedInstance() async throws -> (PostgresPool, Engine, String) {
        let pool = try await TestDatabase.shared.freshPool()
        let engine = Engine(pool: pool)
        _ = try await engine.deploy(name: "d", resources: [.init(name: "a.bpmn", content: Models.approval)])
        let started = try await engine.startInstance(
            key: "approval", variables: ["amount": .integer(12)], origin: CommandOrigin(actor: "ana"))
        let task: String = try await pool.withConnection { connection in
            try connection.query("SELECT id::text AS id FROM user_tasks", []).rows[0].decode("id")
        }
        try await engine.completeUserTask(task, variables: ["ok": .bool(true)], origin: CommandOrigin(actor: "rita"))
        return (pool, engine, started.id)
    }

    static func tamper(_ pool: PostgresPool, _ sql: String) async throws {
        try await pool.withConnection { connection in
            try connection.executeScript(
                "ALTER TABLE history_events DISABLE TRIGGER history_events_no_update_delete; \(sql); "
                    + "ALTER TABLE history_events ENABLE TRIGGER history_events_no_update_delete")
        }
    }

    /// The engine hashes the time it stores: with a clock whose times carry no UTC offset and database sessions in
    /// another time zone, the chain still verifies and the stored times (history and runtime rows) are the clock's
    /// instant.
    @Test func theChainHoldsWhateverTheSessionTimeZone() async throws {
        let setup = try await TestDatabase.shared.freshPool()
        try await setup.withConnection { connection in
            try connection.execute(
                """
                DO $$ BEGIN
                    EXECUTE format('ALTER DATABASE %I SET TimeZone = %L', current_database(), 'Pacific/Auckland');
                END $$
                """)
        }
        let pool = PostgresPool(configuration: setup.configuration, maximumConnections: 2)
        let instant: Int64 = 1_796_039_345_568
        let engine = Engine(pool: pool, clock: EngineClock { DateTime(epochMilliseconds: instant) })
        _ = try await engine.deploy(name: "d", resources: [.init(name: "a.bpmn", content: Models.approval)])
        let started = try await engine.startInstance(key: "approval", variables: ["amount": .integer(12)])
        let (zone, task): (String, String) = try await pool.withConnection { connection in
            (
                try connection.query("SELECT current_setting('TimeZone') AS z").rows[0].decode("z"),
                try connection.query("SELECT id::text AS id FROM user_tasks").rows[0].decode("id")
            )
        }
        #expect(zone == "Pacific/Auckland")
        try await engine.completeUserTask(task, variables: ["ok": .bool(true)])
        let result = try await AuditChain(pool: pool).verify(instanceID: started.id)
        #expect(result.isValid, "\(String(describing: result.firstBroken))")
        let times: [Int64] = try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT DISTINCT (extract(epoch FROM occurred_at) * 1000)::int8 AS t FROM history_events
                WHERE process_instance_id = $1::uuid
                """, [.text(started.id)]
            ).rows.map { try $0.decode("t") }
        }
        #expect(times == [instant])
        let startedAt: Int64 = try await pool.withConnection { connection in
            try connection.query(
                "SELECT (extract(epoch FROM started_at) * 1000)::int8 AS t FROM process_instances WHERE id = $1::uuid",
                [.text(started.id)]
            ).rows[0].decode("t")
        }
        #expect(startedAt == instant)
        await pool.shutdown()
    }

    @Test func anIntactChainVerifies() async throws {
        let (pool, _, id) = try await Self.finishedInstance()
        let result = try await AuditChain(pool: pool).verify(instanceID: id)
        let (count, head): (Int, String) = try await pool.withConnection { connection in
            let row = try connection.query(
                """
                SELECT count(*)::int8 AS n, (array_agg(hash ORDER BY sequence DESC))[1] AS head
                FROM history_events WHERE process_instance_id = $1::uuid
                """, [.text(id)]
            ).rows[0]
            return (try row.decode("n"), try row.decode("head"))
        }
        #expect(result.isValid)
        #expect(result.events == count)
        #expect(count > 5)
        #expect(result.headHash == head)
        #expect(head.count == 64)
        let all = try await AuditChain(pool: pool).verifyAll()
        #expect(all.checked == 1 && all.broken.isEmpty)
        await pool.shutdown()
    }

    /// A step's rows go as a `VALUES` list up to `ValuesList` 16 rows and as column arrays beyond: both write the same
    /// rows, chained, with the variables' types and values.
    @Test(arguments: [3, 20]) func aStepWritesItsRowsWhateverTheirNumber(variableCount: Int) async throws {
        let pool = try await TestDatabase.shared.freshPool()
        let engine = Engine(pool: pool)
        _ = try await engine.deploy(name: "d", resources: [.init(name: "a.bpmn", content: Models.approval)])
        var variables: [String: Value] = [:]
        for index in 0..<variableCount {
            variables["v\(index)"] = index.isMultiple(of: 2) ? .integer(index) : .string("text \(index) it's")
        }
        let started = try await engine.startInstance(key: "approval", variables: variables)
        let (stored, created, history): ([String: String], Int, Int) = try await pool.withConnection { connection in
            let rows = try connection.query(
                "SELECT name, type || ':' || value::text AS v FROM variables WHERE process_instance_id = $1::uuid",
                [.text(started.id)])
            let counts = try connection.query(
                """
                SELECT count(*) FILTER (WHERE type = 'variableCreated')::int8 AS created, count(*)::int8 AS n
                FROM history_events WHERE process_instance_id = $1::uuid
                """, [.text(started.id)]
            ).rows[0]
            return (
                Dictionary(uniqueKeysWithValues: try rows.rows.map { (try $0.decode("name"), try $0.decode("v")) }),
                try counts.decode("created"), try counts.decode("n")
            )
        }
        #expect(stored.count == variableCount)
        #expect(stored["v0"] == "Integer:0")
        #expect(stored["v1"] == #"String:"text 1 it's""#)
        #expect(created == variableCount)
        #expect(history > variableCount + 4)
        let result = try await AuditChain(pool: pool).verify(instanceID: started.id)
        #expect(result.isValid, "\(String(describing: result.firstBroken))")
        #expect(result.events == history)
        await pool.shutdown()
    }

    @Test func anAlteredEventIsNamedExactly() async throws {
        let (pool, _, id) = try await Self.finishedInstance()
        let stored: String = try await pool.withConnection { connection in
            try connection.query(
                "SELECT hash FROM history_events WHERE process_instance_id = $1::uuid AND sequence = 3", [.text(id)]
            ).rows[0].decode("hash")
        }
        try await Self.tamper(
            pool,
            "UPDATE history_events SET actor = 'mallory' WHERE process_instance_id = '\(id)' AND sequence = 3")
        let result = try await AuditChain(pool: pool).verify(instanceID: id)
        let broken = try #require(result.firstBroken)
        #expect(broken.sequence == 3)
        #expect(broken.foundHash == stored)
        #expect(broken.expectedHash != stored)
        #expect(try await AuditChain(pool: pool).verifyAll().broken.map(\.instanceID) == [id])
        await pool.shutdown()
    }

    @Test func aRemovedEventBreaksTheChainAtTheNextOne() async throws {
        let (pool, _, id) = try await Self.finishedInstance()
        try await Self.tamper(pool, "DELETE FROM history_events WHERE process_instance_id = '\(id)' AND sequence = 2")
        let broken = try #require(try await AuditChain(pool: pool).verify(instanceID: id).firstBroken)
        #expect(broken.sequence == 3)
        await pool.shutdown()
    }

    @Test func aRehashedForgeryIsStillCaughtByTheLinkToItsSuccessor() async throws {
        let (pool, _, id) = try await Self.finishedInstance()
        // The forger alters event 2 and recomputes its hash with the database's own function; event 3 still holds
        // the old hash as its predecessor.
        try await Self.tamper(
            pool,
            """
            UPDATE history_events h SET actor = 'mallory' WHERE process_instance_id = '\(id)' AND sequence = 2;
            UPDATE history_events h SET hash = encode(sha256(convert_to(coalesce(previous_hash, '') || E'\\x1e'
                || history_event_canonical(h), 'UTF8')), 'hex') WHERE process_instance_id = '\(id)' AND sequence = 2
            """)
        let broken = try #require(try await AuditChain(pool: pool).verify(instanceID: id).firstBroken)
        #expect(broken.sequence == 3)
        await pool.shutdown()
    }

    @Test func historyRefusesUpdateAndDelete() async throws {
        let (pool, _, id) = try await Self.finishedInstance()
        for sql in [
            "UPDATE history_events SET actor = 'x' WHERE process_instance_id = '\(id)'",
            "DELETE FROM history_events WHERE process_instance_id = '\(id)'",
        ] {
            await #expect(throws: PostgresError.self) {
                _ = try await pool.withConnection { connection in try connection.execute(sql) }
            }
        }
        #expect(try await AuditChain(pool: pool).verify(instanceID: id).isValid)
        await pool.shutdown()
    }
}
