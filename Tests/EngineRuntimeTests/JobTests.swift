import BatonTestSupport
import EngineCore
import EngineRuntime
import Expressions
import PostgresClient
import Synchronization
import Testing

/// The job executor against a real PostgreSQL with a hand-moved clock: timers of every kind, catch-up, retries,
/// incidents and their resolution, several executors sharing the jobs.
@Suite struct JobTests {
    static func setUp(_ model: [UInt8]) async throws -> (Engine, TestClock) {
        let clock = TestClock()
        let engine = Engine(pool: try await TestDatabase.shared.freshPool(), clock: clock.engineClock)
        _ = try await engine.deploy(name: "t", resources: [.init(name: "t.bpmn", content: model)])
        return (engine, clock)
    }

    static func number(_ sql: String, _ engine: Engine) async throws -> Int {
        try await engine.pool.withConnection { connection in try connection.query(sql, []).rows.first?.decode("n") ?? -1 }
    }

    static func boundary(_ timer: String, cancel: Bool) -> [UInt8] {
        Models.definitions(
            """
            <process id="p" isExecutable="true">
              <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="work"/>
              <userTask id="work"/><sequenceFlow id="f1" sourceRef="work" targetRef="end"/><endEvent id="end"/>
              <boundaryEvent id="late" attachedToRef="work" cancelActivity="\(cancel)">
                <timerEventDefinition>\(timer)</timerEventDefinition></boundaryEvent>
              <sequenceFlow id="f2" sourceRef="late" targetRef="remind"/><userTask id="remind"/>
            </process>
            """)
    }

    @Test func anInterruptingBoundaryTimerFiresWhenDueAndNotBefore() async throws {
        let (engine, clock) = try await Self.setUp(Self.boundary("<timeDuration>PT1H</timeDuration>", cancel: true))
        let executor = JobExecutor(engine: engine)
        let started = try await engine.startInstance(key: "p")
        #expect(try await executor.runDueJobs() == 0)
        clock.advance(minutes: 59)
        #expect(try await executor.runDueJobs() == 0)
        clock.advance(minutes: 2)
        #expect(try await executor.runDueJobs() == 1)
        #expect(try await Self.number("SELECT count(*) AS n FROM user_tasks WHERE element_id = 'remind'", engine) == 1)
        #expect(try await Self.number("SELECT count(*) AS n FROM user_tasks WHERE element_id = 'work'", engine) == 0)
        #expect(try await Self.number("SELECT count(*) AS n FROM jobs", engine) == 0)
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: started.id).isEmpty)
        #expect(executor.stats.lateness(percentile: 50) == 60_000)
    }

    @Test func aNonInterruptingCycleFiresUntilItsRepetitionsRunOut() async throws {
        let (engine, clock) = try await Self.setUp(Self.boundary("<timeCycle>R2/PT1H</timeCycle>", cancel: false))
        let executor = JobExecutor(engine: engine)
        _ = try await engine.startInstance(key: "p")
        for _ in 0..<3 {
            clock.advance(minutes: 60)
            try await executor.runDueJobs()
        }
        #expect(try await Self.number("SELECT count(*) AS n FROM user_tasks WHERE element_id = 'remind'", engine) == 2)
        #expect(try await Self.number("SELECT count(*) AS n FROM user_tasks WHERE element_id = 'work'", engine) == 1)
        #expect(try await Self.number("SELECT count(*) AS n FROM jobs", engine) == 0)
    }

    @Test func afterDowntimeAnOverdueCycleFiresOnceNotOncePerMissedRepetition() async throws {
        let (engine, clock) = try await Self.setUp(Self.boundary("<timeCycle>R10/PT1M</timeCycle>", cancel: false))
        let executor = JobExecutor(engine: engine)
        _ = try await engine.startInstance(key: "p")
        clock.advance(minutes: 30)  // the engine was down for half an hour
        while try await executor.runDueJobs() > 0 {}
        #expect(try await Self.number("SELECT count(*) AS n FROM user_tasks WHERE element_id = 'remind'", engine) == 1)
        // the next repetition is counted from now
        #expect(
            try await Self.number(
                "SELECT count(*) AS n FROM jobs WHERE due_at = '2026-01-01T00:31:00Z'::timestamptz", engine) == 1)
    }

    @Test func timerStartEventsCreateInstancesOnSchedule() async throws {
        let model = Models.definitions(
            """
            <process id="tick" isExecutable="true">
              <startEvent id="every"><timerEventDefinition><timeCycle>R2/PT10M</timeCycle></timerEventDefinition></startEvent>
              <sequenceFlow id="f0" sourceRef="every" targetRef="t"/><userTask id="t"/>
            </process>
            """)
        let (engine, clock) = try await Self.setUp(model)
        let executor = JobExecutor(engine: engine)
        #expect(try await Self.number("SELECT count(*) AS n FROM jobs WHERE kind = 'timer-start'", engine) == 1)
        for _ in 0..<4 {
            clock.advance(minutes: 10)
            try await executor.runDueJobs()
        }
        #expect(try await Self.number("SELECT count(*) AS n FROM process_instances", engine) == 2)
        #expect(try await Self.number("SELECT count(*) AS n FROM jobs", engine) == 0)
    }

    @Test func aFailingJobRetriesThenRaisesAnIncidentAndSettingRetriesRunsItAgain() async throws {
        let model = Models.definitions(
            """
            <process id="call" isExecutable="true">
              <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="http"/>
              <serviceTask id="http"><extensionElements><camunda:connector>
                <camunda:connectorId>http-connector</camunda:connectorId>
                <camunda:inputOutput><camunda:inputParameter name="url">http://example.invalid/</camunda:inputParameter>
                  <camunda:outputParameter name="status">${statusCode}</camunda:outputParameter></camunda:inputOutput>
              </camunda:connector></extensionElements></serviceTask>
              <sequenceFlow id="f1" sourceRef="http" targetRef="end"/><endEvent id="end"/>
            </process>
            """)
        let (engine, clock) = try await Self.setUp(model)
        let healthy = Mutex(false)
        let executor = JobExecutor(engine: engine) { _ in
            healthy.withLock { $0 } ? .completed(["statusCode": .integer(200)]) : .failed("connection refused")
        }
        let started = try await engine.startInstance(key: "call")
        for _ in 0..<3 {
            try await executor.runDueJobs()
            clock.advance(minutes: 11)  // past any backoff
        }
        #expect(try await Self.number("SELECT count(*) AS n FROM incidents WHERE type = 'failedJob'", engine) == 1)
        #expect(try await Self.number("SELECT count(*) AS n FROM jobs WHERE retries = 0", engine) == 1)
        #expect(try await executor.runDueJobs() == 0)  // nothing runs a job without retries
        let jobID: String = try await engine.pool.withConnection { connection in
            try connection.query("SELECT id::text AS id FROM jobs", []).rows[0].decode("id")
        }
        healthy.withLock { $0 = true }
        try await engine.setJobRetries(jobID, retries: 1)
        #expect(try await Self.number("SELECT count(*) AS n FROM incidents", engine) == 0)
        #expect(try await executor.runDueJobs() == 1)
        #expect(
            try await Self.number(
                "SELECT count(*) AS n FROM process_instances WHERE state = 'completed'", engine) == 1)
        #expect(try await Self.number("SELECT count(*) AS n FROM variables WHERE name = 'status'", engine) == 1)
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: started.id).isEmpty)
    }

    @Test func severalExecutorsFireEveryTimerExactlyOnce() async throws {
        let model = Models.definitions(
            """
            <process id="wait" isExecutable="true">
              <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="pause"/>
              <intermediateCatchEvent id="pause"><timerEventDefinition><timeDuration>PT5M</timeDuration></timerEventDefinition></intermediateCatchEvent>
              <sequenceFlow id="f1" sourceRef="pause" targetRef="end"/><endEvent id="end"/>
            </process>
            """)
        let (engine, clock) = try await Self.setUp(model)
        for _ in 0..<60 { _ = try await engine.startInstance(key: "wait") }
        clock.advance(minutes: 5)
        let executors = (0..<3).map { JobExecutor(engine: engine, owner: "node-\($0)", batchSize: 7) }
        await withTaskGroup(of: Void.self) { group in
            for executor in executors {
                group.addTask { while (try? await executor.runDueJobs()) ?? 0 > 0 {} }
            }
        }
        #expect(try await Self.number("SELECT count(*) AS n FROM process_instances WHERE state = 'completed'", engine) == 60)
        #expect(try await Self.number("SELECT count(*) AS n FROM history_events WHERE type = 'timerFired'", engine) == 60)
        #expect(executors.map(\.stats.completed).reduce(0, +) == 60)
    }

    @Test func theElementsFailedJobRetryTimeCycleDecidesTriesAndWaits() async throws {
        let model = Models.definitions(
            """
            <process id="call" isExecutable="true">
              <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="http"/>
              <serviceTask id="http"><extensionElements>
                <camunda:failedJobRetryTimeCycle>R1/PT5M</camunda:failedJobRetryTimeCycle>
                <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId>
                <camunda:inputOutput><camunda:inputParameter name="url">http://example.invalid/</camunda:inputParameter>
                </camunda:inputOutput></camunda:connector></extensionElements></serviceTask>
              <sequenceFlow id="f1" sourceRef="http" targetRef="end"/><endEvent id="end"/>
            </process>
            """)
        let (engine, clock) = try await Self.setUp(model)
        let executor = JobExecutor(engine: engine) { _ in .failed("503 from upstream") }
        _ = try await engine.startInstance(key: "call")
        try await executor.runDueJobs()
        // R1/PT5M: one retry, exactly five minutes later
        #expect(
            try await Self.number(
                "SELECT count(*) AS n FROM jobs WHERE retries = 1 AND due_at = '2026-01-01T00:05:00Z'::timestamptz", engine)
                == 1)
        clock.advance(minutes: 4)
        #expect(try await executor.runDueJobs() == 0)
        clock.advance(minutes: 1)
        #expect(try await executor.runDueJobs() == 1)
        #expect(try await Self.number("SELECT count(*) AS n FROM incidents WHERE type = 'failedJob'", engine) == 1)
        #expect(
            try await Self.number(
                "SELECT count(*) AS n FROM jobs WHERE retries = 0 AND exception_message = '503 from upstream'", engine) == 1)
    }

    @Test func aConnectorTaskCallsTheHTTPServerAfterCommitAndMapsStatusesToBPMNErrors() async throws {
        let server = try await ConnectorTestServer.start()
        defer { Task { try? await server.stop() } }
        let model = Models.definitions(
            """
            <process id="call" isExecutable="true">
              <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="http"/>
              <serviceTask id="http"><extensionElements><camunda:connector>
                <camunda:connectorId>http-connector</camunda:connectorId>
                <camunda:inputOutput>
                  <camunda:inputParameter name="url">${base}</camunda:inputParameter>
                  <camunda:inputParameter name="method">POST</camunda:inputParameter>
                  <camunda:inputParameter name="bpmnErrorOnStatus">404</camunda:inputParameter>
                  <camunda:outputParameter name="status">${statusCode}</camunda:outputParameter>
                </camunda:inputOutput></camunda:connector></extensionElements></serviceTask>
              <sequenceFlow id="f1" sourceRef="http" targetRef="end"/><endEvent id="end"/>
              <boundaryEvent id="missing" attachedToRef="http"><errorEventDefinition errorRef="e404"/></boundaryEvent>
              <sequenceFlow id="f2" sourceRef="missing" targetRef="fix"/><userTask id="fix"/>
            </process>
            <error id="e404" errorCode="HTTP_404"/>
            """)
        let (engine, _) = try await Self.setUp(model)
        let executor = JobExecutor(engine: engine, httpConnector: HTTPConnector())
        let ok = try await engine.startInstance(key: "call", variables: ["base": .string(server.url("/echo"))])
        let missing = try await engine.startInstance(key: "call", variables: ["base": .string(server.url("/status/404"))])
        // Nothing is called inside the command's transaction: the call waits for the executor.
        #expect(try await Self.number("SELECT count(*) AS n FROM jobs WHERE kind = 'connector'", engine) == 2)
        while try await executor.runDueJobs() > 0 {}
        let states: [String: String] = try await engine.pool.withConnection { connection in
            var result: [String: String] = [:]
            for row in try connection.query("SELECT id::text AS id, state FROM process_instances", []).rows {
                result[try row.decode("id")] = try row.decode("state")
            }
            return result
        }
        #expect(states[ok.id] == "completed")
        #expect(states[missing.id] == "active")
        #expect(try await Self.number("SELECT count(*) AS n FROM user_tasks WHERE element_id = 'fix'", engine) == 1)
        #expect(try await Self.number("SELECT count(*) AS n FROM variables WHERE name = 'status' AND text_value = '200'", engine) == 1)
        #expect(try await Self.number("SELECT count(*) AS n FROM jobs", engine) == 0)
    }

    @Test func asynchronousContinuationsRunAsJobsAfterTheCommandCommits() async throws {
        let model = Models.definitions(
            """
            <process id="async" isExecutable="true">
              <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="calc"/>
              <scriptTask id="calc" scriptFormat="juel" camunda:resultVariable="x" camunda:asyncBefore="true"
                camunda:asyncAfter="true"><script>${21 * 2}</script></scriptTask>
              <sequenceFlow id="f1" sourceRef="calc" targetRef="end"/><endEvent id="end"/>
            </process>
            """)
        let (engine, _) = try await Self.setUp(model)
        let executor = JobExecutor(engine: engine)
        let started = try await engine.startInstance(key: "async")
        #expect(started.state == "active")  // the start's transaction stopped before the script
        #expect(try await Self.number("SELECT count(*) AS n FROM jobs WHERE kind = 'async'", engine) == 1)
        #expect(try await executor.runDueJobs() == 1)  // before: runs the script, stops after it
        #expect(try await Self.number("SELECT count(*) AS n FROM variables WHERE name = 'x' AND text_value = '42'", engine) == 1)
        #expect(try await executor.runDueJobs() == 1)  // after: leaves the task
        #expect(try await Self.number("SELECT count(*) AS n FROM process_instances WHERE state = 'completed'", engine) == 1)
        #expect(try await Self.number("SELECT count(*) AS n FROM jobs", engine) == 0)
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: started.id).isEmpty)
    }
}
