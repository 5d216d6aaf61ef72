import BatonTestSupport
import Expressions
import PostgresClient
import Testing

@testable import EngineRuntime

/// Instants go to PostgreSQL in binary when it can hold them, and as ISO 8601 text (the server's own reading and
/// error) when it cannot.
@Suite struct SQLTextInstantTests {
    @Test func instantsInRangeGoInBinaryAndStoreTheSameInstant() async throws {
        let pool = try await TestDatabase.shared.freshPool()
        for milliseconds: Int64 in [0, 1_767_323_045_123, -62_135_596_800_000, -210_866_803_200_000] {
            let value = SQLText.instant(DateTime(epochMilliseconds: milliseconds, offsetSeconds: 3_600))
            #expect(value == .timestamptz(microsecondsSinceEpoch: milliseconds * 1_000))
            let stored: Int = try await pool.withConnection { connection in
                try connection.query(
                    "SELECT (extract(epoch FROM $1::timestamptz) * 1000)::int8 AS ms", [value]
                ).rows[0].decode("ms")
            }
            #expect(Int64(stored) == milliseconds)
        }
        await pool.shutdown()
    }

    @Test func instantsPostgreSQLCannotHoldGoAsTextAndGetItsError() async throws {
        let pool = try await TestDatabase.shared.freshPool()
        let tooEarly = DateTime(epochMilliseconds: -210_866_803_200_001, offsetSeconds: 0)
        let tooLate = DateTime(epochMilliseconds: Int64.max / 1_000 + 1, offsetSeconds: 0)
        for date in [tooEarly, tooLate] {
            #expect(SQLText.instant(date) == .text(date.iso8601))
        }
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { connection in
                try connection.query("SELECT $1::timestamptz AS t", [SQLText.instant(tooEarly)])
            }
        }
        #expect(error?.sqlState?.hasPrefix("22") == true, "a data exception, not \(String(describing: error))")
        await pool.shutdown()
    }
}
