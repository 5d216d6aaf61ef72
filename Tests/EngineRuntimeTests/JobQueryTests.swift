import BatonTestSupport
import EngineRuntime
import Expressions
import PostgresClient
import Synchronization
import Testing

/// The job queries and operations of the REST layer (`/job`): filters, sorting, paging and counts, Camunda's job
/// definition types, running a job by hand, due dates, suspension and deletion.
@Suite struct JobQueryTests {
    static let models = Models.definitions(
        """
        <process id="boundary" isExecutable="true">
          <startEvent id="s1"/><sequenceFlow id="a0" sourceRef="s1" targetRef="work"/>
          <userTask id="work"/><sequenceFlow id="a1" sourceRef="work" targetRef="e1"/><endEvent id="e1"/>
          <boundaryEvent id="late" attachedToRef="work"><timerEventDefinition><timeDuration>PT1H</timeDuration>
          </timerEventDefinition></boundaryEvent>
          <sequenceFlow id="a2" sourceRef="late" targetRef="e2"/><endEvent id="e2"/>
        </process>
        <process id="pause" isExecutable="true">
          <startEvent id="s2"/><sequenceFlow id="b0" sourceRef="s2" targetRef="wait"/>
          <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT10M</timeDuration>
          </timerEventDefinition></intermediateCatchEvent>
          <sequenceFlow id="b1" sourceRef="wait" targetRef="e3"/><endEvent id="e3"/>
        </process>
        <process id="later" isExecutable="true">
          <startEvent id="s3"/><sequenceFlow id="c0" sourceRef="s3" targetRef="calc"/>
          <scriptTask id="calc" scriptFormat="juel" camunda:resultVariable="x" camunda:asyncBefore="true">
            <script>${1 + 1}</script></scriptTask>
          <sequenceFlow id="c1" sourceRef="calc" targetRef="e4"/><endEvent id="e4"/>
        </process>
        <process id="call" isExecutable="true">
          <startEvent id="s4"/><sequenceFlow id="d0" sourceRef="s4" targetRef="http"/>
          <serviceTask id="http"><extensionElements>
            <camunda:failedJobRetryTimeCycle>R1/PT1M</camunda:failedJobRetryTimeCycle>
            <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId>
            <camunda:inputOutput><camunda:inputParameter name="url">http://example.invalid/</camunda:inputParameter>
            </camunda:inputOutput></camunda:connector></extensionElements></serviceTask>
          <sequenceFlow id="d1" sourceRef="http" targetRef="e5"/><endEvent id="e5"/>
        </process>
        <process id="ticker" isExecutable="true">
          <startEvent id="every"><timerEventDefinition><timeCycle>R3/PT2H</timeCycle></timerEventDefinition>
          </startEvent>
          <sequenceFlow id="t0" sourceRef="every" targetRef="t"/><userTask id="t"/>
        </process>
        """)

    /// Whether the fake connector succeeds.
    final class Health: Sendable {
        let healthy = Mutex(false)
    }

    struct Setup {
        let engine: Engine
        let clock: TestClock
        let executor: JobExecutor
        let health: Health
        var instances: [String: String] = [:]
    }

    static func setUp() async throws -> Setup {
        let clock = TestClock()
        let engine = Engine(pool: try await TestDatabase.shared.freshPool(), clock: clock.engineClock)
        _ = try await engine.deploy(name: "j", resources: [.init(name: "j.bpmn", content: models)])
        let health = Health()
        let executor = JobExecutor(engine: engine) { _ in
            health.healthy.withLock { $0 } ? .completed(["statusCode": .integer(200)]) : .failed("connection refused")
        }
        var setup = Setup(engine: engine, clock: clock, executor: executor, health: health)
        for key in ["boundary", "pause", "later", "call"] {
            setup.instances[key] = try await engine.startInstance(key: key).id
        }
        return setup
    }

    static func ids(_ engine: Engine, _ configure: (inout JobQuery) -> Void) async throws -> [String] {
        var query = JobQuery()
        configure(&query)
        let jobs = try await engine.jobs(query)
        #expect(try await engine.countJobs(query) == jobs.count)
        return jobs.compactMap(\.activityID)
    }

    @Test func jobsCarryCamundasDefinitionTypesAndFilterBySortAndPage() async throws {
        let setup = try await Self.setUp()
        let engine = setup.engine
        let all = try await engine.jobs(JobQuery())
        let types = Dictionary(uniqueKeysWithValues: all.map { ($0.activityID ?? "", $0.jobDefinitionType) })
        #expect(
            types == [
                "late": "timer-transition", "wait": "timer-intermediate-transition", "calc": "async-continuation",
                "http": "async-continuation", "every": "timer-start-event",
            ])
        let dueDesc = [QuerySorting(JobQuery.SortKey.jobDueDate, ascending: false)]
        // due: every +2h, late +1h, wait +10m, calc and http now (ties by id)
        let byDue = try await Self.ids(engine) { $0.sorting = dueDesc }
        #expect(Array(byDue.prefix(3)) == ["every", "late", "wait"])
        #expect(Set(try await Self.ids(engine) { $0.timers = true }) == ["every", "late", "wait"])
        #expect(Set(try await Self.ids(engine) { $0.messages = true }) == ["calc", "http"])
        #expect(Set(try await Self.ids(engine) { $0.executable = true }) == ["calc", "http"])
        #expect(try await Self.ids(engine) { $0.processDefinitionKey = "pause" } == ["wait"])
        #expect(try await Self.ids(engine) { $0.processInstanceID = setup.instances["boundary"] } == ["late"])
        #expect(try await Self.ids(engine) { $0.activityID = "calc" } == ["calc"])
        let soon = DateTime(epochMilliseconds: 1_767_225_600_000 + 30 * 60_000, offsetSeconds: 0)
        #expect(Set(try await Self.ids(engine) { $0.dueBefore = soon }) == ["calc", "http", "wait"])
        #expect(Set(try await Self.ids(engine) { $0.dueAfter = soon }) == ["every", "late"])
        let wait = try #require(all.first { $0.activityID == "wait" })
        #expect(try await Self.ids(engine) { $0.jobID = wait.id.uppercased() } == ["wait"])
        #expect(try await Self.ids(engine) { $0.jobIDs = [wait.id, "junk"] } == ["wait"])
        let page = try await engine.jobs(
            { var query = JobQuery(); query.sorting = dueDesc; return query }(),
            page: QueryPage(firstResult: 1, maxResults: 2))
        #expect(page.compactMap(\.activityID) == ["late", "wait"])

        // A failure: exception, failed activity, retries.
        try await setup.executor.runDueJobs()
        #expect(try await Self.ids(engine) { $0.withException = true } == ["http"])
        #expect(try await Self.ids(engine) { $0.failedActivityID = "http" } == ["http"])
        #expect(try await Self.ids(engine) { $0.failedActivityID = "calc" }.isEmpty)
        let http = try #require(try await engine.jobs(JobQuery()).first { $0.activityID == "http" })
        #expect(http.retries == 1)
        #expect(http.exceptionMessage == "connection refused")
        #expect(http.failedActivityID == "http")
        #expect(try await engine.jobStacktrace(http.id) == "connection refused")
        #expect(try await engine.job(http.id) == http)
        await #expect {
            try await engine.job("9e4c0c0e-0000-0000-0000-000000000000")
        } throws: { error in
            guard case EngineError.notFound(let message) = error else { return false }
            return message == "Job with id 9e4c0c0e-0000-0000-0000-000000000000 does not exist"
        }
        #expect(try await Self.ids(engine) { $0.noRetriesLeft = true }.isEmpty)
        #expect(try await Self.ids(engine) { $0.withRetriesLeft = true }.count == 4)
    }

    @Test func executingAJobByHandRunsItNowOrCountsItsFailure() async throws {
        let setup = try await Self.setUp()
        let engine = setup.engine
        let jobs = try await engine.jobs(JobQuery())
        let wait = try #require(jobs.first { $0.activityID == "wait" })
        try await setup.executor.executeJob(wait.id)  // not due for 10 minutes
        let state: String = try await engine.pool.withConnection { connection in
            try connection.query(
                "SELECT state FROM process_instances WHERE id = $1::uuid", [.text(setup.instances["pause"] ?? "")]
            ).rows.first?.decode("state") ?? ""
        }
        #expect(state == "completed")

        let http = try #require(jobs.first { $0.activityID == "http" })
        await #expect {
            try await setup.executor.executeJob(http.id)
        } throws: { error in
            (error as? JobExecutionError)?.message == "connection refused"
        }
        #expect(try await engine.job(http.id).retries == 1)
        await #expect(throws: JobExecutionError.self) { try await setup.executor.executeJob(http.id) }
        #expect(try await engine.job(http.id).retries == 0)
        #expect(try await engine.countIncidents(IncidentQuery()) == 1)
        // Out of retries, run by hand again: still one incident.
        await #expect(throws: JobExecutionError.self) { try await setup.executor.executeJob(http.id) }
        #expect(try await engine.countIncidents(IncidentQuery()) == 1)
        setup.health.healthy.withLock { $0 = true }
        try await setup.executor.executeJob(http.id)
        await #expect(throws: EngineError.self) { try await engine.job(http.id) }
        await #expect(throws: EngineError.self) { try await setup.executor.executeJob(http.id) }
    }

    @Test func dueDatesSuspensionAndDeletion() async throws {
        let setup = try await Self.setUp()
        let engine = setup.engine
        let jobs = try await engine.jobs(JobQuery())
        let late = try #require(jobs.first { $0.activityID == "late" })
        let wait = try #require(jobs.first { $0.activityID == "wait" })
        try await engine.setJobDueDate(late.id, dueDate: nil)  // now
        try await engine.setJobSuspended(wait.id, suspended: true)
        let start = DateTime(epochMilliseconds: 1_767_225_600_000, offsetSeconds: 0)
        try await engine.setJobDueDate(wait.id, dueDate: start)
        #expect(try await engine.job(wait.id).suspended)
        #expect(Set(try await Self.ids(engine) { $0.active = true; $0.executable = true }) == ["late", "calc", "http"])
        #expect(try await Self.ids(engine) { $0.suspended = true } == ["wait"])
        try await setup.executor.runDueJobs()
        #expect(try await Self.ids(engine) { $0.timers = true }.sorted() == ["every", "wait"])

        try await engine.deleteJob(wait.id)
        await #expect(throws: EngineError.self) { try await engine.job(wait.id) }
        for operation in ["due", "suspend", "delete"] {
            await #expect(throws: EngineError.self) {
                switch operation {
                case "due": try await engine.setJobDueDate(wait.id, dueDate: nil)
                case "suspend": try await engine.setJobSuspended(wait.id, suspended: false)
                default: try await engine.deleteJob(wait.id)
                }
            }
        }
        // A job an executor holds cannot be deleted.
        let every = try #require(jobs.first { $0.activityID == "every" })
        try await engine.pool.withConnection { connection in
            try connection.execute(
                "UPDATE jobs SET lock_owner = 'node-x', lock_expires_at = '2026-01-01T01:00:00Z' WHERE id = $1::uuid",
                [.text(every.id)])
        }
        await #expect {
            try await engine.deleteJob(every.id)
        } throws: { error in
            guard case EngineError.rejected(let message) = error else { return false }
            return message == "Cannot delete job \(every.id) while it is being executed (by 'node-x'). Try again later."
        }
    }
}
