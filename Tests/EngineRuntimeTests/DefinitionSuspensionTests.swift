import BatonTestSupport
import EngineRuntime
import Expressions
import PostgresClient
import Testing

/// Suspending process definitions (and with them their instances): no new instances by any path, timer start
/// events wait, external tasks of suspended instances are not fetchable and show `suspended`, their jobs wait.
@Suite struct DefinitionSuspensionTests {
    static let models = Models.definitions(
        """
        <message id="go" name="Go"/><signal id="ring" name="Ring"/>
        <process id="ticker" isExecutable="true">
          <startEvent id="every"><timerEventDefinition><timeCycle>R5/PT10M</timeCycle></timerEventDefinition>
          </startEvent>
          <sequenceFlow id="f0" sourceRef="every" targetRef="t"/><userTask id="t"/>
        </process>
        <process id="started" isExecutable="true">
          <startEvent id="plain"/><sequenceFlow id="g0" sourceRef="plain" targetRef="work"/>
          <startEvent id="byMessage"><messageEventDefinition messageRef="go"/></startEvent>
          <sequenceFlow id="g1" sourceRef="byMessage" targetRef="work"/>
          <startEvent id="bySignal"><signalEventDefinition signalRef="ring"/></startEvent>
          <sequenceFlow id="g2" sourceRef="bySignal" targetRef="work"/>
          <serviceTask id="work" camunda:type="external" camunda:topic="jobs"/>
          <sequenceFlow id="g3" sourceRef="work" targetRef="pause"/>
          <intermediateCatchEvent id="pause"><timerEventDefinition><timeDuration>PT5M</timeDuration>
          </timerEventDefinition></intermediateCatchEvent>
          <sequenceFlow id="g4" sourceRef="pause" targetRef="end"/><endEvent id="end"/>
        </process>
        <process id="caller" isExecutable="true">
          <startEvent id="cs"/><sequenceFlow id="c0" sourceRef="cs" targetRef="call"/>
          <callActivity id="call" calledElement="started"/>
          <sequenceFlow id="c1" sourceRef="call" targetRef="ce"/><endEvent id="ce"/>
        </process>
        """)

    static func setUp() async throws -> (Engine, TestClock, [String: String]) {
        let clock = TestClock()
        let engine = Engine(pool: try await TestDatabase.shared.freshPool(), clock: clock.engineClock)
        let deployed = try await engine.deploy(name: "s", resources: [.init(name: "s.bpmn", content: models)])
        return (engine, clock, Dictionary(uniqueKeysWithValues: deployed.definitions.map { ($0.key, $0.id) }))
    }

    static func number(_ engine: Engine, _ sql: String) async throws -> Int {
        try await engine.pool.withConnection { connection in
            try connection.query(sql, []).rows.first?.decode("n") ?? -1
        }
    }

    @Test func aSuspendedDefinitionStartsNothingByAnyPath() async throws {
        let (engine, _, ids) = try await Self.setUp()
        let id = try #require(ids["started"])
        #expect(try await engine.setDefinitionSuspended(.key("started"), suspended: true) == [id])
        await #expect(throws: EngineError.self) { try await engine.startInstance(key: "started") }
        await #expect {
            try await engine.startInstance(definitionID: id)
        } throws: { error in
            guard case EngineError.rejected(let message) = error else { return false }
            return message == "Cannot start process instance. Process definition \(id) is suspended"
        }
        await #expect(throws: EngineError.self) { try await engine.correlateMessage("Go") }
        try await engine.broadcastSignal("Ring")  // a broadcast with no receiver is fine
        await #expect(throws: EngineError.self) { try await engine.startInstance(key: "caller") }
        #expect(try await Self.number(engine, "SELECT count(*) AS n FROM process_instances") == 0)

        try await engine.setDefinitionSuspended(.id(id), suspended: false)
        _ = try await engine.startInstance(definitionID: id)
        _ = try await engine.correlateMessage("Go")
        try await engine.broadcastSignal("Ring")
        _ = try await engine.startInstance(key: "caller")
        #expect(try await Self.number(engine, "SELECT count(*) AS n FROM process_instances") == 5)
    }

    @Test func unknownDefinitionsAreNotFound() async throws {
        let (engine, _, _) = try await Self.setUp()
        for selector in [DefinitionSelector.key("x"), .id("x:1:y")] {
            await #expect(throws: EngineError.self) {
                try await engine.setDefinitionSuspended(selector, suspended: true)
            }
        }
    }

    @Test func timerStartEventsOfASuspendedDefinitionWaitAndFireOnceWhenActivated() async throws {
        let (engine, clock, _) = try await Self.setUp()
        let executor = JobExecutor(engine: engine)
        try await engine.setDefinitionSuspended(.key("ticker"), suspended: true)
        clock.advance(minutes: 35)
        #expect(try await executor.runDueJobs() == 0)
        #expect(try await Self.number(engine, "SELECT count(*) AS n FROM process_instances") == 0)
        var query = JobQuery()
        query.suspended = true
        #expect(try await engine.jobs(query).map(\.jobDefinitionType) == ["timer-start-event"])
        try await engine.setDefinitionSuspended(.key("ticker"), suspended: false)
        #expect(try await executor.runDueJobs() == 1)
        #expect(try await executor.runDueJobs() == 0)  // the next repetition is counted from now
        #expect(try await Self.number(engine, "SELECT count(*) AS n FROM process_instances") == 1)
    }

    @Test func includingInstancesSuspendsTheirExternalTasksAndJobs() async throws {
        let (engine, clock, ids) = try await Self.setUp()
        let executor = JobExecutor(engine: engine)
        let first = try await engine.startInstance(key: "started")
        let second = try await engine.startInstance(key: "started")
        // The first instance moves on to its timer.
        let task = try #require(
            try await engine.fetchAndLock(
                workerID: "w", maxTasks: 1, topics: [.init(topicName: "jobs", lockDuration: 1_000)]
            ).first)
        let firstTask = task.processInstanceID == first.id
        try await engine.completeExternalTask(task.id, workerID: "w")
        let waiting = firstTask ? second.id : first.id
        let timed = firstTask ? first.id : second.id

        try await engine.setDefinitionSuspended(
            .id(try #require(ids["started"])), suspended: true, includeProcessInstances: true)
        #expect(try await Self.number(engine, "SELECT count(*) AS n FROM process_instances WHERE suspended") == 2)
        #expect(
            try await engine.fetchAndLock(
                workerID: "w", maxTasks: 1, topics: [.init(topicName: "jobs", lockDuration: 1_000)]
            ).isEmpty)
        let tasks = try await engine.externalTasks(ExternalTaskQuery())
        #expect(tasks.map(\.suspended) == [true])
        #expect(tasks.map(\.processInstanceID) == [waiting])
        clock.advance(minutes: 6)
        #expect(try await executor.runDueJobs() == 0)
        var suspendedJobs = JobQuery()
        suspendedJobs.suspended = true
        #expect(try await engine.jobs(suspendedJobs).map(\.processInstanceID) == [timed])
        #expect(
            try await Self.number(
                engine, "SELECT count(*) AS n FROM history_events WHERE type = 'instanceSuspended'") == 2)

        try await engine.setDefinitionSuspended(.key("started"), suspended: false, includeProcessInstances: true)
        #expect(try await executor.runDueJobs() == 1)
        #expect(
            try await Self.number(
                engine, "SELECT count(*) AS n FROM process_instances WHERE state = 'completed'") == 1)
        #expect(
            try await engine.fetchAndLock(
                workerID: "w", maxTasks: 1, topics: [.init(topicName: "jobs", lockDuration: 1_000)]
            ).count == 1)
    }

    @Test func aJobWhoseInstanceIsSuspendedAfterAcquisitionWaitsInsteadOfVanishing() async throws {
        let (engine, clock, _) = try await Self.setUp()
        let started = try await engine.startInstance(key: "started")
        let task = try #require(
            try await engine.fetchAndLock(
                workerID: "w", maxTasks: 1, topics: [.init(topicName: "jobs", lockDuration: 1_000)]
            ).first)
        try await engine.completeExternalTask(task.id, workerID: "w")
        clock.advance(minutes: 6)
        let executor = JobExecutor(engine: engine)
        var ofInstance = JobQuery()
        ofInstance.processInstanceID = started.id
        let job = try #require(try await engine.jobs(ofInstance).first)
        try await engine.setSuspended(started.id, true)
        #expect(try await engine.job(job.id).suspended)
        await #expect(throws: EngineError.self) { try await executor.executeJob(job.id) }
        // The job alone activated, its instance still suspended: acquired, not run, not deleted, unlocked.
        try await engine.setJobSuspended(job.id, suspended: false)
        #expect(try await executor.runDueJobs() == 1)
        #expect(
            try await Self.number(engine, "SELECT count(*) AS n FROM jobs WHERE kind = 'timer' AND lock_owner IS NULL")
                == 1)
        await #expect {
            try await executor.executeJob(job.id)
        } throws: { error in
            guard case EngineError.rejected(let message) = error else { return false }
            return message.contains("suspended process instance")
        }
        #expect(try await Self.number(engine, "SELECT count(*) AS n FROM jobs WHERE kind = 'timer'") == 1)
        try await engine.setSuspended(started.id, false)
        #expect(try await executor.runDueJobs() == 1)
        #expect(try await Self.number(engine, "SELECT count(*) AS n FROM jobs WHERE kind = 'timer'") == 0)
        #expect(
            try await Self.number(engine, "SELECT count(*) AS n FROM process_instances WHERE state = 'completed'") == 1)
    }
}
