import BatonTestSupport
import EngineCore
import EngineRuntime
import Expressions
import PostgresClient
import Testing

/// Issue 7's completeness for operators: every operator action on jobs and incidents — failures, retries, due
/// dates, suspension, deletion, annotations — is a history event naming who did it, shows in the user operation log,
/// and leaves an instance whose state history alone rebuilds.
@Suite struct OperatorHistoryTests {
    static let model = Models.definitions(
        """
        <process id="call" isExecutable="true">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="http"/>
          <serviceTask id="http"><extensionElements><camunda:connector>
            <camunda:connectorId>http-connector</camunda:connectorId>
            <camunda:inputOutput><camunda:inputParameter name="url">http://example.invalid/</camunda:inputParameter>
            </camunda:inputOutput>
          </camunda:connector></extensionElements></serviceTask>
          <sequenceFlow id="f1" sourceRef="http" targetRef="end"/><endEvent id="end"/>
        </process>
        """)

    struct Row: Equatable {
        var type: String
        var actor: String?
        var element: String?
        var payload: String
    }

    static func operational(_ engine: Engine, _ instance: String) async throws -> [Row] {
        try await engine.pool.withConnection { connection in
            try connection.query(
                """
                SELECT type, actor, element_id, payload::text AS payload FROM history_events
                WHERE process_instance_id = $1::uuid AND type IN ('jobFailed', 'jobRetriesSet', 'jobDueDateSet',
                    'jobSuspended', 'jobActivated', 'jobDeleted', 'incidentAnnotated', 'operationAnnotated')
                ORDER BY sequence
                """, [.text(instance)]
            ).rows.map {
                Row(
                    type: try $0.decode("type"), actor: try $0.decode("actor"), element: try $0.decode("element_id"),
                    payload: try $0.decode("payload"))
            }
        }
    }

    @Test func jobAndIncidentOperationsAreRecordedWithTheirOperator() async throws {
        let clock = TestClock()
        let engine = Engine(pool: try await TestDatabase.shared.freshPool(), clock: clock.engineClock)
        _ = try await engine.deploy(name: "t", resources: [.init(name: "t.bpmn", content: Self.model)])
        let executor = JobExecutor(engine: engine) { _ in .failed("connection refused") }
        let instance = try await engine.startInstance(key: "call").id
        for _ in 0..<3 {
            try await executor.runDueJobs()
            clock.advance(minutes: 11)
        }
        let job = try #require(try await engine.jobs(JobQuery()).first)
        let incident = try #require(try await engine.incidents(IncidentQuery()).first)
        let olga = CommandOrigin(actor: "olga")
        try await engine.setIncidentAnnotation(incident.id, annotation: "mail provider down", origin: olga)
        try await engine.setJobSuspended(job.id, suspended: true, origin: olga)
        try await engine.setJobSuspended(job.id, suspended: false, origin: olga)
        let due = DateTime(epochMilliseconds: 1_767_312_000_000, offsetSeconds: 0)
        try await engine.setJobDueDate(job.id, dueDate: due, origin: olga)
        try await engine.setJobRetries(job.id, retries: 2, origin: olga)

        let rows = try await Self.operational(engine, instance)
        #expect(rows.map(\.type) == [
            "jobFailed", "jobFailed", "jobFailed", "incidentAnnotated", "jobSuspended", "jobActivated",
            "jobDueDateSet", "jobRetriesSet",
        ])
        #expect(rows.prefix(3).allSatisfy { $0.actor == nil && $0.element == "http" })
        #expect(rows.dropFirst(3).allSatisfy { $0.actor == "olga" && $0.element == "http" })
        #expect(rows[0].payload.contains("\"retries\":2") && rows[0].payload.contains("connection refused"))
        #expect(rows[0].payload.contains("nextRetry"))
        #expect(rows[2].payload.contains("\"retries\":0") && !rows[2].payload.contains("nextRetry"))
        #expect(rows[3].payload.contains("mail provider down"))
        let historic = try await engine.history.incidents({
            var query = HistoricIncidentQuery()
            query.processInstanceID = instance
            return query
        }())
        #expect(historic.map(\.annotation) == ["mail provider down"])
        #expect(rows[7].payload.contains("\"previousRetries\":0") && rows[7].payload.contains("\"retries\":2"))

        let log = try await engine.history.userOperations({
            var query = UserOperationLogQuery()
            query.processInstanceID = instance
            query.sorting = [.init(.timestamp)]
            return query
        }())
        let operations = log.map { "\($0.operationType) \($0.entityType) \($0.property ?? "-") \($0.newValue ?? "-")" }
        #expect(operations == [
            "SetAnnotation Incident annotation mail provider down", "Suspend Job suspensionState suspended",
            "Activate Job suspensionState active", "SetDueDate Job duedate \(due.iso8601)",
            "SetJobRetries Job retries 2",
        ])
        #expect(log.allSatisfy { $0.userID == "olga" })
        // Setting retries resolved the incident: part of the same operation (as in Camunda), by the same operator.
        let resolved: [String?] = try await engine.pool.withConnection { connection in
            try connection.query(
                "SELECT actor FROM history_events WHERE process_instance_id = $1::uuid AND type = 'incidentResolved'",
                [.text(instance)]
            ).rows.map { try $0.decode("actor") }
        }
        #expect(resolved == ["olga"])

        // An olga's note on an operation is appended, never written over; the log shows the latest.
        let retried = try #require(log.first { $0.operationType == "SetJobRetries" })
        try await engine.setOperationAnnotation(retried.id, annotation: "provider back", origin: .init(actor: "ada"))
        try await engine.setOperationAnnotation(retried.id, annotation: "provider back at 10:02", origin: olga)
        let annotated = try await engine.history.userOperations({
            var query = UserOperationLogQuery()
            query.processInstanceID = instance
            query.operationType = "SetJobRetries"
            return query
        }())
        #expect(annotated.map(\.annotation) == ["provider back at 10:02"])
        let notes = try await Self.operational(engine, instance).filter { $0.type == "operationAnnotated" }
        #expect(notes.map(\.actor) == ["ada", "olga"])
        try await engine.setOperationAnnotation(retried.id, annotation: nil, origin: olga)
        #expect(try await engine.history.userOperations({
            var query = UserOperationLogQuery()
            query.operationType = "SetJobRetries"
            return query
        }()).map(\.annotation) == [nil])
        for bad in ["nope", "\(instance):1", "\(instance):99999"] {
            await #expect {
                try await engine.setOperationAnnotation(bad, annotation: "x")
            } throws: { error in
                guard case EngineError.notFound(let message) = error else { return false }
                return message.contains(bad)
            }
        }

        try await engine.setJobSuspended(job.id, suspended: true, origin: olga)
        try await engine.deleteJob(job.id, origin: olga)
        #expect(try await Self.operational(engine, instance).last?.type == "jobDeleted")
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: instance).isEmpty)
    }
}
