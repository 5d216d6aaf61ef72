import BatonTestSupport
import EngineRuntime
import Foundation
import PostgresClient
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Crash safety: a child engine process (`baton-soak`) drives 2,000 instances with user tasks while the test kills
/// it with SIGKILL at random moments and starts it again. Afterwards every instance is consistent (tokens, tasks and
/// history agree) and no command was applied twice.
@Suite(.serialized) struct CrashTests {
    static var soakExecutable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("baton-soak")
    }

    @Test(.timeLimit(.minutes(10)))
    func killingTheEngineAtRandomMomentsLosesNothingAndAppliesNothingTwice() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.soakExecutable.path), "build baton-soak first")
        let pool = try await TestDatabase.shared.freshPool()
        let url = TestDatabase.url(pool.configuration)
        let instances = 2_000
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for _ in 0..<5 {
            let process = Process()
            process.executableURL = Self.soakExecutable
            process.arguments = ["--database-url", url, "--instances", String(instances)]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            try await Task.sleep(nanoseconds: UInt64.random(in: 300_000_000...1_500_000_000, using: &generator))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            await waitForExit(process)
        }
        let last = Process()
        last.executableURL = Self.soakExecutable
        last.arguments = ["--database-url", url, "--instances", String(instances)]
        let output = Pipe()
        last.standardOutput = output
        try last.run()
        await waitForExit(last)
        #expect(last.terminationStatus == 0)
        #expect(kills >= 1, "the workload finished before any kill; the test proved nothing")

        let engine = Engine(pool: pool)
        func number(_ sql: String) async throws -> Int {
            try await pool.withConnection { connection in try connection.query(sql, []).rows.first?.decode("n") ?? -1 }
        }
        #expect(try await number("SELECT count(*) AS n FROM process_instances") == instances)
        #expect(try await number("SELECT count(*) AS n FROM process_instances WHERE state <> 'completed'") == 0)
        #expect(try await number("SELECT count(*) AS n FROM user_tasks") == 0)
        // Every instance was created once and its task completed once: nothing applied twice.
        #expect(
            try await number(
                """
                SELECT count(*) AS n FROM (
                  SELECT process_instance_id,
                         count(*) FILTER (WHERE type = 'instanceCreated') AS created,
                         count(*) FILTER (WHERE type = 'elementCompleted' AND element_id = 'review') AS reviewed,
                         count(*) FILTER (WHERE type = 'elementCompleted' AND element_id = 'end') AS ended
                  FROM history_events GROUP BY process_instance_id) AS x
                WHERE created <> 1 OR reviewed <> 1 OR ended <> 1
                """) == 0)
        let ids: [String] = try await pool.withConnection { connection in
            try connection.query("SELECT id::text AS id FROM process_instances ORDER BY id", []).rows.map {
                try $0.decode("id")
            }
        }
        let check = ConsistencyCheck(engine: engine)
        var problems: [String] = []
        for id in ids {
            problems += try await check.problems(instanceID: id).map { "\(id): \($0)" }
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }
}

/// Waits for a child process without blocking a thread of the cooperative pool (which the other tests share).
func waitForExit(_ process: Process) async {
    while process.isRunning { try? await Task.sleep(nanoseconds: 20_000_000) }
}
