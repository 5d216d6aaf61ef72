import BatonTestSupport
import EngineRuntime
import Expressions
import PostgresClient
import Testing

/// The incident queries of the REST layer (`/incident`): filters (configuration = the failed job or external
/// task), sorting, paging, counts, one by id, and annotations.
@Suite struct IncidentQueryTests {
    static let connector = Models.definitions(
        """
        <process id="call" isExecutable="true">
          <startEvent id="s"/><sequenceFlow id="f0" sourceRef="s" targetRef="http"/>
          <serviceTask id="http"><extensionElements>
            <camunda:failedJobRetryTimeCycle>R0/PT1M</camunda:failedJobRetryTimeCycle>
            <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId>
            <camunda:inputOutput><camunda:inputParameter name="url">http://example.invalid/</camunda:inputParameter>
            </camunda:inputOutput></camunda:connector></extensionElements></serviceTask>
          <sequenceFlow id="f1" sourceRef="http" targetRef="e"/><endEvent id="e"/>
        </process>
        """)

    @Test func incidentsAreFoundByTheirJobOrExternalTaskAndCarryAnnotations() async throws {
        let harness = try await ExternalTaskHarness.make()
        let engine = harness.engine
        _ = try await engine.deploy(name: "c", resources: [.init(name: "c.bpmn", content: Self.connector)])
        let worked = try await harness.start(topic: "t")
        let task = try #require(try await harness.fetch("w").first)
        try await engine.handleExternalTaskFailure(task.id, workerID: "w", errorMessage: "mail server down", retries: 0)
        harness.time.advance(milliseconds: 1_000)
        let called = try await engine.startInstance(key: "call").id
        try await JobExecutor(engine: engine) { _ in .failed("refused") }.runDueJobs()
        let job = try #require(try await engine.jobs(JobQuery()).first)

        let all = try await engine.incidents(
            { var query = IncidentQuery(); query.sorting = [.init(.incidentTimestamp)]; return query }())
        #expect(all.map(\.incidentType) == ["failedExternalTask", "failedJob"])
        #expect(all.map(\.configuration) == [task.id, job.id])
        #expect(all.map(\.processInstanceID) == [worked, called])
        #expect(all.map(\.activityID) == ["task", "http"])
        #expect(all.map(\.processDefinitionKey) == ["work", "call"])
        #expect(all[0].incidentMessage == "mail server down")
        #expect(all[1].incidentMessage == "the connector job failed and has no retries left: refused")
        #expect(all[0].incidentTimestamp.epochMilliseconds == 1_767_225_600_000)
        #expect(all.map(\.annotation) == [nil, nil])

        func types(_ configure: (inout IncidentQuery) -> Void) async throws -> [String] {
            var query = IncidentQuery()
            configure(&query)
            let found = try await engine.incidents(query)
            #expect(try await engine.countIncidents(query) == found.count)
            return found.map(\.incidentType)
        }
        #expect(try await types { $0.sorting = [.init(.incidentTimestamp, ascending: false)] }
            == ["failedJob", "failedExternalTask"])
        #expect(try await types { $0.incidentType = "failedJob" } == ["failedJob"])
        #expect(try await types { $0.configuration = task.id.uppercased() } == ["failedExternalTask"])
        #expect(try await types { $0.configuration = job.id } == ["failedJob"])
        #expect(try await types { $0.processInstanceID = called } == ["failedJob"])
        #expect(try await types { $0.activityID = "task" } == ["failedExternalTask"])
        #expect(try await types { $0.processDefinitionKey = "call" } == ["failedJob"])
        #expect(try await types { $0.incidentMessageLike = "%server%" } == ["failedExternalTask"])
        #expect(try await types { $0.incidentID = all[1].id } == ["failedJob"])
        let later = DateTime(epochMilliseconds: 1_767_225_600_500, offsetSeconds: 0)
        #expect(try await types { $0.incidentTimestampAfter = later } == ["failedJob"])
        #expect(try await types { $0.incidentTimestampBefore = later } == ["failedExternalTask"])
        let second = try await engine.incidents(
            { var query = IncidentQuery(); query.sorting = [.init(.activityId)]; return query }(),
            page: QueryPage(firstResult: 1, maxResults: 5))
        #expect(second.map(\.activityID) == ["task"])

        try await engine.setIncidentAnnotation(all[0].id, annotation: "ops: waiting for the mail provider")
        #expect(try await engine.incident(all[0].id).annotation == "ops: waiting for the mail provider")
        try await engine.setIncidentAnnotation(all[0].id, annotation: nil)
        #expect(try await engine.incident(all[0].id).annotation == nil)
        await #expect {
            try await engine.setIncidentAnnotation("nope", annotation: "x")
        } throws: { error in
            guard case EngineError.notFound(let message) = error else { return false }
            return message == "Incident with id nope does not exist"
        }
        await #expect(throws: EngineError.self) { try await engine.incident("1d2e0b8a-0000-0000-0000-000000000000") }

        // Resolved (retries set again): the incident is gone from the query.
        try await engine.setExternalTaskRetries(task.id, retries: 1)
        #expect(try await types { _ in } == ["failedJob"])
    }
}
