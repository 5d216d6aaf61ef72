import BatonTestSupport
import EngineCore
import EngineRuntime
import Expressions
import PostgresClient
import Testing

/// Models and helpers for the task list tests.
enum TaskTestSupport {
    /// start → review (candidate group reviewers, candidate user kim) → end; an error boundary (REJECT) leads to
    /// `rejected`, a non-interrupting escalation boundary (NUDGE) to `nudged`.
    static let review = Models.definitions(
        """
        <error id="reject" errorCode="REJECT"/>
        <escalation id="nudge" escalationCode="NUDGE"/>
        <process id="review" name="Review process" isExecutable="true">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="check"/>
          <userTask id="check" name="Check order" camunda:candidateGroups="reviewers" camunda:candidateUsers="kim"
            camunda:priority="${prio}"/>
          <boundaryEvent id="rejectedBoundary" attachedToRef="check">
            <errorEventDefinition errorRef="reject" camunda:errorCodeVariable="code"
              camunda:errorMessageVariable="reason"/>
          </boundaryEvent>
          <boundaryEvent id="nudgeBoundary" attachedToRef="check" cancelActivity="false">
            <escalationEventDefinition escalationRef="nudge"/>
          </boundaryEvent>
          <sequenceFlow id="f1" sourceRef="check" targetRef="end"/><endEvent id="end"/>
          <sequenceFlow id="f2" sourceRef="rejectedBoundary" targetRef="rejected"/>
          <userTask id="rejected" name="Handle rejection" camunda:assignee="boss"/>
          <sequenceFlow id="f3" sourceRef="nudgeBoundary" targetRef="nudged"/>
          <userTask id="nudged" name="Nudged" camunda:candidateGroups="managers"/>
        </process>
        """)

    /// A fresh engine with the review model deployed.
    static func engine() async throws -> Engine {
        // Few connections: the test process shares one cluster's connection limit with every other suite.
        let engine = Engine(pool: try await TestDatabase.shared.freshPool(maximumConnections: 3))
        _ = try await engine.deploy(name: "d", resources: [.init(name: "review.bpmn", content: review)])
        return engine
    }

    /// Starts an instance and returns it with the id of its `check` task.
    static func start(
        _ engine: Engine, businessKey: String? = nil, variables: [String: Value] = [:]
    ) async throws -> (instance: String, task: String) {
        var all = variables
        if all["prio"] == nil { all["prio"] = .integer(50) }
        let started = try await engine.startInstance(key: "review", variables: all, businessKey: businessKey)
        var query = TaskQuery()
        query.processInstanceID = started.id
        query.taskDefinitionKey = "check"
        let task = try #require(try await engine.queryTasks(query).first)
        return (started.id, task.id)
    }

    /// Adds a user in groups (the `users`, `groups` and `memberships` tables).
    static func addUser(_ engine: Engine, _ user: String, groups: [String]) async throws {
        try await engine.pool.withConnection { connection in
            try connection.execute("INSERT INTO users (id) VALUES ($1) ON CONFLICT DO NOTHING", [.text(user)])
            for group in groups {
                try connection.execute("INSERT INTO groups (id) VALUES ($1) ON CONFLICT DO NOTHING", [.text(group)])
                try connection.execute(
                    "INSERT INTO memberships (user_id, group_id) VALUES ($1, $2)", [.text(user), .text(group)])
            }
        }
    }

    /// The history events of an instance: (type, actor, command).
    static func history(_ engine: Engine, _ instance: String) async throws -> [(String, String?, String)] {
        try await engine.pool.withConnection { connection in
            try connection.query(
                """
                SELECT type, actor, command FROM history_events WHERE process_instance_id = $1::uuid
                ORDER BY sequence
                """,
                [.text(instance)]
            ).rows.map { (try $0.decode("type"), try $0.decode("actor", as: String?.self), try $0.decode("command")) }
        }
    }

    /// Runs `body` and returns the `TaskError` it threw (nil when it threw nothing or something else).
    static func taskError(_ body: () async throws -> Void) async -> TaskError? {
        do {
            try await body()
            return nil
        } catch let error as TaskError {
            return error
        } catch {
            Issue.record("expected a TaskError, got \(error)")
            return nil
        }
    }
}
