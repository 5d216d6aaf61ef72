import AsyncHTTPClient
import EngineRuntime
import EngineServer
import EngineStore
import Foundation
import Hummingbird
import Logging
import PostgresClient
import ServiceLifecycle
import Synchronization

/// `baton-bench rest`: the REST API's cost over the engine. Its own `BatonServer` listens on 127.0.0.1 (any free
/// port) over its own throwaway cluster, with authentication on (a bench user in `analysts` and `reviewers`, so
/// every request passes the Basic credential cache and the role checks). 16 keep-alive HTTP/1.1 connections
/// (AsyncHTTPClient) then
///
/// 1. start instances with `POST /process-definition/key/bench_rest/start` for `--seconds`;
/// 2. complete the user tasks those instances wait at with `POST /task/{id}/complete`, for `--seconds` at most;
///
/// requests/s and p50/p99 latency of each. The baseline is the same run's bare in-process `engine.startInstance`
/// rate of the same model at 16 concurrent tasks; `ratio` = REST starts/s ÷ in-process starts/s, `target` 0.6.
enum RestBench {
    static let connections = 16
    static let user = "bench"
    static let password = "bench-rest-password"

    /// One user task for the group reviewers (the same model under two keys: one started over REST, one in-process).
    static func model(key: String) -> [UInt8] {
        Array(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                         xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d_\(key)" targetNamespace="bench">
              <process id="\(key)" isExecutable="true" camunda:historyTimeToLive="P1D">
                <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="review"/>
                <userTask id="review" name="Review" camunda:candidateGroups="reviewers"/>
                <sequenceFlow id="f1" sourceRef="review" targetRef="end"/><endEvent id="end"/>
              </process>
            </definitions>
            """.utf8)
    }

    static func run(_ arguments: [String]) async -> BenchCommand.Outcome {
        var seconds = 5.0
        var index = 0
        while index < arguments.count {
            if arguments[index] == "--seconds", index + 1 < arguments.count, let value = Double(arguments[index + 1]),
                value > 0
            {
                seconds = value
                index += 2
            } else {
                return BenchCommand.Outcome(
                    status: 2, output: "", errorOutput: "error: unknown option \(arguments[index])\n")
            }
        }
        var log = ""
        var database: BenchDatabase?
        do {
            let bench = try await BenchDatabase.start(maximumConnections: 16)
            database = bench
            let report = try await measure(bench: bench, seconds: seconds) { log += $0 + "\n" }
            await bench.stop()
            return BenchCommand.Outcome(status: 0, output: report.rendered() + "\n", errorOutput: log)
        } catch {
            await database?.stop()
            let message = (error as? BenchError)?.message ?? "\(error)"
            return BenchCommand.Outcome(status: 1, output: "", errorOutput: log + "error: \(message)\n")
        }
    }

    static func measure(bench: BenchDatabase, seconds: Double, log: (String) -> Void) async throws -> JSONValue {
        let engine = Engine(pool: bench.pool)
        _ = try await engine.deploy(
            name: "rest-bench",
            resources: [
                DeploymentResource(name: "bench_rest.bpmn", content: model(key: "bench_rest")),
                DeploymentResource(name: "bench_inprocess.bpmn", content: model(key: "bench_inprocess")),
            ])
        let server = BatonServer(engine: engine, configuration: ServerConfiguration(authenticationEnabled: true))
        try await server.services.identity.createUser(UserProfile(id: user), password: password)
        try await server.services.identity.addMember(group: "analysts", user: user)
        try await server.services.identity.addMember(group: "reviewers", user: user)

        // The baseline first: the engine alone, same model, same pool, 16 concurrent tasks.
        let inProcess = try await PersistBench.rate(clients: connections, seconds: seconds) { _, _ in
            _ = try await engine.startInstance(key: "bench_inprocess")
        }
        log("in-process: \(Int(inProcess)) starts/s at \(connections) tasks")

        var logger = Logger(label: "baton-bench")
        logger.logLevel = .error
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = server.application(host: "127.0.0.1", port: 0, logger: logger) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        // A service group of its own, so the server can be shut down gracefully (cancelling it aborts connections).
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let serverTask = Task {
            defer { portContinuation.finish() }
            try await services.run()
        }
        var listening: Int?
        for await port in ports { listening = port }
        guard let port = listening else {
            try await serverTask.value
            throw BenchError("the REST server did not start")
        }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connections
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let base = "http://127.0.0.1:\(port)/engine-rest"
        let authorization = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()

        do {
            // Warm-up: every connection opened and the credential verified once (then cached).
            _ = try await load(client: client, seconds: 0.5, requests: { _ in
                ("\(base)/process-definition/key/bench_rest/start", #"{"variables":{"warm":{"value":true}}}"#)
            }, authorization: authorization, expect: 200)
            let starts = try await load(client: client, seconds: seconds, requests: { n in
                ("\(base)/process-definition/key/bench_rest/start",
                 #"{"businessKey":"b-\#(n)","variables":{"amount":{"value":\#(n),"type":"Integer"}}}"#)
            }, authorization: authorization, expect: 200)
            log("REST start: \(Int(starts.rate)) requests/s, p50 \(starts.p50) ms, p99 \(starts.p99) ms")

            let tasks: [String] = try await bench.pool.withConnection { connection in
                try connection.query(
                    "SELECT id::text AS id FROM user_tasks WHERE definition_id LIKE 'bench_rest:%' ORDER BY created_at"
                ).rows.map { try $0.decode("id") }
            }
            let queue = TaskQueue(tasks)
            let completions = try await load(client: client, seconds: seconds, requests: { _ in
                queue.next().map { ("\(base)/task/\($0)/complete", #"{"variables":{"approved":{"value":true}}}"#) }
            }, authorization: authorization, expect: 204)
            log("REST complete: \(Int(completions.rate)) requests/s, p50 \(completions.p50) ms, p99 \(completions.p99) ms "
                + "(\(completions.count) of \(tasks.count) tasks)")

            try await client.shutdown()
            await services.triggerGracefulShutdown()
            try await serverTask.value
            let ratio = inProcess > 0 ? starts.rate / inProcess : 0
            return .object([
                ("bench", .string("rest")),
                (
                    "figures",
                    .object([
                        ("completeLatencyP50Ms", .double(completions.p50)),
                        ("completeLatencyP99Ms", .double(completions.p99)),
                        ("completeRequestsPerSecond", .int(Int(completions.rate.rounded()))),
                        ("completedTasks", .int(completions.count)),
                        ("connections", .int(connections)),
                        ("model", .string("start → user task (candidate group reviewers) → end")),
                        ("secondsPerMeasurement", .double(seconds)),
                        ("startLatencyP50Ms", .double(starts.p50)),
                        ("startLatencyP99Ms", .double(starts.p99)),
                        ("startRequestsPerSecond", .int(Int(starts.rate.rounded()))),
                    ])
                ),
                ("baseline", .object([("inProcessStartsPerSecond16", .int(Int(inProcess.rounded())))])),
                ("ratio", .double((ratio * 10_000).rounded() / 10_000)),
                ("target", .double(0.6)),
            ])
        } catch {
            try? await client.shutdown()
            await services.triggerGracefulShutdown()
            _ = try? await serverTask.value
            throw error
        }
    }

    /// What one load phase measured.
    struct Load {
        var count: Int
        var rate: Double
        var p50: Double
        var p99: Double
    }

    /// `connections` concurrent loops POSTing the requests `requests(n)` gives (nil: no more work) until `seconds`
    /// have passed; every answer must have the status `expect`.
    static func load(
        client: HTTPClient, seconds: Double, requests: @escaping @Sendable (Int) -> (String, String)?,
        authorization: String, expect: Int
    ) async throws -> Load {
        let clock = ContinuousClock()
        let begin = clock.now
        let deadline = begin.advanced(by: .milliseconds(Int(seconds * 1000)))
        let counter = TaskQueue.Counter()
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for _ in 0..<connections {
                group.addTask {
                    var mine: [Duration] = []
                    while clock.now < deadline, let next = requests(counter.next()) {
                        let (url, body) = next
                        var request = HTTPClientRequest(url: url)
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: authorization)
                        request.headers.add(name: "Content-Type", value: "application/json")
                        request.body = .bytes(Array(body.utf8))
                        let sent = clock.now
                        let response = try await client.execute(request, timeout: .seconds(30))
                        let answer = try await response.body.collect(upTo: 1 << 20)
                        mine.append(clock.now - sent)
                        guard Int(response.status.code) == expect else {
                            throw BenchError(
                                "POST \(url) answered \(response.status.code), not \(expect): "
                                    + (answer.getString(at: answer.readerIndex, length: answer.readableBytes) ?? ""))
                        }
                    }
                    return mine
                }
            }
            var all: [Duration] = []
            for try await part in group { all += part }
            return all
        }
        let elapsed = clock.now - begin
        let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let value = sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
            let ms = Double(value.components.seconds) * 1000 + Double(value.components.attoseconds) / 1e15
            return (ms * 100).rounded() / 100
        }
        return Load(
            count: sorted.count, rate: elapsedSeconds > 0 ? Double(sorted.count) / elapsedSeconds : 0,
            p50: percentile(0.5), p99: percentile(0.99))
    }
}

/// The task ids the completion phase hands out, one per request, across the concurrent loops.
final class TaskQueue: Sendable {
    private let ids: [String]
    private let counter = Counter()

    init(_ ids: [String]) { self.ids = ids }

    /// The next id, or nil when all are handed out.
    func next() -> String? {
        let index = counter.next()
        return index < ids.count ? ids[index] : nil
    }

    /// A thread-safe increasing counter.
    final class Counter: Sendable {
        private let value = Mutex(0)

        /// The current value, then one more.
        func next() -> Int {
            value.withLock { current in
                defer { current += 1 }
                return current
            }
        }
    }
}
