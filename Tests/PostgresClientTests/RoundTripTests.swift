import PostgresClient
import Testing

@Suite struct RoundTripTests {
    @Test func scalarsRoundTrip() async throws {
        let pool = try await makePool("roundtrip-scalars")
        let text = "it's \"quoted\" \\ back — héllo ✓ 日本 🎉\n\ttab"
        let row = try await pool.withConnection { connection in
            try connection.query(
                "SELECT $1::text AS t, $2::int8 AS big, $3::int8 AS small, $4::float8 AS d, $5::bool AS yes,"
                    + " $6::bool AS no, $7::bytea AS b, $8::text AS missing, 42::int4 AS i32",
                [.text(text), .int(Int.max), .int(Int.min), .double(-1.5e-7), .bool(true), .bool(false),
                    .bytes([0, 1, 0x7f, 0x80, 0xff]), .null]
            ).first
        }
        let found = try #require(row)
        #expect(try found.decode("t", as: String.self) == text)
        #expect(try found.decode("big", as: Int.self) == Int.max)
        #expect(try found.decode("small", as: Int64.self) == Int64.min)
        #expect(try found.decode("d", as: Double.self) == -1.5e-7)
        #expect(try found.decode("yes", as: Bool.self) == true)
        #expect(try found.decode("no", as: Bool.self) == false)
        #expect(try found.decode("b", as: [UInt8].self) == [0, 1, 0x7f, 0x80, 0xff])
        #expect(try found.decode("missing", as: String?.self) == nil)
        #expect(try found.decode("i32", as: Int32.self) == 42)
    }

    @Test func specialDoublesRoundTrip() async throws {
        let pool = try await makePool("roundtrip-doubles")
        let values = try await pool.withConnection { connection in
            try connection.query("SELECT $1::float8 AS a, $2::float8 AS b, $3::float8 AS c",
                [.double(.infinity), .double(-.infinity), .double(.nan)]).first
        }
        let row = try #require(values)
        #expect(try row.decode("a", as: Double.self) == .infinity)
        #expect(try row.decode("b", as: Double.self) == -.infinity)
        #expect(try row.decode("c", as: Double.self).isNaN)
    }

    @Test func arraysFeedUnnestForMultiRowStatements() async throws {
        let pool = try await makePool("roundtrip-unnest")
        let table = uniqueName("unnest")
        let names: [String?] = ["plain", "with,comma", "a\"quote", "back\\slash", "NULL", nil, "", " {brace} ", "é✓"]
        let numbers: [Int?] = [1, -2, nil, Int.max, Int.min, 6, 7, 8, 9]
        let rows = try await pool.withTransaction { connection in
            try connection.execute("CREATE TABLE \(table) (position int8, name text, n int8)")
            let inserted = try connection.execute(
                "INSERT INTO \(table) SELECT * FROM unnest($1::int8[], $2::text[], $3::int8[])",
                [.intArray(Array(0..<names.count)), .textArray(names), .intArray(numbers)])
            #expect(inserted == names.count)
            return try connection.query("SELECT name, n FROM \(table) ORDER BY position")
        }
        #expect(try rows.map { try $0.decode("name", as: String?.self) } == names)
        #expect(try rows.map { try $0.decode("n", as: Int?.self) } == numbers)
    }

    @Test func emptyArraysBind() async throws {
        let pool = try await makePool("roundtrip-empty")
        let count = try await pool.withConnection { connection in
            try connection.query("SELECT count(*) AS c FROM unnest($1::text[])", [.textArray([])]).first?
                .decode("c", as: Int.self)
        }
        #expect(count == 0)
    }

    @Test func textInfersJSONBAndTimestamps() async throws {
        let pool = try await makePool("roundtrip-jsonb")
        let row = try await pool.withConnection { connection in
            try connection.query(
                "SELECT ($1::jsonb)->>'k' AS k, ($2::timestamptz AT TIME ZONE 'UTC')::text AS ts",
                [.text(#"{"k": "v"}"#), .text("2026-01-02T03:04:05.5Z")]
            ).first
        }
        let found = try #require(row)
        #expect(try found.decode("k", as: String.self) == "v")
        #expect(try found.decode("ts", as: String.self) == "2026-01-02 03:04:05.5")
    }

    @Test func timestampsGoInBinaryAsTheInstantTheyName() async throws {
        let pool = try await makePool("roundtrip-timestamptz")
        // After PostgreSQL's epoch (2000), before it, before 1970, and the Unix epoch itself.
        let instants: [(Int64, String)] = [
            (1_767_323_045_500_000, "2026-01-02 03:04:05.5"), (946_684_799_999_999, "1999-12-31 23:59:59.999999"),
            (-86_400_000_001, "1969-12-30 23:59:59.999999"), (0, "1970-01-01 00:00:00"),
        ]
        for (microseconds, expected) in instants {
            let row = try await pool.withConnection { connection in
                try connection.query(
                    "SELECT ($1::timestamptz AT TIME ZONE 'UTC')::text AS ts, pg_typeof($2) AS type",
                    [.timestamptz(microsecondsSinceEpoch: microseconds), .timestamptz(microsecondsSinceEpoch: 0)]
                ).first
            }
            let found = try #require(row)
            #expect(try found.decode("ts", as: String.self) == expected)
            #expect(try found.decode("type", as: String.self) == "timestamp with time zone")
        }
    }

    @Test func decodeMismatchNamesColumnTypeAndText() async throws {
        let pool = try await makePool("roundtrip-mismatch")
        let first = try await pool.withConnection { try $0.query("SELECT 'abc' AS word, NULL AS gone").first }
        let row = try #require(first)
        let error = #expect(throws: PostgresError.self) { try row.decode("word", as: Int.self) }
        #expect(error?.kind == .decoding)
        #expect(error?.message == #"column 'word': expected Int, found "abc""#)
        let nullError = #expect(throws: PostgresError.self) { try row.decode("gone", as: String.self) }
        #expect(nullError?.message.contains("NULL") == true)
        let missing = #expect(throws: PostgresError.self) { try row.decode("nope", as: String.self) }
        #expect(missing?.message.contains("nope") == true)
        #expect(throws: PostgresError.self) { try Int32.decode(text: "9999999999", column: "c") }
    }

    @Test func textWithNULIsRefusedBeforeSending() async throws {
        let pool = try await makePool("roundtrip-nul")
        await #expect(throws: PostgresError.self) {
            try await pool.withConnection { try $0.query("SELECT $1::text", [.text("a\u{0}b")]) }
        }
        let inArray = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { try $0.query("SELECT $1::text[]", [.textArray(["ok", "a\u{0}b"])]) }
        }
        #expect(inArray?.sqlState == "22021")
        #expect(inArray?.message.contains("$1") == true)
        let after = try await pool.withConnection { connection in
            try connection.query("SELECT cardinality($1::text[]) AS c", [.textArray(["still", "fine"])]).first?
                .decode("c", as: Int.self)
        }
        #expect(after == 2)
    }
}
