import EngineRuntime
import EngineStore
import Expressions
import Foundation
import PostgresClient
import Synchronization

/// `baton-bench jobs`: 10,000 timers due at the same moment fired by the job executor (timers/s, lateness p50/p99),
/// external tasks fetched and completed by 8 concurrent workers (tasks/s), and the bare transaction rate through the
/// same pool, all on the benchmark's own throwaway cluster.
///
/// `ratio` = external tasks completed/s ÷ bare transactions/s at 16 clients (`target` 0.3); timers fired/s ÷ bare
/// transactions/s is reported beside it. Each measured phase starts after a `VACUUM (ANALYZE)` of the database (as
/// pgbench does), so that autovacuum does not land the set-up's cleanup on a few-second measurement by chance.
enum JobsBench {
    static let timerModel = Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="jobsBench" targetNamespace="t">
          <process id="timers" isExecutable="true">
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="wait"/>
            <intermediateCatchEvent id="wait"><timerEventDefinition><timeDate>${due}</timeDate></timerEventDefinition>
            </intermediateCatchEvent>
            <sequenceFlow id="f1" sourceRef="wait" targetRef="end"/><endEvent id="end"/>
          </process>
        </definitions>
        """.utf8)

    static func run(_ arguments: [String]) async -> BenchCommand.Outcome {
        var timers = 10_000
        var statements = false
        var index = 0
        while index < arguments.count {
            if arguments[index] == "--timers", index + 1 < arguments.count, let count = Int(arguments[index + 1]) {
                timers = count
                index += 2
            } else if arguments[index] == "--statements" {
                statements = true
                index += 1
            } else {
                return BenchCommand.Outcome(status: 2, output: "", errorOutput: "error: unknown option \(arguments[index])\n")
            }
        }
        var log = ""
        var database: BenchDatabase?
        do {
            let bench = try await BenchDatabase.start()
            database = bench
            let pool = bench.pool
            let offset = SharedCounter()
            let clock = EngineClock {
                let real = EngineClock.system.now()
                return DateTime(epochMilliseconds: real.epochMilliseconds + Int64(offset.get()), offsetSeconds: 0)
            }
            let engine = Engine(pool: pool, clock: clock)
            _ = try await engine.deploy(name: "jobs", resources: [DeploymentResource(name: "t.bpmn", content: timerModel)])
            // Every timer is due at the same instant, one hour ahead; instances are started in parallel.
            let due = DateTime(epochMilliseconds: clock.now().epochMilliseconds + 3_600_000, offsetSeconds: 0)
            let started = SharedCounter()
            let timerCount = timers
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        while started.increment(below: timerCount) {
                            _ = try await engine.startInstance(key: "timers", variables: ["due": .string(due.iso8601)])
                        }
                    }
                }
                try await group.waitForAll()
            }
            log += "\(timers) instances wait for a timer due at \(due.iso8601)\n"
            try await bench.vacuum()
            // Jump the clock to the due time: every timer is due now.
            offset.add(Int(due.epochMilliseconds - clock.now().epochMilliseconds))
            let executors = (0..<2).map { JobExecutor(engine: engine, owner: "bench-\($0)", batchSize: 64) }
            if statements { try await StatementStatistics.reset(pool) }
            let begin = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for executor in executors {
                    group.addTask { while try await executor.runDueJobs() > 0 {} }
                }
                try await group.waitForAll()
            }
            let elapsed = ContinuousClock.now - begin
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let fired = executors.map(\.stats.completed).reduce(0, +)
            let lateness = executors.flatMap(\.stats.latenessMilliseconds).sorted()
            func percentile(_ p: Double) -> Int {
                lateness.isEmpty ? 0 : Int(lateness[min(lateness.count - 1, Int(p / 100 * Double(lateness.count - 1)))])
            }
            let timersPerSecond = Double(fired) / max(seconds, 0.001)
            if statements { log += "timers phase, " + (try await StatementStatistics.report(pool)) }
            log += "fired \(fired) timers in \(String(format: "%.2f", seconds)) s\n"
            try await bench.vacuum()
            let bareBusy = MachineCPU.busyMilliseconds()
            let bare = try await bench.bareTransactionRate(clients: 16, seconds: 3)
            // The rate counts 3 s after a warm-up of 0.3 s; the CPU is the whole call's.
            let bareCPU = MachineCPU.microseconds(since: bareBusy, per: bare * 3.3)
            var figures: [(String, JSONValue)] = [
                ("timers", .int(timers)), ("timersFired", .int(fired)),
                ("timersFiredPerSecond", .int(Int(timersPerSecond.rounded()))),
                ("timerLatenessP50Milliseconds", .int(percentile(50))),
                ("timerLatenessP99Milliseconds", .int(percentile(99))),
                ("timersPerBareTransaction", .double((timersPerSecond / max(bare, 1) * 1000).rounded() / 1000)),
            ]
            let external = try await ExternalTaskThroughput.measure(
                engine: engine, bench: bench, log: &log, statements: statements)
            figures += external.figures
            if let bareCPU { figures.append(("bareTransactionCPUMicroseconds", .int(Int(bareCPU.rounded())))) }
            let ratio = external.completedPerSecond.map { $0 / max(bare, 1) }
            let report = JSONValue.object([
                ("bench", .string("jobs")), ("figures", .object(figures)),
                ("baseline", .object([("bareTransactionsPerSecond16", .int(Int(bare.rounded())))])),
                ("ratio", ratio.map { .double(($0 * 10_000).rounded() / 10_000) } ?? .string("not measured")),
                ("target", .double(0.3)),
            ])
            await bench.stop()
            return BenchCommand.Outcome(status: 0, output: report.rendered() + "\n", errorOutput: log)
        } catch {
            await database?.stop()
            return BenchCommand.Outcome(status: 1, output: "", errorOutput: log + "error: \(error)\n")
        }
    }
}

/// External tasks fetched and completed per second by 8 concurrent workers: `tasks` instances each wait at one
/// external task; the workers fetch (10 at a time) and complete until none is left.
enum ExternalTaskThroughput {
    struct Result {
        var figures: [(String, JSONValue)]
        var completedPerSecond: Double?
    }

    static let model = Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="externalBench" targetNamespace="t">
          <process id="work" isExecutable="true">
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="task"/>
            <serviceTask id="task" camunda:type="external" camunda:topic="bench"/>
            <sequenceFlow id="f1" sourceRef="task" targetRef="end"/><endEvent id="end"/>
          </process>
        </definitions>
        """.utf8)

    static func measure(
        engine: Engine, bench: BenchDatabase, log: inout String, tasks: Int = 5_000, statements: Bool = false
    ) async throws -> Result {
        let pool = bench.pool
        _ = try await engine.deploy(name: "external", resources: [DeploymentResource(name: "e.bpmn", content: model)])
        let started = SharedCounter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    while started.increment(below: tasks) { _ = try await engine.startInstance(key: "work") }
                }
            }
            try await group.waitForAll()
        }
        try await bench.vacuum()
        if statements { try await StatementStatistics.reset(pool) }
        let completed = SharedCounter()
        let busy = MachineCPU.busyMilliseconds()
        let begin = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    while true {
                        let locked = try await engine.fetchAndLock(
                            workerID: "worker-\(worker)", maxTasks: 10,
                            topics: [ExternalTaskTopic(topicName: "bench", lockDuration: 60_000)])
                        if locked.isEmpty { return }
                        for task in locked {
                            _ = try await engine.completeExternalTask(
                                task.id, workerID: "worker-\(worker)", variables: ["done": .bool(true)])
                            completed.add(1)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - begin
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Double(completed.get()) / max(seconds, 0.001)
        let cpu = MachineCPU.microseconds(since: busy, per: Double(completed.get()))
        if statements { log += "external-task phase, " + (try await StatementStatistics.report(pool)) }
        // Completions that shared a transaction (group commit): their mean number per transaction.
        let groups = engine.externalTaskCompletionGroups
        let groupSize = (Double(groups.completions) / Double(max(groups.transactions, 1)) * 100).rounded() / 100
        log += "\(groups.completions) completions committed in \(groups.transactions) group transactions\n"
        log += "8 workers fetched and completed \(completed.get()) external tasks in "
            + "\(String(format: "%.2f", seconds)) s\n"
        return Result(
            figures: [
                ("externalTasks", .int(tasks)), ("externalTasksCompleted", .int(completed.get())),
                ("externalTasksCompletedPerSecond", .int(Int(rate.rounded()))),
            ] + (cpu.map { [("externalTaskCPUMicroseconds", JSONValue.int(Int($0.rounded())))] } ?? [])
                + [("externalTaskCompletionsPerGroup", .double(groupSize))],
            completedPerSecond: rate)
    }
}

/// An integer shared between tasks.
final class SharedCounter: Sendable {
    private let value = Mutex(0)

    func get() -> Int { value.withLock { $0 } }

    func add(_ amount: Int) { value.withLock { $0 += amount } }

    /// Adds one when the value is below `limit`; says whether it did.
    func increment(below limit: Int) -> Bool {
        value.withLock { current in
            guard current < limit else { return false }
            current += 1
            return true
        }
    }
}
