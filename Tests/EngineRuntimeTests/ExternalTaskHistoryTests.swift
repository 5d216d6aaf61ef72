import EngineRuntime
import Expressions
import PostgresClient
import Testing

/// A completion's own history row (`externalTaskCompleted`) is written in one statement with the step's events:
/// numbered right before them, gapless, and chained like every other row.
@Suite struct ExternalTaskHistoryTests {
    @Test func theCompletionRowComesRightBeforeTheStepsEventsAndTheChainVerifies() async throws {
        let h = try await ExternalTaskHarness.make()
        let instance = try await h.start()
        let task = try #require(try await h.fetch("w1").first)
        try await h.engine.completeExternalTask(
            task.id, workerID: "w1", variables: ["result": .integer(42)], origin: CommandOrigin(actor: "svc"))
        let rows = try await h.engine.pool.withConnection { connection in
            try connection.query(
                """
                SELECT sequence, type, element_id, command, actor FROM history_events
                WHERE process_instance_id = $1::uuid ORDER BY sequence
                """, [.text(instance)]
            ).rows.map {
                (
                    try $0.decode("sequence") as Int, try $0.decode("type") as String,
                    try $0.decode("element_id", as: String?.self), try $0.decode("command") as String,
                    try $0.decode("actor", as: String?.self)
                )
            }
        }
        #expect(rows.map(\.0) == Array(1...rows.count))
        let locked = try #require(rows.firstIndex { $0.1 == "externalTaskLocked" })
        let completed = try #require(rows.firstIndex { $0.1 == "externalTaskCompleted" })
        #expect(completed == locked + 1)
        #expect(rows[completed].2 == "task" && rows[completed].4 == "svc")
        // Every row of the completion carries its command; the step's events (the task's element completing) follow.
        #expect(rows[completed...].allSatisfy { $0.3 == "completeExternalTask" })
        #expect(rows[(completed + 1)...].contains { $0.1 == "elementCompleted" && $0.2 == "task" })
        let counter: Int = try await h.engine.pool.withConnection { connection in
            try connection.query(
                "SELECT history_sequence FROM process_instances WHERE id = $1::uuid", [.text(instance)]
            ).rows[0].decode("history_sequence")
        }
        #expect(counter == rows.count)
        #expect(try await AuditChain(pool: h.engine.pool).verify(instanceID: instance).isValid)
        #expect(try await ConsistencyCheck(engine: h.engine).problems(instanceID: instance).isEmpty)
        await h.engine.pool.shutdown()
    }

    /// A fetch's `externalTaskLocked` rows go as a `VALUES` list up to 16 tasks and as column arrays beyond: both
    /// write one chained row per task, each on its own instance, and move each instance's history counter.
    @Test(arguments: [3, 20]) func aFetchWritesOneLockRowPerTaskWhateverTheirNumber(tasks: Int) async throws {
        let h = try await ExternalTaskHarness.make()
        var instances: [String] = []
        for _ in 0..<tasks { instances.append(try await h.start()) }
        let locked = try await h.fetch("w1", max: 25)
        #expect(locked.count == tasks)
        for instance in instances {
            let rows = try await h.engine.pool.withConnection { connection in
                try connection.query(
                    """
                    SELECT h.type, h.command, h.payload::json->>'workerId' AS worker,
                        h.sequence = p.history_sequence AS last
                    FROM history_events h JOIN process_instances p ON p.id = h.process_instance_id
                    WHERE h.process_instance_id = $1::uuid AND h.type = 'externalTaskLocked'
                    """, [.text(instance)]
                ).rows
            }
            #expect(rows.count == 1)
            #expect(try rows.first?.decode("command", as: String.self) == "fetchAndLock")
            #expect(try rows.first?.decode("worker", as: String.self) == "w1")
            #expect(try rows.first?.decode("last", as: Bool.self) == true)
            #expect(try await AuditChain(pool: h.engine.pool).verify(instanceID: instance).isValid)
        }
        await h.engine.pool.shutdown()
    }

    @Test func aRefusedCompletionWritesNothing() async throws {
        let h = try await ExternalTaskHarness.make()
        let instance = try await h.start()
        let task = try #require(try await h.fetch("w1").first)
        let before = try await h.count(
            "SELECT count(*) AS n FROM history_events WHERE process_instance_id = $1::uuid", [.text(instance)])
        await #expect(throws: EngineError.self) {
            try await h.engine.completeExternalTask(task.id, workerID: "w2")
        }
        #expect(
            try await h.count(
                "SELECT count(*) AS n FROM history_events WHERE process_instance_id = $1::uuid", [.text(instance)])
                == before)
        #expect(try await AuditChain(pool: h.engine.pool).verify(instanceID: instance).isValid)
        await h.engine.pool.shutdown()
    }
}
