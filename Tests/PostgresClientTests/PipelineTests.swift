import PostgresClient
import Testing

@Suite struct PipelineTests {
    @Test func runsStatementsInOrderAndReturnsEachResult() async throws {
        let pool = try await makePool("pipeline-ok")
        let table = uniqueName("pipe")
        let results = try await pool.withConnection { connection in
            try connection.execute("CREATE TABLE \(table) (id int8 PRIMARY KEY, name text)")
            return try connection.pipeline([
                PostgresStatement("INSERT INTO \(table) VALUES ($1, $2)", [.int(1), .text("one")]),
                PostgresStatement("INSERT INTO \(table) SELECT * FROM unnest($1::int8[], $2::text[])",
                    [.intArray([2, 3]), .textArray(["two", nil])]),
                PostgresStatement("SELECT count(*) AS c, count(name) AS named FROM \(table)"),
            ])
        }
        #expect(results.map(\.affected) == [1, 2, 1])
        #expect(try results[2].first?.decode("c", as: Int.self) == 3)
        #expect(try results[2].first?.decode("named", as: Int.self) == 2)
    }

    @Test func failureSkipsTheRestAndRollsBackTheImplicitTransaction() async throws {
        let pool = try await makePool("pipeline-fail", maximumConnections: 1)
        let table = uniqueName("pipefail")
        _ = try await pool.withConnection { try $0.execute("CREATE TABLE \(table) (id int8 PRIMARY KEY)") }
        let duplicate = "INSERT INTO \(table) VALUES ($1) -- again"
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { connection in
                try connection.pipeline([
                    PostgresStatement("INSERT INTO \(table) VALUES ($1)", [.int(1)]),
                    PostgresStatement(duplicate, [.int(1)]),
                    PostgresStatement("INSERT INTO \(table) VALUES ($1)", [.int(2)]),
                ])
            }
        }
        #expect(error?.isUniqueViolation == true)
        #expect(error?.statement == duplicate)
        let count = try await pool.withConnection { connection in
            try connection.query("SELECT count(*) AS c FROM \(table)").first?.decode("c", as: Int.self)
        }
        #expect(count == 0)
    }
}
