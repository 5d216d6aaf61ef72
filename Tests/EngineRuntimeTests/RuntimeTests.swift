import BatonTestSupport
import BPMN
import EngineCore
import EngineRuntime
import Expressions
import PostgresClient
import Testing

/// The engine against a real PostgreSQL: deployments, commands in transactions, projections and history.
@Suite struct RuntimeTests {
    static func engine() async throws -> Engine {
        Engine(pool: try await TestDatabase.shared.freshPool())
    }

    static func count(_ sql: String, _ engine: Engine, _ parameters: [PostgresValue] = []) async throws -> Int {
        try await engine.pool.withConnection { connection in
            try connection.query(sql, parameters).rows.first?.decode("n") ?? -1
        }
    }

    @Test func deployVersionsAndFiltersDuplicates() async throws {
        let engine = try await Self.engine()
        let first = try await engine.deploy(name: "d", resources: [.init(name: "a.bpmn", content: Models.approval)])
        #expect(first.isNew)
        #expect(first.definitions.map(\.version) == [1])
        let again = try await engine.deploy(name: "d", resources: [.init(name: "a.bpmn", content: Models.approval)])
        #expect(!again.isNew)
        #expect(again.definitions.map(\.id) == first.definitions.map(\.id))
        let changed = Array(String(decoding: Models.approval, as: UTF8.self).replacingOccurrences(of: "Review", with: "Check").utf8)
        let second = try await engine.deploy(name: "d", resources: [.init(name: "a.bpmn", content: changed)])
        #expect(second.definitions.map(\.version) == [2])
        #expect(try await Self.count("SELECT count(*) AS n FROM deployments", engine) == 2)
    }

    @Test func anInvalidModelIsRefusedAndNothingIsStored() async throws {
        let engine = try await Self.engine()
        let broken = Models.definitions(
            """
            <process id="broken" isExecutable="true"><startEvent id="s"/>
              <sequenceFlow id="f" sourceRef="s" targetRef="nowhere"/></process>
            """)
        do {
            _ = try await engine.deploy(name: "bad", resources: [.init(name: "bad.bpmn", content: broken)])
            Issue.record("the deployment must be refused")
        } catch let error as EngineError {
            guard case .deploymentRefused(let resource, let diagnostics) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(resource == "bad.bpmn")
            #expect(diagnostics.contains { $0.rule == .danglingReference })
        }
        #expect(try await Self.count("SELECT count(*) AS n FROM deployments", engine) == 0)
    }

    @Test func startCompleteAndHistoryAgree() async throws {
        let engine = try await Self.engine()
        _ = try await engine.deploy(name: "d", resources: [.init(name: "a.bpmn", content: Models.approval)])
        let started = try await engine.startInstance(
            key: "approval", variables: ["amount": .integer(1200)], businessKey: "order-7",
            origin: CommandOrigin(actor: "ann"))
        #expect(started.state == "active")
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: started.id).isEmpty)
        let taskID: String = try await engine.pool.withConnection { connection in
            try connection.query("SELECT id::text AS id FROM user_tasks", []).rows[0].decode("id")
        }
        #expect(
            try await Self.count(
                "SELECT count(*) AS n FROM task_candidates WHERE kind = 'group' AND identity = 'reviewers'", engine) == 1)
        let done = try await engine.completeUserTask(
            taskID, variables: ["approved": .bool(true)], origin: CommandOrigin(actor: "bob"))
        #expect(done.state == "completed")
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: started.id).isEmpty)
        #expect(try await Self.count("SELECT count(*) AS n FROM user_tasks", engine) == 0)
        #expect(
            try await Self.count(
                "SELECT count(*) AS n FROM history_events WHERE type = 'elementCompleted' AND element_id = 'review' AND actor = 'bob'",
                engine) == 1)
        #expect(
            try await Self.count(
                "SELECT count(*) AS n FROM variables WHERE name = 'approved' AND text_value = 'true'", engine) == 1)
    }

    @Test func sixteenConcurrentCompletionsOfOneTaskHaveExactlyOneWinner() async throws {
        let engine = try await Self.engine()
        _ = try await engine.deploy(name: "d", resources: [.init(name: "a.bpmn", content: Models.approval)])
        let started = try await engine.startInstance(key: "approval")
        let taskID: String = try await engine.pool.withConnection { connection in
            try connection.query("SELECT id::text AS id FROM user_tasks", []).rows[0].decode("id")
        }
        let outcomes = await withTaskGroup(of: String.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    do {
                        _ = try await engine.completeUserTask(
                            taskID, variables: ["by": .integer(worker)], origin: CommandOrigin(actor: "w\(worker)"))
                        return "won"
                    } catch let error as EngineError {
                        if case .notFound = error { return "lost" }
                        return "other: \(error)"
                    } catch {
                        return "other: \(error)"
                    }
                }
            }
            var all: [String] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.filter { $0 == "won" }.count == 1, "\(outcomes)")
        #expect(outcomes.filter { $0 == "lost" }.count == 15, "\(outcomes)")
        #expect(
            try await Self.count(
                "SELECT count(*) AS n FROM history_events WHERE type = 'elementCompleted' AND element_id = 'review'",
                engine) == 1)
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: started.id).isEmpty)
    }

    @Test func messagesCorrelateByBusinessKeyAndStartProcesses() async throws {
        let engine = try await Self.engine()
        _ = try await engine.deploy(name: "m", resources: [.init(name: "m.bpmn", content: Models.messages)])
        let a = try await engine.startInstance(key: "payment", businessKey: "A")
        let b = try await engine.startInstance(key: "payment", businessKey: "B")
        do {
            _ = try await engine.correlateMessage("Paid")
            Issue.record("two instances wait: correlation must ask for more")
        } catch let error as EngineError {
            guard case .correlationFailed = error else { throw error }
        }
        let paid = try await engine.correlateMessage("Paid", businessKey: "B", variables: ["sum": .integer(5)])
        #expect(paid.id == b.id)
        #expect(paid.state == "completed")
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: a.id).isEmpty)
        let started = try await engine.correlateMessage("Order", businessKey: "X")
        #expect(started.definitionKey == "intake")
        #expect(started.businessKey == "X")
        do {
            _ = try await engine.correlateMessage("Nobody")
            Issue.record("a message nobody waits for must fail")
        } catch let error as EngineError {
            guard case .correlationFailed(let message) = error else { throw error }
            #expect(message.contains("no process instance waits for message 'Nobody'"))
        }
    }

    @Test func callActivitiesStartTheChildAndContinueWhenItEnds() async throws {
        let engine = try await Self.engine()
        _ = try await engine.deploy(name: "c", resources: [.init(name: "c.bpmn", content: Models.calls)])
        let parent = try await engine.startInstance(key: "parent", variables: ["amount": .integer(3)])
        let child: (id: String, task: String) = try await engine.pool.withConnection { connection in
            let row = try connection.query(
                """
                SELECT t.id::text AS task, t.process_instance_id::text AS pid FROM user_tasks t
                JOIN process_instances p ON p.id = t.process_instance_id WHERE p.super_instance_id = $1::uuid
                """, [.text(parent.id)]).rows[0]
            return (try row.decode("pid"), try row.decode("task"))
        }
        let done = try await engine.completeUserTask(child.task, variables: ["result": .string("ok")])
        #expect(done.state == "completed")
        #expect(
            try await Self.count(
                "SELECT count(*) AS n FROM process_instances WHERE id = $1::uuid AND state = 'completed'", engine,
                [.text(parent.id)]) == 1)
        #expect(
            try await Self.count(
                "SELECT count(*) AS n FROM variables WHERE process_instance_id = $1::uuid AND name = 'result'", engine,
                [.text(parent.id)]) == 1)
    }

    @Test func suspendedInstancesRefuseCommandsAndCancelWithdrawsEverything() async throws {
        let engine = try await Self.engine()
        _ = try await engine.deploy(name: "d", resources: [.init(name: "a.bpmn", content: Models.approval)])
        let started = try await engine.startInstance(key: "approval")
        try await engine.setSuspended(started.id, true)
        do {
            _ = try await engine.cancelInstance(started.id)
            Issue.record("a suspended instance must refuse commands")
        } catch let error as EngineError {
            guard case .rejected(let message) = error else { throw error }
            #expect(message.contains("suspended"))
        }
        try await engine.setSuspended(started.id, false)
        let cancelled = try await engine.cancelInstance(started.id)
        #expect(cancelled.state == "terminated")
        #expect(try await Self.count("SELECT count(*) AS n FROM user_tasks", engine) == 0)
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: started.id).isEmpty)
    }

    @Test func aRestartedEngineRebuildsDefinitionsFromTheStoredXMLAndSetsVariables() async throws {
        let first = try await Self.engine()
        _ = try await first.deploy(name: "d", resources: [.init(name: "a.bpmn", content: Models.approval)])
        let started = try await first.startInstance(key: "approval")
        // A second engine on the same database has an empty cache: it must compile the stored model.
        let second = Engine(pool: first.pool)
        let updated = try await second.setVariables(started.id, ["note": .string("checked"), "n": .integer(2)])
        #expect(updated.state == "active")
        #expect(
            try await Self.count(
                "SELECT count(*) AS n FROM variables WHERE name = 'note' AND text_value = 'checked'", second) == 1)
        #expect(
            try await Self.count(
                "SELECT count(*) AS n FROM history_events WHERE command = 'setVariables' AND type = 'variableCreated'",
                second) == 2)
        #expect(try await ConsistencyCheck(engine: second).problems(instanceID: started.id).isEmpty)
        do {
            _ = try await second.setVariables("00000000-0000-0000-0000-000000000000", ["x": .null])
            Issue.record("an unknown instance must be reported")
        } catch let error as EngineError {
            guard case .notFound = error else { throw error }
        }
    }
}
