import PostgresClient
import Testing

/// A transaction's `BEGIN` and the writes queued with `sendWithNextStatement` travel with the next statement: the
/// same effects as sending each at once, fewer round trips.
@Suite struct DeferredStatementTests {
    @Test func queuedWritesAreVisibleToTheNextStatementAndCommitted() async throws {
        let pool = try await makePool("deferred-ok", maximumConnections: 1)
        let table = uniqueName("deferred")
        _ = try await pool.withConnection { try $0.execute("CREATE TABLE \(table) (id int8 PRIMARY KEY)") }
        let seen = try await pool.withTransaction { connection in
            connection.sendWithNextStatement([
                PostgresStatement("INSERT INTO \(table) VALUES ($1)", [.int(1)]),
                PostgresStatement("INSERT INTO \(table) VALUES ($1)", [.int(2)]),
            ])
            let seen = try connection.query("SELECT count(*) AS c FROM \(table)").first?.decode("c", as: Int.self)
            connection.sendWithNextStatement([PostgresStatement("INSERT INTO \(table) VALUES ($1)", [.int(3)])])
            return seen
        }
        #expect(seen == 2)
        let count = try await pool.withConnection { connection in
            try connection.query("SELECT count(*) AS c FROM \(table)").first?.decode("c", as: Int.self)
        }
        #expect(count == 3)
    }

    @Test func aFailingQueuedWriteFailsTheCommitAndRollsEverythingBack() async throws {
        let pool = try await makePool("deferred-fail", maximumConnections: 1)
        let table = uniqueName("deferredfail")
        _ = try await pool.withConnection { try $0.execute("CREATE TABLE \(table) (id int8 PRIMARY KEY)") }
        let duplicate = "INSERT INTO \(table) VALUES ($1) -- queued"
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withTransaction { connection in
                try connection.execute("INSERT INTO \(table) VALUES ($1)", [.int(1)])
                connection.sendWithNextStatement([PostgresStatement(duplicate, [.int(1)])])
            }
        }
        #expect(error?.isUniqueViolation == true)
        #expect(error?.statement == duplicate)
        let count = try await pool.withConnection { connection in
            try connection.query("SELECT count(*) AS c FROM \(table)").first?.decode("c", as: Int.self)
        }
        #expect(count == 0)
    }

    @Test func aBodyThatThrowsBeforeSendingAnythingSendsNothing() async throws {
        let pool = try await makePool("deferred-none", maximumConnections: 1)
        let table = uniqueName("deferrednone")
        _ = try await pool.withConnection { try $0.execute("CREATE TABLE \(table) (id int8 PRIMARY KEY)") }
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await pool.withTransaction { connection in
                connection.sendWithNextStatement([PostgresStatement("INSERT INTO \(table) VALUES ($1)", [.int(1)])])
                throw Refused()
            }
        }
        // The queued write was dropped with the transaction, and the connection is reusable.
        let count = try await pool.withConnection { connection in
            try connection.query("SELECT count(*) AS c FROM \(table)").first?.decode("c", as: Int.self)
        }
        #expect(count == 0)
    }

    @Test func theTransactionBeginsWithItsFirstStatement() async throws {
        let pool = try await makePool("deferred-begin", maximumConnections: 1)
        // Two statements of one transaction see the same transaction timestamp and id.
        let (first, second) = try await pool.withTransaction { connection in
            let first: Int? = try connection.query("SELECT txid_current() AS t").first?.decode("t")
            let second: Int? = try connection.query("SELECT txid_current() AS t").first?.decode("t")
            return (first, second)
        }
        #expect(first != nil && first == second)
    }
}
