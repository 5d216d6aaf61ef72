import Foundation
import PostgresClient
import Testing

@testable import EngineStore

/// The migration runner against a database of its own in the shared test cluster.
@Suite struct MigratorTests {
    /// A fresh database and a pool on it.
    private func freshPool() throws -> (PostgresPool, String) {
        let name = try TestCluster.database("mig")
        let configuration = try #require(TestCluster.cluster().configuration(database: name))
        return (PostgresPool(configuration: configuration, maximumConnections: 4), name)
    }

    private func migration(_ fileName: String, _ sql: String) throws -> Migration {
        try Migration(fileName: fileName, contents: Array(sql.utf8))
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex([UInt8](repeating: 0x61, count: 1_000))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func embeddedMigrationsAreTheFilesInDbMigrations() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let canonical = try Migration.load(directory: root.appendingPathComponent("db/migrations").path)
        let bundled = try Migration.bundled()
        #expect(!canonical.isEmpty)
        #expect(
            bundled.map(\.fileName) == canonical.map(\.fileName),
            "EmbeddedMigrations.swift is out of date: run db/migrations/embed.sh")
        #expect(
            bundled.map(\.checksum) == canonical.map(\.checksum),
            "EmbeddedMigrations.swift differs from db/migrations/: run db/migrations/embed.sh")
    }

    @Test func fileNamesAreChecked() throws {
        #expect(Migration.version(of: "0001_initial.sql")?.number == 1)
        #expect(Migration.version(of: "0012_add_index.sql")?.name == "add_index")
        for bad in ["1_x.sql", "0001-x.sql", "0001_.sql", "0001_x.txt", "abcd_x.sql", "0001_x y.sql"] {
            let error = #expect(throws: MigrationError.self) { try migration(bad, "") }
            #expect(error?.kind == .invalidFileName)
            #expect(error?.message.contains("'\(bad)' is not named NNNN_name.sql") == true)
        }
    }

    @Test func appliesInOrderOnceAndRecordsChecksums() async throws {
        let (pool, _) = try freshPool()
        defer { Task { await pool.shutdown() } }
        let migrations = [
            try migration("0002_second.sql", "INSERT INTO steps VALUES (2);"),
            try migration("0001_first.sql", "CREATE TABLE steps (n int); INSERT INTO steps VALUES (1);"),
        ]
        let migrator = Migrator(pool: pool, migrations: migrations)
        #expect(try await migrator.status().map(\.state) == [.pending, .pending])
        let applied = try await migrator.migrate()
        #expect(applied.map(\.version) == [1, 2])
        #expect(try await migrator.migrate().isEmpty)
        let statuses = try await migrator.status()
        #expect(statuses.map(\.name) == ["first", "second"])
        #expect(statuses.map(\.checksum) == migrations.sorted { $0.version < $1.version }.map(\.checksum))
        let rows = try await pool.withConnection { connection in
            try connection.query("SELECT string_agg(n::text, ',' ORDER BY ctid) AS list FROM steps").rows[0]
                .values[0]
        }
        #expect(rows == "1,2")
    }

    @Test func theShippedSchemaApplies() async throws {
        let (pool, _) = try freshPool()
        defer { Task { await pool.shutdown() } }
        let migrator = Migrator(pool: pool, migrations: try Migration.bundled())
        let applied = try await migrator.migrate()
        #expect(applied.first?.fileName == "0001_initial.sql")
        let refused = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { connection in
                try connection.execute(
                    "INSERT INTO history_events (process_instance_id, sequence, occurred_at, type, payload, command) "
                        + "VALUES (gen_random_uuid(), 1, now(), 'x', '{}', 'c')")
                try connection.execute("DELETE FROM history_events")
            }
        }
        #expect(refused?.message.contains("history_events is append-only") == true)
    }

    @Test func anEditedAppliedMigrationIsRefused() async throws {
        let (pool, _) = try freshPool()
        defer { Task { await pool.shutdown() } }
        let original = try migration("0001_first.sql", "CREATE TABLE a (n int);")
        try await Migrator(pool: pool, migrations: [original]).migrate()
        let edited = try migration("0001_first.sql", "CREATE TABLE a (n bigint);")
        let next = try migration("0002_next.sql", "CREATE TABLE b (n int);")
        let migrator = Migrator(pool: pool, migrations: [edited, next])
        let error = try await #require(throws: MigrationError.self) { try await migrator.migrate() }
        #expect(error.kind == .checksumMismatch)
        #expect(error.fileName == "0001_first.sql")
        #expect(error.message.contains("migration 0001_first.sql was changed after it was applied"))
        #expect(error.message.contains("recorded sha256 \(original.checksum)"))
        #expect(error.message.contains("the file now has sha256 \(edited.checksum)"))
        // Nothing after the mismatch was applied.
        let statuses = try await migrator.status()
        #expect(statuses.map(\.version) == [1, 2])
        #expect(statuses.last?.state == .pending)
    }

    @Test func anAppliedMigrationWithoutAFileIsReported() async throws {
        let (pool, _) = try freshPool()
        defer { Task { await pool.shutdown() } }
        let first = try migration("0001_first.sql", "CREATE TABLE a (n int);")
        let second = try migration("0002_gone.sql", "CREATE TABLE b (n int);")
        try await Migrator(pool: pool, migrations: [first, second]).migrate()
        let migrator = Migrator(pool: pool, migrations: [first])
        let error = try await #require(throws: MigrationError.self) { try await migrator.migrate() }
        #expect(error.kind == .missingFile)
        #expect(error.message.hasPrefix("migration 0002_gone.sql (version 2, applied "))
        let status = try await migrator.status()
        guard case .missingFile = status.last?.state else {
            Issue.record("expected a missing-file status, got \(status)")
            return
        }
    }

    @Test func aFailingMigrationIsRolledBackAndNamed() async throws {
        let (pool, _) = try freshPool()
        defer { Task { await pool.shutdown() } }
        let good = try migration("0001_good.sql", "CREATE TABLE a (n int);")
        let bad = try migration("0002_bad.sql", "CREATE TABLE half (n int); SELECT * FROM no_such_table;")
        let migrator = Migrator(pool: pool, migrations: [good, bad])
        let error = try await #require(throws: MigrationError.self) { try await migrator.migrate() }
        #expect(error.kind == .migrationFailed)
        #expect(error.message == "migration 0002_bad.sql failed and was rolled back")
        #expect(error.underlying?.sqlState == "42P01")
        #expect(try await migrator.status().map(\.state).last == .pending)
        let half = try await pool.withConnection { connection in
            try connection.query("SELECT (to_regclass('half') IS NULL)::text AS gone").rows[0].values[0]
        }
        #expect(half == "true")
    }

    @Test func concurrentMigratorsApplyEachMigrationOnce() async throws {
        let (pool, name) = try freshPool()
        defer { Task { await pool.shutdown() } }
        let migrations = [
            try migration("0001_counter.sql", "CREATE TABLE runs (n int); SELECT pg_sleep(0.2);"),
            try migration("0002_count.sql", "INSERT INTO runs VALUES (1);"),
        ]
        let configuration = try #require(TestCluster.cluster().configuration(database: name))
        let applied = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let own = PostgresPool(configuration: configuration, maximumConnections: 1)
                    defer { Task { await own.shutdown() } }
                    return try await Migrator(pool: own, migrations: migrations).migrate().count
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(applied.sorted() == [0, 0, 0, 2])
        let count = try await pool.withConnection { connection in
            try connection.query("SELECT count(*)::text AS c FROM runs").rows[0].values[0]
        }
        #expect(count == "1")
    }
}
