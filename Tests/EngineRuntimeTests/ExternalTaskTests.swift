import EngineCore
import EngineRuntime
import Expressions
import Foundation
import PostgresClient
import Testing

/// The external task service against a real PostgreSQL: fetch-and-lock, the worker's answers, and the operator's
/// changes, with Camunda's semantics.
@Suite struct ExternalTaskTests {
    static func expectError(
        _ body: () async throws -> Void, _ check: (EngineError) -> Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        do {
            try await body()
            Issue.record("expected an error", sourceLocation: sourceLocation)
        } catch let error as EngineError {
            #expect(check(error), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func fetchesByTopicInPriorityOrderUpToMaxTasks() async throws {
        let h = try await ExternalTaskHarness.make()
        for priority in [1, 5, 3] { try await h.start(priority: priority) }
        try await h.start(topic: "other", priority: 10)
        let first = try await h.fetch("w1", max: 2)
        #expect(first.map(\.priority) == [5, 3])
        #expect(first.allSatisfy { $0.topicName == "t" && $0.workerID == "w1" && $0.activityID == "task" })
        #expect(first.allSatisfy { $0.retries == nil && $0.processDefinitionKey == "work" })
        #expect(first.allSatisfy { $0.lockExpirationTime == h.time.clock.now().adding(milliseconds: 10_000) })
        let second = try await h.fetch("w2", max: 5)
        #expect(second.map(\.priority) == [1])
        #expect(try await h.fetch("w3").isEmpty)
        let other = try await h.fetch("w4", topic: "other")
        #expect(other.map(\.priority) == [10])
        #expect(
            try await h.count(
                """
                SELECT count(*) AS n FROM history_events WHERE type = 'externalTaskLocked' AND command = 'fetchAndLock'
                """
            ) == 4)
        #expect(try await h.count("SELECT count(*) AS n FROM external_tasks WHERE worker_id = 'w1'") == 2)
        for task in first + second + other {
            #expect(try await ConsistencyCheck(engine: h.engine).problems(instanceID: task.processInstanceID).isEmpty)
        }
    }

    @Test func withoutPriorityTheOldestComesFirst() async throws {
        let h = try await ExternalTaskHarness.make()
        try await h.start(priority: 1)
        h.time.advance(milliseconds: 10)
        try await h.start(priority: 9)
        #expect(try await h.fetch("w", max: 1, usePriority: false).map(\.priority) == [1])
    }

    @Test func concurrentWorkersNeverGetTheSameTask() async throws {
        let h = try await ExternalTaskHarness.make(clock: false)
        for _ in 0..<50 { try await h.start() }
        let ids = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var mine: [String] = []
                    while true {
                        let batch = try await h.fetch("w\(worker)", max: 3)
                        if batch.isEmpty { return mine }
                        mine += batch.map(\.id)
                    }
                }
            }
            var all: [String] = []
            for try await batch in group { all += batch }
            return all
        }
        #expect(ids.count == 50)
        #expect(Set(ids).count == 50)
        #expect(try await h.count("SELECT count(*) AS n FROM history_events WHERE type = 'externalTaskLocked'") == 50)
    }

    @Test func anExpiredLockMakesTheTaskFetchableAgain() async throws {
        let h = try await ExternalTaskHarness.make()
        try await h.start()
        let first = try await h.fetch("w1", lock: 1_000)
        #expect(first.count == 1)
        h.time.advance(milliseconds: 1_000)
        #expect(try await h.fetch("w2").isEmpty, "a lock is held up to its expiry")
        h.time.advance(milliseconds: 1)
        let again = try await h.fetch("w2")
        #expect(again.map(\.id) == first.map(\.id))
        #expect(again.first?.workerID == "w2")
    }

    @Test func theLockingWorkerCompletesAndTheProcessContinues() async throws {
        let h = try await ExternalTaskHarness.make()
        let instance = try await h.start()
        let task = try #require(try await h.fetch("w1").first)
        h.time.advance(milliseconds: 60_000)  // only the worker id is checked, not the lock's expiry
        let summary = try await h.engine.completeExternalTask(
            task.id, workerID: "w1", variables: ["result": .integer(42)], localVariables: ["scratch": .bool(true)],
            origin: CommandOrigin(actor: "svc"))
        #expect(summary.state == "active")
        #expect(try await h.count("SELECT count(*) AS n FROM external_tasks") == 0)
        #expect(try await h.count("SELECT count(*) AS n FROM user_tasks WHERE element_id = 'after'") == 1)
        #expect(
            try await h.count(
                "SELECT count(*) AS n FROM variables WHERE name = 'result' AND text_value = '42' AND scope_key = 1"
            ) == 1)
        #expect(
            try await h.count(
                """
                SELECT count(*) AS n FROM history_events WHERE type = 'externalTaskCompleted' AND actor = 'svc'
                  AND command = 'completeExternalTask' AND payload->>'workerId' = 'w1'
                """) == 1)
        #expect(
            try await h.count(
                "SELECT count(*) AS n FROM history_events WHERE type = 'elementCompleted' AND element_id = 'task'"
            ) == 1)
        #expect(try await ConsistencyCheck(engine: h.engine).problems(instanceID: instance).isEmpty)
        await Self.expectError({ try await h.engine.completeExternalTask(task.id, workerID: "w1") }) {
            $0.description == "External task with id \(task.id) does not exist"
        }
    }

    @Test func anotherWorkerCannotCompleteFailOrThrow() async throws {
        let h = try await ExternalTaskHarness.make()
        try await h.start()
        let task = try #require(try await h.fetch("w1").first)
        await Self.expectError({ try await h.engine.completeExternalTask(task.id, workerID: "w2") }) {
            guard case .lockViolation(let message) = $0 else { return false }
            return message
                == "External Task \(task.id) cannot be completed by worker 'w2'. It is locked by worker 'w1'."
        }
        await Self.expectError({
            try await h.engine.handleExternalTaskFailure(task.id, workerID: "w2", errorMessage: "x", retries: 1)
        }) { $0.description.hasPrefix("Failure of External Task \(task.id) cannot be reported by worker 'w2'") }
        await Self.expectError({
            try await h.engine.handleExternalTaskBpmnError(task.id, workerID: "w2", errorCode: "E_FAIL")
        }) { $0.description.hasPrefix("Bpmn error of External Task \(task.id) cannot be reported by worker 'w2'") }
        try await h.engine.unlockExternalTask(task.id)
        await Self.expectError({ try await h.engine.completeExternalTask(task.id, workerID: "w1") }) {
            $0.description.hasSuffix("It is locked by worker 'null'.")
        }
        await Self.expectError({ try await h.engine.completeExternalTask("nope", workerID: "w1") }) {
            guard case .notFound(let message) = $0 else { return false }
            return message == "External task with id nope does not exist"
        }
        #expect(try await h.count("SELECT count(*) AS n FROM external_tasks") == 1)
    }

    @Test func aFailureWithRetriesHidesTheTaskUntilTheRetryTimeout() async throws {
        let h = try await ExternalTaskHarness.make()
        let instance = try await h.start()
        let task = try #require(try await h.fetch("w1").first)
        try await h.engine.handleExternalTaskFailure(
            task.id, workerID: "w1", errorMessage: "boom", errorDetails: "stack", retries: 2, retryTimeout: 5_000)
        #expect(try await h.fetch("w1").isEmpty)
        h.time.advance(milliseconds: 5_001)
        let again = try #require(try await h.fetch("w1").first)
        #expect(again.id == task.id)
        #expect(again.retries == 2)
        #expect(again.errorMessage == "boom")
        #expect(again.errorDetails == "stack")
        #expect(try await h.count("SELECT count(*) AS n FROM incidents") == 0)
        #expect(
            try await h.count(
                """
                SELECT count(*) AS n FROM history_events WHERE type = 'externalTaskFailed'
                  AND payload->>'errorMessage' = 'boom' AND payload->>'retries' = '2'
                """) == 1)
        #expect(try await ConsistencyCheck(engine: h.engine).problems(instanceID: instance).isEmpty)
    }

    @Test func noRetriesLeftRaisesAnIncidentThatSetRetriesResolves() async throws {
        let h = try await ExternalTaskHarness.make()
        let instance = try await h.start()
        let task = try #require(try await h.fetch("w1").first)
        try await h.engine.handleExternalTaskFailure(task.id, workerID: "w1", errorMessage: "gave up", retries: 0)
        #expect(
            try await h.count(
                """
                SELECT count(*) AS n FROM incidents WHERE type = 'failedExternalTask' AND message = 'gave up'
                  AND element_id = 'task'
                """) == 1)
        #expect(try await h.count("SELECT count(*) AS n FROM process_instances WHERE has_incident") == 1)
        #expect(try await ConsistencyCheck(engine: h.engine).problems(instanceID: instance).isEmpty)
        h.time.advance(milliseconds: 3_600_000)
        #expect(try await h.fetch("w1").isEmpty, "a task without retries is not fetched")
        try await h.engine.setExternalTaskRetries(task.id, retries: 3)
        #expect(try await h.count("SELECT count(*) AS n FROM incidents") == 0)
        #expect(try await h.count("SELECT count(*) AS n FROM process_instances WHERE has_incident") == 0)
        #expect(try await ConsistencyCheck(engine: h.engine).problems(instanceID: instance).isEmpty)
        let again = try #require(try await h.fetch("w2").first)
        #expect(again.id == task.id)
        #expect(again.retries == 3)
        try await h.engine.completeExternalTask(task.id, workerID: "w2")
        #expect(try await h.count("SELECT count(*) AS n FROM user_tasks WHERE element_id = 'after'") == 1)
    }

    @Test func aBpmnErrorGoesToTheBoundaryEvent() async throws {
        let h = try await ExternalTaskHarness.make()
        let instance = try await h.start()
        let task = try #require(try await h.fetch("w1").first)
        try await h.engine.handleExternalTaskBpmnError(
            task.id, workerID: "w1", errorCode: "E_FAIL", errorMessage: "card declined",
            variables: ["reason": .string("declined")])
        #expect(try await h.count("SELECT count(*) AS n FROM external_tasks") == 0)
        #expect(try await h.count("SELECT count(*) AS n FROM user_tasks WHERE element_id = 'handled'") == 1)
        #expect(try await h.count("SELECT count(*) AS n FROM user_tasks WHERE element_id = 'after'") == 0)
        #expect(try await h.count("SELECT count(*) AS n FROM incidents") == 0)
        #expect(
            try await h.count(
                """
                SELECT count(*) AS n FROM history_events WHERE type = 'externalTaskBpmnError'
                  AND payload->>'errorCode' = 'E_FAIL'
                """
            ) == 1)
        #expect(try await ConsistencyCheck(engine: h.engine).problems(instanceID: instance).isEmpty)
    }

    @Test func extendLockUnlockAndSetPriority() async throws {
        let h = try await ExternalTaskHarness.make()
        try await h.start(priority: 1)
        try await h.start(priority: 2)
        let low = try #require(try await h.fetch("w1", max: 2, lock: 1_000).last)
        #expect(low.priority == 1)
        await Self.expectError({
            try await h.engine.extendExternalTaskLock(low.id, workerID: "w2", newDuration: 5_000)
        }) {
            guard case .lockViolation(let message) = $0 else { return false }
            return message
                == "The lock of the External Task \(low.id) cannot be extended by worker 'w2'. "
                + "It is locked by worker 'w1'."
        }
        h.time.advance(milliseconds: 500)
        try await h.engine.extendExternalTaskLock(low.id, workerID: "w1", newDuration: 5_000)
        h.time.advance(milliseconds: 1_000)
        // The other task's lock expired; the extended one is still held.
        #expect(try await h.fetch("w3", max: 2).map(\.priority) == [2])
        h.time.advance(milliseconds: 10_000)
        await Self.expectError({
            try await h.engine.extendExternalTaskLock(low.id, workerID: "w1", newDuration: 5_000)
        }) {
            $0.description == "Cannot extend a lock that expired"
        }
        try await h.engine.unlockExternalTask(low.id)
        try await h.engine.setExternalTaskPriority(low.id, priority: 7)
        let fetched = try await h.fetch("w4", max: 1)
        #expect(fetched.map(\.id) == [low.id])
        #expect(fetched.first?.priority == 7)
        for type in ["externalTaskLockExtended", "externalTaskUnlocked", "externalTaskPrioritySet"] {
            #expect(try await h.count("SELECT count(*) AS n FROM history_events WHERE type = $1", [.text(type)]) == 1)
        }
        await Self.expectError({ try await h.engine.setExternalTaskRetries(low.id, retries: -1) }) {
            guard case .rejected = $0 else { return false }
            return true
        }
    }

    @Test func variablesAreSelectedByNameAndScope() async throws {
        let h = try await ExternalTaskHarness.make()
        try await h.start(variables: ["a": .string("outer"), "b": .integer(2), "c": .list([.integer(1)])])
        let all = try #require(try await h.fetch("w1", variables: nil).first)
        #expect(all.variables["a"] == .string("inner"), "the task's own scope shadows the process's")
        #expect(all.variables["b"] == .integer(2))
        #expect(all.variables["c"] == .list([.integer(1)]))
        #expect(all.variables["local"] == .string("L"))
        #expect(all.variables["topic"] == .string("t"))
        try await h.engine.unlockExternalTask(all.id)
        let some = try #require(try await h.fetch("w1", variables: ["b", "missing"]).first)
        #expect(some.variables == ["b": .integer(2)])
        try await h.engine.unlockExternalTask(all.id)
        let local = try #require(try await h.fetch("w1", variables: nil, local: true).first)
        #expect(local.variables == ["a": .string("inner"), "local": .string("L")])
        try await h.engine.unlockExternalTask(all.id)
        #expect(try #require(try await h.fetch("w1").first).variables.isEmpty)
    }

    /// A task in a subprocess sees the subprocess's variables, fetched alone or with another task of its instance; a
    /// task beside it sees neither them nor its sibling's own variables. Each topic's lock expiry is stored as the
    /// instant the worker is told.
    @Test func variablesReachATaskThroughItsParentScopesOnly() async throws {
        let h = try await ExternalTaskHarness.make()
        let model = Models.definitions(
            """
            <process id="nested" isExecutable="true">
              <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="fork"/>
              <parallelGateway id="fork"/>
              <sequenceFlow id="f1" sourceRef="fork" targetRef="sub"/>
              <sequenceFlow id="f2" sourceRef="fork" targetRef="beside"/>
              <subProcess id="sub">
                <extensionElements><camunda:inputOutput>
                  <camunda:inputParameter name="shared">from sub</camunda:inputParameter>
                </camunda:inputOutput></extensionElements>
                <startEvent id="subStart"/><sequenceFlow id="s0" sourceRef="subStart" targetRef="inner"/>
                <serviceTask id="inner" camunda:type="external" camunda:topic="nested">
                  <extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="own">inner</camunda:inputParameter>
                  </camunda:inputOutput></extensionElements>
                </serviceTask>
                <sequenceFlow id="s1" sourceRef="inner" targetRef="subEnd"/><endEvent id="subEnd"/>
              </subProcess>
              <serviceTask id="beside" camunda:type="external" camunda:topic="beside">
                <extensionElements><camunda:inputOutput>
                  <camunda:inputParameter name="own">beside</camunda:inputParameter>
                </camunda:inputOutput></extensionElements>
              </serviceTask>
              <sequenceFlow id="f3" sourceRef="sub" targetRef="join"/>
              <sequenceFlow id="f4" sourceRef="beside" targetRef="join"/>
              <parallelGateway id="join"/><sequenceFlow id="f5" sourceRef="join" targetRef="end"/><endEvent id="end"/>
            </process>
            """)
        _ = try await h.engine.deploy(name: "n", resources: [.init(name: "n.bpmn", content: model)])
        _ = try await h.engine.startInstance(key: "nested", variables: ["shared": .string("from process")])
        let fromSub: [String: Value] = ["shared": .string("from sub"), "own": .string("inner")]
        let fromProcess: [String: Value] = ["shared": .string("from process"), "own": .string("beside")]
        typealias Pair = (inner: LockedExternalTask?, beside: LockedExternalTask?)
        func fetch(_ topics: [ExternalTaskTopic]) async throws -> Pair {
            let tasks = try await h.engine.fetchAndLock(workerID: "w1", maxTasks: 10, topics: topics)
            for task in tasks { try await h.engine.unlockExternalTask(task.id) }
            return (tasks.first { $0.activityID == "inner" }, tasks.first { $0.activityID == "beside" })
        }
        // Together, with different lock durations; `beside` asks for its local variables only.
        let tasks = try await h.engine.fetchAndLock(
            workerID: "w1", maxTasks: 10,
            topics: [
                .init(topicName: "nested", lockDuration: 1_000, variables: nil),
                .init(topicName: "beside", lockDuration: 5_000, variables: nil, localVariables: true),
            ])
        let inner = try #require(tasks.first { $0.activityID == "inner" })
        let beside = try #require(tasks.first { $0.activityID == "beside" })
        #expect(inner.variables == fromSub)
        #expect(beside.variables == ["own": .string("beside")])
        let now = h.engine.clock.now().epochMilliseconds
        for (task, duration) in [(inner, Int64(1_000)), (beside, 5_000)] {
            #expect(task.lockExpirationTime.epochMilliseconds == now + duration)
            let stored = try await h.count(
                "SELECT (extract(epoch FROM lock_expires_at) * 1000)::int8 AS n FROM external_tasks "
                    + "WHERE id = $1::uuid", [.text(task.id)])
            #expect(Int64(stored) == now + duration, "the stored expiry of \(task.activityID)")
        }
        for task in tasks { try await h.engine.unlockExternalTask(task.id) }
        // Each alone: the element tree is read for the one task whose parent scope holds a variable.
        let alone = try await fetch([.init(topicName: "nested", lockDuration: 1_000, variables: nil)])
        #expect(alone.inner?.variables == fromSub)
        #expect(alone.beside == nil)
        let besideAlone = try await fetch([.init(topicName: "beside", lockDuration: 1_000, variables: nil)])
        #expect(besideAlone.beside?.variables == fromProcess)
        // Together, both with their parent scopes.
        let both = try await fetch([
            .init(topicName: "nested", lockDuration: 1_000, variables: nil),
            .init(topicName: "beside", lockDuration: 1_000, variables: nil),
        ])
        #expect(both.inner?.variables == fromSub)
        #expect(both.beside?.variables == fromProcess)
    }

    @Test func topicFiltersSelectByBusinessKeyDefinitionAndProcessVariables() async throws {
        let h = try await ExternalTaskHarness.make()
        try await h.start(variables: ["region": .string("north")])
        try await h.start(variables: ["region": .string("south")])
        func fetch(_ topic: ExternalTaskTopic) async throws -> Int {
            try await h.engine.fetchAndLock(workerID: "w", maxTasks: 10, topics: [topic]).count
        }
        #expect(try await fetch(.init(topicName: "t", lockDuration: 1, processDefinitionKeys: ["other"])) == 0)
        #expect(try await fetch(.init(topicName: "t", lockDuration: 1, businessKey: "none")) == 0)
        #expect(
            try await fetch(
                .init(topicName: "t", lockDuration: 1, processVariables: ["region": .string("south")])) == 1)
        h.time.advance(milliseconds: 2)
        #expect(try await fetch(.init(topicName: "t", lockDuration: 1, processDefinitionKeys: ["work"])) == 2)
    }

    @Test func suspendedTasksAreNeitherFetchedNorAnswered() async throws {
        let h = try await ExternalTaskHarness.make()
        let instance = try await h.start()
        let task = try #require(try await h.fetch("w1", lock: 1_000).first)
        try await h.engine.setSuspended(instance, true)
        await Self.expectError({ try await h.engine.completeExternalTask(task.id, workerID: "w1") }) {
            $0.description == "ExternalTask with id '\(task.id)' is suspended."
        }
        h.time.advance(milliseconds: 2_000)
        #expect(try await h.fetch("w2").isEmpty)
        try await h.engine.setSuspended(instance, false)
        #expect(try await h.fetch("w2").map(\.id) == [task.id])
        try await h.engine.handleExternalTaskFailure(task.id, workerID: "w2", errorMessage: nil, retries: 1)
        #expect(try await h.fetch("w3").map(\.id) == [task.id], "retryTimeout 0: fetchable at once")
        await Self.expectError({
            _ = try await h.engine.fetchAndLock(
                workerID: "w", maxTasks: 1, topics: [], asyncResponseTimeout: .milliseconds(1_800_001))
        }) { $0.description.contains("1800000") }
    }

    @Test func longPollingAnswersAsSoonAsATaskIsCreated() async throws {
        let h = try await ExternalTaskHarness.make(clock: false)
        let clock = ContinuousClock()
        let started = clock.now
        let waiting = Task {
            try await h.engine.fetchAndLock(
                workerID: "w", maxTasks: 1, topics: [.init(topicName: "t", lockDuration: 10_000)],
                asyncResponseTimeout: .seconds(10))
        }
        try await Task.sleep(for: .milliseconds(500))
        try await h.start()
        let created = clock.now
        let result = try await waiting.value
        let answered = clock.now
        #expect(result.count == 1)
        // Well before the 10 s deadline: woken by the task, not by the timeout (bounds are loose: the suite runs
        // in parallel on two cores; the benchmark, not this test, measures the latency).
        #expect(answered - created < .seconds(5), "answered \(answered - created) after the task was created")
    }

    @Test func longPollingIsWokenByAnUnlock() async throws {
        let h = try await ExternalTaskHarness.make(clock: false)
        try await h.start()
        let task = try #require(try await h.fetch("w1", lock: 600_000).first)
        let clock = ContinuousClock()
        let waiting = Task {
            try await h.engine.fetchAndLock(
                workerID: "w2", maxTasks: 1, topics: [.init(topicName: "t", lockDuration: 10_000)],
                asyncResponseTimeout: .seconds(10))
        }
        try await Task.sleep(for: .milliseconds(300))
        let unlocked = clock.now
        try await h.engine.unlockExternalTask(task.id)
        let result = try await waiting.value
        #expect(result.map(\.id) == [task.id])
        #expect(clock.now - unlocked < .seconds(5), "woken by the unlock, not by the 10 s deadline")
    }

    @Test func longPollingAnswersEmptyAtTheDeadline() async throws {
        let h = try await ExternalTaskHarness.make(clock: false)
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await h.engine.fetchAndLock(
            workerID: "w", maxTasks: 1, topics: [.init(topicName: "t", lockDuration: 10_000)],
            asyncResponseTimeout: .milliseconds(1_000))
        let elapsed = clock.now - started
        #expect(result.isEmpty)
        #expect(elapsed >= .milliseconds(1_000))
        #expect(elapsed < .milliseconds(4_000), "answered after \(elapsed)")
    }
}
