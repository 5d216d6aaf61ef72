import PostgresClient
import Synchronization
import Testing

@Suite struct PoolTests {
    @Test func neverOpensMoreThanTheBound() async throws {
        let name = uniqueName("bound")
        let bound = 3
        let pool = try await makePool(name, maximumConnections: bound)
        let seen = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<(bound + 5) {
                group.addTask {
                    try await pool.withConnection { connection in
                        _ = try connection.query("SELECT pg_sleep(0.05)")
                        return try connection.query(
                            "SELECT count(*) AS c FROM pg_stat_activity WHERE application_name = $1", [.text(name)]
                        ).first?.decode("c", as: Int.self) ?? 0
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(seen.count == bound + 5)
        let observed = seen.max() ?? 0
        #expect(observed <= bound)
        #expect(observed >= 2)
        await pool.shutdown()
    }

    @Test func brokenConnectionIsReplaced() async throws {
        let pool = try await makePool(uniqueName("broken"), maximumConnections: 1)
        let admin = try await makePool("broken-admin", maximumConnections: 1)
        let first = try await pool.withConnection { $0.serverProcessID }
        let terminated = try await admin.withConnection { connection in
            try connection.query("SELECT pg_terminate_backend($1::int4, 5000) AS ok", [.int(Int(first))]).first?
                .decode("ok", as: Bool.self)
        }
        #expect(terminated == true)
        let (second, answer) = try await pool.withConnection { connection in
            (connection.serverProcessID, try connection.query("SELECT 1 AS one").first?.decode("one", as: Int.self))
        }
        #expect(second != first)
        #expect(answer == 1)
    }

    @Test func transactionRollsBackWhenBodyThrows() async throws {
        struct Abort: Error {}
        let pool = try await makePool("tx-rollback")
        let table = uniqueName("rollback")
        _ = try await pool.withConnection { try $0.execute("CREATE TABLE \(table) (v int8)") }
        await #expect(throws: Abort.self) {
            try await pool.withTransaction { connection in
                try connection.execute("INSERT INTO \(table) VALUES ($1)", [.int(1)])
                throw Abort()
            }
        }
        _ = try await pool.withTransaction { try $0.execute("INSERT INTO \(table) VALUES ($1)", [.int(2)]) }
        let values = try await pool.withConnection { connection in
            try connection.query("SELECT v FROM \(table)").map { try $0.decode("v", as: Int.self) }
        }
        #expect(values == [2])
    }

    @Test func connectionLeftInTransactionIsRolledBackBeforeReuse() async throws {
        let pool = try await makePool("tx-left-open", maximumConnections: 1)
        let table = uniqueName("leftopen")
        _ = try await pool.withConnection { try $0.execute("CREATE TABLE \(table) (v int8)") }
        try await pool.withConnection { connection in
            try connection.execute("BEGIN")
            try connection.execute("INSERT INTO \(table) VALUES (1)")
        }
        let count = try await pool.withConnection { connection in
            try connection.query("SELECT count(*) AS c FROM \(table)").first?.decode("c", as: Int.self)
        }
        #expect(count == 0)
    }

    @Test func retryingTransactionRetriesSerializationFailureThenSucceeds() async throws {
        let pool = try await makePool("tx-retry")
        let attempts = Atomic<Int>(0)
        let result = try await pool.retryingTransaction(maxAttempts: 4) { connection in
            let attempt = attempts.add(1, ordering: .relaxed).newValue
            if attempt < 3 {
                try connection.execute(
                    "DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END $$")
            }
            return try connection.query("SELECT current_setting('transaction_isolation') AS level").first?
                .decode("level", as: String.self)
        }
        #expect(result == "serializable")
        #expect(attempts.load(ordering: .relaxed) == 3)
    }

    @Test func retryingTransactionRetriesARealWriteSkewConflict() async throws {
        let configuration = try TestCluster.configuration(applicationName: "tx-retry-real")
        let pool = PostgresPool(configuration: configuration, maximumConnections: 2)
        let table = uniqueName("retryskew")
        _ = try await pool.withConnection { try $0.execute("CREATE TABLE \(table) (k text)") }
        let attempts = Atomic<Int>(0)
        try await pool.retryingTransaction(maxAttempts: 3) { connection in
            let attempt = attempts.add(1, ordering: .relaxed).newValue
            _ = try connection.query("SELECT count(*) FROM \(table) WHERE k = $1", [.text("a")])
            if attempt == 1 {
                let other = try PostgresConnection.connect(configuration)
                try other.withTransaction(isolation: .serializable) { other in
                    _ = try other.query("SELECT count(*) FROM \(table) WHERE k = $1", [.text("b")])
                    try other.execute("INSERT INTO \(table) VALUES ($1)", [.text("a")])
                }
            }
            try connection.execute("INSERT INTO \(table) VALUES ($1)", [.text("b")])
        }
        #expect(attempts.load(ordering: .relaxed) == 2)
        let keys = try await pool.withConnection { connection in
            try connection.query("SELECT k FROM \(table) ORDER BY k").map { try $0.decode("k", as: String.self) }
        }
        #expect(keys == ["a", "b"])
    }

    @Test func retryingTransactionGivesUpAfterMaxAttemptsAndNeverRetriesOtherErrors() async throws {
        let pool = try await makePool("tx-retry-give-up")
        let attempts = Atomic<Int>(0)
        let error = await #expect(throws: PostgresError.self) {
            try await pool.retryingTransaction(maxAttempts: 2) { connection in
                attempts.add(1, ordering: .relaxed)
                try connection.execute("DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = 'deadlock_detected'; END $$")
            }
        }
        #expect(error?.isDeadlock == true)
        #expect(attempts.load(ordering: .relaxed) == 2)
        attempts.store(0, ordering: .relaxed)
        await #expect(throws: PostgresError.self) {
            try await pool.retryingTransaction { connection in
                attempts.add(1, ordering: .relaxed)
                try connection.execute("SELECT 1/0")
            }
        }
        #expect(attempts.load(ordering: .relaxed) == 1)
    }

    @Test func acquireTimesOutWithPoolError() async throws {
        let pool = try await makePool("pool-timeout", maximumConnections: 1, acquireTimeout: .milliseconds(100))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await pool.withConnection { _ = try $0.query("SELECT pg_sleep(1)") } }
            try await Task.sleep(for: .milliseconds(300))
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withConnection { _ in 1 }
            }
            #expect(error?.kind == .pool)
            try await group.waitForAll()
        }
    }

    @Test func shutDownPoolRefuses() async throws {
        let pool = try await makePool("pool-shutdown")
        _ = try await pool.withConnection { $0.serverProcessID }
        await pool.shutdown()
        let error = await #expect(throws: PostgresError.self) { try await pool.withConnection { _ in 1 } }
        #expect(error?.kind == .pool)
    }

    @Test func unreachableServerIsAConnectionError() async throws {
        var configuration = try TestCluster.configuration()
        configuration.socketDirectory = "/nonexistent-baton-socket-dir"
        let pool = PostgresPool(configuration: configuration, maximumConnections: 1)
        let error = await #expect(throws: PostgresError.self) { try await pool.withConnection { _ in 1 } }
        #expect(error?.kind == .connection)
        // The failed open gave its slot back: a second attempt fails the same way instead of waiting forever.
        await #expect(throws: PostgresError.self) { try await pool.withConnection { _ in 1 } }
    }
}
