import BatonTestSupport
import EngineRuntime
import EngineStore
import Foundation
import PostgresClient
import Testing

@testable import baton

/// `baton db migrate` and `baton db status` end to end: the embedded cluster in a data directory, a database URL,
/// exit statuses and what each failure says.
@Suite(.serialized) final class DBCommandTests {
    private let folder: String

    init() throws {
        folder = "/tmp/baton-dbcmd-" + UUID().uuidString.prefix(8).lowercased()
        // World-searchable: as root the embedded server runs as 'postgres' and must reach the data directory.
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    private func run(_ arguments: [String], environment: [String: String] = [:]) async -> CommandLineRunner.Outcome {
        await CommandLineRunner.executeAsync(["db"] + arguments, environment: environment)
    }

    private func writeMigration(_ directory: String, _ name: String, _ sql: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try sql.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }

    @Test func migrateThenStatusOnTheEmbeddedCluster() async throws {
        let data = folder + "/data"
        let first = await run(["status", "--data-dir", data])
        #expect(first.status == 0, "\(first.errorOutput)")
        let bundled = try Migration.bundled()
        let total = bundled.count
        let checksum = try #require(bundled.first?.checksum)
        #expect(first.output.contains("0001_initial  pending  sha256 \(checksum)\n"))
        #expect(first.output.hasSuffix("0 applied, \(total) pending\n"))
        #expect(first.output.hasPrefix("database: embedded cluster in \(data) (baton@socket \(data)/run port "))

        let migrate = await run(["migrate", "--data-dir", data])
        #expect(migrate.status == 0, "\(migrate.errorOutput)")
        #expect(migrate.output.contains("\napplied 0001_initial.sql  sha256 \(checksum)\n"))
        #expect(migrate.output.hasSuffix("database is up to date: \(total) applied now, \(total) in all\n"))

        let again = await run(["migrate", "--data-dir", data])
        #expect(again.output.hasSuffix("nothing to apply: all \(total) migrations were already applied\n"))

        let status = await run(["status", "--data-dir", data])
        #expect(status.status == 0)
        let line = try #require(status.output.split(separator: "\n").first { $0.hasPrefix("0001_initial") })
        #expect(line.hasPrefix("0001_initial  applied 20"))
        #expect(line.hasSuffix("  sha256 \(checksum)"))
        #expect(status.output.hasSuffix("\(total) applied, 0 pending\n"))
        // Each command stopped the cluster it started.
        #expect(!FileManager.default.fileExists(atPath: data + "/pg/postmaster.pid"))
    }

    @Test func statusReportsAnEditedMigrationAndMigrateRefusesIt() async throws {
        let cluster = try EmbeddedPostgres.temporary()
        defer { try? cluster.stop() }
        try cluster.start()
        try cluster.psql("CREATE DATABASE drift", database: "postgres")
        let socket = try #require(cluster.socketDirectory)
        let port = try #require(cluster.port)
        let url = "postgresql://baton@/drift?host=\(socket)&port=\(port)"
        let migrations = folder + "/migrations"
        try writeMigration(migrations, "0001_first.sql", "CREATE TABLE a (n int);\n")
        let applied = await run(["migrate", "--migrations-dir", migrations], environment: ["DATABASE_URL": url])
        #expect(applied.status == 0, "\(applied.errorOutput)")
        #expect(applied.output.hasPrefix("database: baton@socket \(socket) port \(port), database drift\n"))

        try writeMigration(migrations, "0001_first.sql", "CREATE TABLE a (n bigint);\n")
        try writeMigration(migrations, "0002_second.sql", "CREATE TABLE b (n int);\n")
        let status = await run(["status", "--database-url", url, "--migrations-dir", migrations])
        #expect(status.status == 1)
        #expect(status.output.contains("0001_first  MODIFIED since applied 20"))
        #expect(status.output.contains("0002_second  pending  sha256 "))
        #expect(status.output.hasSuffix("0 applied, 1 pending, 1 modified or missing\n"))
        #expect(status.errorOutput.hasPrefix("error: applied migrations differ from the files"))

        let refused = await run(["migrate", "--database-url", url, "--migrations-dir", migrations])
        #expect(refused.status == 1)
        #expect(refused.errorOutput.hasPrefix("error: migration 0001_first.sql was changed after it was applied"))
        #expect(try cluster.psql("SELECT count(*) FROM schema_migrations", database: "drift") == "1")
    }

    @Test func usageErrorsExitTwo() async {
        let both = await run(["migrate", "--database-url", "postgresql://x@localhost/db", "--data-dir", folder])
        #expect(both.status == 2)
        #expect(both.errorOutput == "error: give either --database-url or --data-dir, not both\n")

        let badURL = await run(["status", "--database-url", "mysql://nope"])
        #expect(badURL.status == 2)
        #expect(badURL.errorOutput.hasPrefix("error: invalid database URL: "))

        let badName = folder + "/bad"
        try? writeMigration(badName, "1_short.sql", "SELECT 1;")
        let named = await run(["status", "--migrations-dir", badName, "--data-dir", folder + "/unused"])
        #expect(named.status == 2)
        #expect(named.errorOutput.contains("migration file '1_short.sql' is not named NNNN_name.sql"))

        let unknown = CommandLineRunner.execute(["db", "migrate", "--frobnicate"])
        #expect(unknown.status == 2)

        let bare = CommandLineRunner.execute(["db"])
        #expect(bare.status == 2)
        #expect(bare.errorOutput.hasPrefix("OVERVIEW: Apply and inspect the database migrations."))
        let help = CommandLineRunner.execute(["db", "status", "--help"])
        #expect(help.status == 0)
        #expect(help.output.hasPrefix("OVERVIEW: List the migrations: applied (when), pending, modified"))
    }

    @Test func anUnreachableDatabaseExitsOne() async {
        let outcome = await run(["status", "--database-url", "postgresql://baton@127.0.0.1:1/none?connect_timeout=2"])
        #expect(outcome.status == 1)
        #expect(outcome.errorOutput.hasPrefix("error: cannot reach the database"))
    }
}

/// `baton audit verify` against a real database with one intact and one tampered instance.
@Suite(.serialized) struct AuditVerifyCommandTests {
    @Test func reportsEachBrokenInstanceAndExitsOne() async throws {
        let cluster = try EmbeddedPostgres.temporary()
        let configuration = try cluster.start()
        defer { try? cluster.stop() }
        let url = TestDatabase.url(configuration)
        let migrate = await CommandLineRunner.executeAsync(["db", "migrate", "--database-url", url])
        #expect(migrate.status == 0, "\(migrate.errorOutput)")
        let pool = PostgresPool(configuration: configuration, maximumConnections: 2)
        let engine = Engine(pool: pool)
        let model = Array("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t" id="d">
              <process id="p" isExecutable="true"><startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/>
              <endEvent id="e"/></process></definitions>
            """.utf8)
        _ = try await engine.deploy(name: "p", resources: [.init(name: "p.bpmn", content: model)])
        let good = try await engine.startInstance(key: "p").id
        let bad = try await engine.startInstance(key: "p").id
        let clean = await CommandLineRunner.executeAsync(["audit", "verify", "--all", "--database-url", url])
        #expect(clean.status == 0, "\(clean.errorOutput)")
        #expect(clean.output == "")
        #expect(clean.errorOutput == "2 instances checked, 0 broken\n")
        try await pool.withConnection { connection in
            try connection.executeScript(
                """
                ALTER TABLE history_events DISABLE TRIGGER history_events_no_update_delete;
                UPDATE history_events SET type = 'forged' WHERE process_instance_id = '\(bad)' AND sequence = 2;
                ALTER TABLE history_events ENABLE TRIGGER history_events_no_update_delete
                """)
        }
        await pool.shutdown()
        let all = await CommandLineRunner.executeAsync(["audit", "verify", "--all", "--database-url", url])
        #expect(all.status == 1)
        #expect(all.output.hasPrefix("\(bad) event 2: expected "))
        #expect(all.output.split(separator: "\n").count == 1)
        let one = await CommandLineRunner.executeAsync(["audit", "verify", "--instance", good, "--database-url", url])
        #expect(one.status == 0)
        let usage = await CommandLineRunner.executeAsync(["audit", "verify", "--database-url", url])
        #expect(usage.status == 2)
    }
}

