import BatonTestSupport
import EngineCore
@testable import EngineRuntime
import Expressions
import MetricsTestKit
import Synchronization
import Testing

/// The engine's metrics (docs/metrics.md) reported to a test factory: timer lateness, jobs executed and failed,
/// incidents raised (only when committed), external tasks fetched, completed and failed, and the connector's
/// circuit state per host.
@Suite struct MetricsTests {
    static func engine(_ model: [UInt8], metrics: TestMetrics) async throws -> (Engine, TestClock) {
        let clock = TestClock()
        let engine = Engine(
            pool: try await TestDatabase.shared.freshPool(), clock: clock.engineClock,
            metrics: EngineMetrics(factory: metrics))
        _ = try await engine.deploy(name: "t", resources: [.init(name: "t.bpmn", content: model)])
        return (engine, clock)
    }

    static let timer = Models.definitions(
        """
        <process id="p" isExecutable="true">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="pause"/>
          <intermediateCatchEvent id="pause"><timerEventDefinition><timeDuration>PT10M</timeDuration>
          </timerEventDefinition></intermediateCatchEvent>
          <sequenceFlow id="f1" sourceRef="pause" targetRef="end"/><endEvent id="end"/>
        </process>
        """)

    static let connector = Models.definitions(
        """
        <process id="call" isExecutable="true">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="http"/>
          <serviceTask id="http"><extensionElements>
            <camunda:failedJobRetryTimeCycle>R1/PT1M</camunda:failedJobRetryTimeCycle>
            <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId>
            <camunda:inputOutput><camunda:inputParameter name="url">http://example.invalid/</camunda:inputParameter>
            </camunda:inputOutput></camunda:connector></extensionElements></serviceTask>
          <sequenceFlow id="f1" sourceRef="http" targetRef="end"/><endEvent id="end"/>
        </process>
        """)

    @Test func timerLatenessAndExecutedJobsAreRecordedByKind() async throws {
        let metrics = TestMetrics()
        let (engine, clock) = try await Self.engine(Self.timer, metrics: metrics)
        _ = try await engine.startInstance(key: "p")
        _ = try await engine.startInstance(key: "p")
        clock.advance(minutes: 13)  // due at 10 minutes: 3 minutes late
        #expect(try await JobExecutor(engine: engine).runDueJobs() == 2)
        let lateness = try metrics.expectTimer(EngineMetrics.timerLateness, [("kind", "timer")])
        #expect(lateness.values == [180_000_000_000, 180_000_000_000])  // nanoseconds
        #expect(try metrics.expectCounter(EngineMetrics.jobsExecuted, [("kind", "timer")]).totalValue == 2)
        #expect(metrics.counters(label: EngineMetrics.jobsFailed).isEmpty)
    }

    @Test func failedJobsAndTheIncidentTheyRaiseAreCounted() async throws {
        let metrics = TestMetrics()
        let (engine, clock) = try await Self.engine(Self.connector, metrics: metrics)
        let executor = JobExecutor(engine: engine) { _ in .failed("connection refused") }
        _ = try await engine.startInstance(key: "call")
        try await executor.runDueJobs()
        #expect(try metrics.expectCounter(EngineMetrics.jobsFailed, [("kind", "connector")]).totalValue == 1)
        #expect(metrics.counters(label: EngineMetrics.incidentsRaised).isEmpty)
        clock.advance(minutes: 1)
        try await executor.runDueJobs()  // R1: the second failure is the last
        #expect(try metrics.expectCounter(EngineMetrics.jobsFailed, [("kind", "connector")]).totalValue == 2)
        #expect(try metrics.expectCounter(EngineMetrics.incidentsRaised, [("type", "failedJob")]).totalValue == 1)
        #expect(metrics.counters(label: EngineMetrics.jobsExecuted).isEmpty)
    }

    @Test func externalTaskOperationsAreCountedByTopic() async throws {
        let metrics = TestMetrics()
        let pool = try await TestDatabase.shared.freshPool()
        let engine = Engine(pool: pool, metrics: EngineMetrics(factory: metrics))
        _ = try await engine.deploy(name: "w", resources: [.init(name: "w.bpmn", content: ExternalTaskModels.work)])
        for _ in 0..<3 {
            _ = try await engine.startInstance(key: "work", variables: ["topic": .string("mail"), "prio": .integer(0)])
        }
        let tasks = try await engine.fetchAndLock(
            workerID: "w", maxTasks: 5, topics: [.init(topicName: "mail", lockDuration: 60_000)])
        #expect(tasks.count == 3)
        #expect(try metrics.expectCounter(EngineMetrics.externalTasksFetched, [("topic", "mail")]).totalValue == 3)
        try await engine.completeExternalTask(tasks[0].id, workerID: "w")
        try await engine.handleExternalTaskFailure(tasks[1].id, workerID: "w", errorMessage: "x", retries: 0)
        try await engine.handleExternalTaskBpmnError(tasks[2].id, workerID: "w", errorCode: "E_FAIL")
        #expect(try metrics.expectCounter(EngineMetrics.externalTasksCompleted, [("topic", "mail")]).totalValue == 1)
        // The completion went through the group commit alone: one transaction, one completion.
        #expect(try metrics.expectCounter(EngineMetrics.completionGroups).totalValue == 1)
        #expect(try metrics.expectCounter(EngineMetrics.completionsGrouped).totalValue == 1)
        #expect(try metrics.expectCounter(EngineMetrics.externalTasksFailed, [("topic", "mail")]).totalValue == 1)
        #expect(try metrics.expectCounter(EngineMetrics.externalTasksBpmnErrors, [("topic", "mail")]).totalValue == 1)
        #expect(
            try metrics.expectCounter(EngineMetrics.incidentsRaised, [("type", "failedExternalTask")]).totalValue == 1)
        // A refused operation counts nothing.
        await #expect(throws: EngineError.self) { try await engine.completeExternalTask(tasks[1].id, workerID: "x") }
        #expect(try metrics.expectCounter(EngineMetrics.externalTasksCompleted, [("topic", "mail")]).totalValue == 1)
    }

    @Test func anIncidentOfARolledBackTransactionIsNotCounted() async throws {
        struct Abort: Error {}
        let metrics = TestMetrics()
        let pool = try await TestDatabase.shared.freshPool()
        let engine = Engine(pool: pool, metrics: EngineMetrics(factory: metrics))
        _ = try await engine.deploy(name: "w", resources: [.init(name: "w.bpmn", content: ExternalTaskModels.work)])
        let instance = try await engine.startInstance(
            key: "work", variables: ["topic": .string("t"), "prio": .integer(0)])
        let task = try #require(try await engine.externalTasks(ExternalTaskQuery()).first)
        let instanceID = instance.id
        let key = ElementInstanceKey(task.elementInstanceKey)
        let raise: @Sendable () -> InstanceTransaction.Pending = {
            InstanceTransaction.Pending(
                target: .existing(instanceID), command: .raiseIncident(key, kind: .failedExternalTask, message: "m"),
                isPrimary: true, name: "test")
        }
        await #expect(throws: Abort.self) {
            try await engine.transaction { connection in
                let now = engine.clock.now()
                let run = InstanceTransaction(engine: engine, connection: connection, origin: .engine, now: now)
                _ = try run.run(raise())
                throw Abort()
            }
        }
        #expect(try await engine.countIncidents(IncidentQuery()) == 0)
        #expect(metrics.counters(label: EngineMetrics.incidentsRaised).isEmpty)
        try await engine.transaction { connection in
            let now = engine.clock.now()
            _ = try InstanceTransaction(engine: engine, connection: connection, origin: .engine, now: now).run(raise())
        }
        #expect(try await engine.countIncidents(IncidentQuery()) == 1)
        #expect(
            try metrics.expectCounter(EngineMetrics.incidentsRaised, [("type", "failedExternalTask")]).totalValue == 1)
    }

    @Test func theCircuitStateOfEachHostIsAGauge() async throws {
        let metrics = TestMetrics()
        let server = try await ConnectorTestServer.start()
        defer { Task { try? await server.stop() } }
        let connector = HTTPConnector(
            configuration: .init(failureThreshold: 2, coolDown: .milliseconds(200)),
            metrics: EngineMetrics(factory: metrics))
        let failing: [String: Value] = ["url": .string(server.url("/status/500")), "method": .string("GET")]
        let dimensions = [("host", server.hostKey)]
        _ = await connector.call(jobID: "j", input: failing)
        #expect(try metrics.expectGauge(EngineMetrics.circuitState, dimensions).lastValue == 0)
        _ = await connector.call(jobID: "j", input: failing)
        #expect(try metrics.expectGauge(EngineMetrics.circuitState, dimensions).lastValue == 2)
        try await Task.sleep(for: .milliseconds(250))
        connector.reportCircuitStates()
        #expect(try metrics.expectGauge(EngineMetrics.circuitState, dimensions).lastValue == 1)
        _ = await connector.call(jobID: "j", input: ["url": .string(server.url("/text")), "method": .string("GET")])
        #expect(try metrics.expectGauge(EngineMetrics.circuitState, dimensions).lastValue == 0)
    }
}
