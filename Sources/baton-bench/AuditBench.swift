import EngineRuntime
import EngineStore
import Expressions
import Foundation
import PostgresClient

/// `baton-bench audit`: what the audit trail costs and how fast it reads, on the benchmark's own throwaway cluster.
///
/// - throughput: a straight-through model (start → 3 JUEL script tasks writing variables → end, started with three
///   variables) at 16 concurrent clients with full history, against the same run with `HistoryLevel.reduced`
///   (instance start and end only) as the baseline; the two levels alternate over `--rounds` rounds and each figure
///   is the mean. `ratio` = full ÷ reduced instances/s, `target` 0.67 (full history costs at most 1.5×);
/// - timeline: the history of `--instances` instances (default 100,000; `--events` each, default 5) generated in SQL
///   (`generate_series`, through the hash-chain trigger), one instance built through the engine to 1,000 events,
///   then its timeline read `--queries` times (default 200): p50/p99 latency.
enum AuditBench {
    static let model = Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="auditBench" targetNamespace="t">
          <process id="audited" isExecutable="true" camunda:historyTimeToLive="P30D">
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="score"/>
            <scriptTask id="score" name="Score" scriptFormat="juel" camunda:resultVariable="score">
              <script>${amount * 2}</script></scriptTask>
            <sequenceFlow id="f1" sourceRef="score" targetRef="tier"/>
            <scriptTask id="tier" name="Tier" scriptFormat="juel" camunda:resultVariable="tier">
              <script>${score > 100 ? 'gold' : 'silver'}</script></scriptTask>
            <sequenceFlow id="f2" sourceRef="tier" targetRef="total"/>
            <scriptTask id="total" name="Total" scriptFormat="juel" camunda:resultVariable="total">
              <script>${amount + score}</script></scriptTask>
            <sequenceFlow id="f3" sourceRef="total" targetRef="end"/><endEvent id="end"/>
          </process>
          <process id="waiting" isExecutable="true">
            <startEvent id="s"/><sequenceFlow id="g0" sourceRef="s" targetRef="review"/>
            <userTask id="review" name="Review"/><sequenceFlow id="g1" sourceRef="review" targetRef="e"/>
            <endEvent id="e"/>
          </process>
        </definitions>
        """.utf8)

    struct Options {
        var seconds = 5.0
        var rounds = 2
        var instances = 100_000
        var eventsPerInstance = 5
        var timelineEvents = 1_000
        var queries = 200

        static func parse(_ arguments: [String]) throws(BenchError) -> Options {
            var options = Options()
            var index = 0
            while index < arguments.count {
                guard index + 1 < arguments.count, let value = Double(arguments[index + 1]), value > 0 else {
                    throw BenchError("unknown option or missing positive number: \(arguments[index])")
                }
                switch arguments[index] {
                case "--seconds": options.seconds = value
                case "--rounds": options.rounds = Int(value)
                case "--instances": options.instances = Int(value)
                case "--events": options.eventsPerInstance = Int(value)
                case "--queries": options.queries = Int(value)
                default: throw BenchError("unknown option \(arguments[index])")
                }
                index += 2
            }
            return options
        }
    }

    static func run(_ arguments: [String]) async -> BenchCommand.Outcome {
        let options: Options
        do {
            options = try Options.parse(arguments)
        } catch {
            return BenchCommand.Outcome(status: 2, output: "", errorOutput: "error: \(error.message)\n")
        }
        var log = ""
        var database: BenchDatabase?
        do {
            let bench = try await BenchDatabase.start()
            database = bench
            let full = Engine(pool: bench.pool)
            let reduced = Engine(pool: bench.pool, historyLevel: .reduced)
            _ = try await full.deploy(name: "audit", resources: [DeploymentResource(name: "a.bpmn", content: model)])
            var fullRates: [Double] = []
            var reducedRates: [Double] = []
            for round in 0..<max(1, options.rounds) {
                // Alternate which level goes first, so drift on the shared machine hits both.
                for engine in round % 2 == 0 ? [reduced, full] : [full, reduced] {
                    let rate = try await PersistBench.rate(clients: 16, seconds: options.seconds) { client, n in
                        _ = try await engine.startInstance(
                            key: "audited",
                            variables: [
                                "amount": .integer(n % 200), "customer": .string("c\(client)"),
                                "priority": .integer(n % 3),
                            ])
                    }
                    log += "round \(round + 1): \(engine.historyLevel.rawValue) history \(Int(rate)) instances/s\n"
                    if engine.historyLevel == .full { fullRates.append(rate) } else { reducedRates.append(rate) }
                }
            }
            let fullRate = fullRates.reduce(0, +) / Double(fullRates.count)
            let reducedRate = reducedRates.reduce(0, +) / Double(reducedRates.count)
            let perInstance = try await eventsPerInstance(bench.pool)
            var figures: [(String, JSONValue)] = [
                ("fullHistoryInstancesPerSecond16", .int(Int(fullRate.rounded()))),
                ("fullHistoryEventsPerInstance", .int(perInstance.full)),
                ("reducedHistoryEventsPerInstance", .int(perInstance.reduced)),
                ("secondsPerMeasurement", .double(options.seconds)), ("rounds", .int(options.rounds)),
            ]
            figures += try await TimelineLatency.measure(engine: full, options: options, log: &log)
            let ratio = reducedRate > 0 ? fullRate / reducedRate : 0
            let report = JSONValue.object([
                ("bench", .string("audit")), ("figures", .object(figures)),
                ("baseline", .object([("reducedHistoryInstancesPerSecond16", .int(Int(reducedRate.rounded())))])),
                ("ratio", .double((ratio * 10_000).rounded() / 10_000)), ("target", .double(0.67)),
            ])
            await bench.stop()
            return BenchCommand.Outcome(status: 0, output: report.rendered() + "\n", errorOutput: log)
        } catch {
            await database?.stop()
            return BenchCommand.Outcome(status: 1, output: "", errorOutput: log + "error: \(error)\n")
        }
    }

    /// The most events one `audited` instance has at each level (the runs wrote both kinds).
    static func eventsPerInstance(_ pool: PostgresPool) async throws -> (full: Int, reduced: Int) {
        try await pool.withConnection { connection in
            let row = try connection.query(
                """
                SELECT coalesce(max(history_sequence), 0)::int8 AS most, coalesce(min(history_sequence), 0)::int8 AS least
                FROM process_instances WHERE definition_key = 'audited'
                """
            ).rows[0]
            return (try row.decode("most"), try row.decode("least"))
        }
    }
}
