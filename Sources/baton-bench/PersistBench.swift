import EngineRuntime
import EngineStore
import Expressions
import Foundation
import PostgresClient

/// `baton-bench persist`: whole instances through the engine and PostgreSQL, against bare transactions through the
/// same pool, measured in the same run on its own throwaway cluster.
///
/// - straight-through: start → 10 JUEL script tasks → end, one transaction per instance, at 1, 4 and 16 clients;
/// - user-task round trips: start (one transaction), then complete the task (another), at 16 clients;
/// - baseline: a transaction of one INSERT plus one UPDATE, at the same client counts.
///
/// `ratio` = straight-through instances/s ÷ bare transactions/s at 16 clients; `target` 0.5.
enum PersistBench {
    static let clientCounts = [1, 4, 16]

    static func run(_ arguments: [String]) async -> BenchCommand.Outcome {
        var seconds = 3.0
        var models = Corpus.sharedDirectory("peers/models-baton") ?? "../shared/peers/models-baton"
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--seconds" where index + 1 < arguments.count:
                seconds = Double(arguments[index + 1]) ?? seconds
                index += 2
            case "--models" where index + 1 < arguments.count:
                models = arguments[index + 1]
                index += 2
            default:
                return BenchCommand.Outcome(status: 2, output: "", errorOutput: "error: unknown option \(arguments[index])\n")
            }
        }
        var log = ""
        var database: BenchDatabase?
        do {
            let started = try await BenchDatabase.start()
            database = started
            let pool = started.pool
            let engine = Engine(pool: pool)
            let script = try Data(contentsOf: URL(fileURLWithPath: models).appendingPathComponent("straight_script.bpmn"))
            let user = try Data(contentsOf: URL(fileURLWithPath: models).appendingPathComponent("usertask.bpmn"))
            _ = try await engine.deploy(
                name: "bench", resources: [
                    DeploymentResource(name: "straight_script.bpmn", content: Array(script)),
                    DeploymentResource(name: "usertask.bpmn", content: Array(user)),
                ])
            var figures: [String: JSONValue] = [:]
            var baseline: [String: JSONValue] = [:]
            var straightAt16 = 0.0
            var bareAt16 = 0.0
            for clients in clientCounts {
                let bare = try await started.bareTransactionRate(clients: clients, seconds: seconds)
                let straight = try await rate(clients: clients, seconds: seconds) { _, n in
                    _ = try await engine.startInstance(key: "straight_script", variables: ["counter": .integer(n)])
                }
                log += "clients \(clients): \(Int(straight)) instances/s straight-through, \(Int(bare)) bare transactions/s\n"
                figures["straightThroughInstancesPerSecond\(clients)"] = .int(Int(straight.rounded()))
                baseline["bareTransactionsPerSecond\(clients)"] = .int(Int(bare.rounded()))
                if clients == 16 {
                    straightAt16 = straight
                    bareAt16 = bare
                }
            }
            let roundTrips = try await rate(clients: 16, seconds: seconds) { _, n in
                let started = try await engine.startInstance(
                    key: "usertask", variables: ["amount": .integer(n % 2 == 0 ? 150 : 50), "counter": .integer(0)])
                let task: String = try await pool.withConnection { connection in
                    try connection.query(
                        "SELECT id::text AS id FROM user_tasks WHERE process_instance_id = $1::uuid",
                        [.text(started.id)]
                    ).rows[0].decode("id")
                }
                _ = try await engine.completeUserTask(task, variables: ["approved": .bool(n % 4 != 3)])
            }
            log += "user-task round trips at 16 clients: \(Int(roundTrips))/s\n"
            figures["userTaskRoundTripsPerSecond16"] = .int(Int(roundTrips.rounded()))
            figures["model"] = .string("straight_script.bpmn (start → 10 JUEL script tasks → end)")
            figures["secondsPerMeasurement"] = .double(seconds)
            let ratio = bareAt16 > 0 ? straightAt16 / bareAt16 : 0
            let report = JSONValue.object([
                ("bench", .string("persist")), ("figures", .object(figures.sorted { $0.key < $1.key })),
                ("baseline", .object(baseline.sorted { $0.key < $1.key })),
                ("ratio", .double((ratio * 10_000).rounded() / 10_000)), ("target", .double(0.5)),
            ])
            await started.stop()
            return BenchCommand.Outcome(status: 0, output: report.rendered() + "\n", errorOutput: log)
        } catch {
            await database?.stop()
            return BenchCommand.Outcome(status: 1, output: "", errorOutput: log + "error: \(error)\n")
        }
    }

    /// Operations per second with `clients` concurrent loops over `seconds` (after a short warm-up).
    static func rate(
        clients: Int, seconds: Double, _ operation: @escaping @Sendable (Int, Int) async throws -> Void
    ) async throws -> Double {
        let clock = ContinuousClock()
        let warmUp = clock.now.advanced(by: .milliseconds(300))
        let deadline = warmUp.advanced(by: .milliseconds(Int(seconds * 1000)))
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<clients {
                group.addTask {
                    var done = 0
                    var n = 0
                    while clock.now < deadline {
                        try await operation(client, n)
                        n += 1
                        if clock.now >= warmUp { done += 1 }
                    }
                    return done
                }
            }
            var total = 0
            for try await count in group { total += count }
            return total
        }
        return Double(counts) / seconds
    }
}
