import BatonTestSupport
import Dispatch
@testable import EngineRuntime
import Expressions
import Foundation
import PostgresClient
import Synchronization
import Testing

/// Group commit of cached external-task completions (`CompletionGroups`): completions that arrive while another is
/// on its way to a connection share its transaction; a group that fails on one member's guard sends that member
/// back alone and the others again.
///
/// Each test lends the pool's one connection to a holder first, so that the first completion's group waits for it
/// and the others arrive while it is open, then lets the connection go.
@Suite struct CompletionGroupTests {
    /// Holds a one-connection pool's connection until `release`.
    final class ConnectionHolder: Sendable {
        private final class Flag: Sendable {
            let value = Atomic(false)
        }

        private let gate = DispatchSemaphore(value: 0)
        private let task: Task<Void, any Error>

        init(_ pool: PostgresPool) async throws {
            let gate = self.gate
            let holding = Flag()
            task = Task {
                try await pool.withConnection { _ in
                    holding.value.store(true, ordering: .relaxed)
                    gate.wait()
                }
            }
            try await CompletionGroupTests.until { holding.value.load(ordering: .relaxed) }
        }

        func release() async throws {
            gate.signal()
            try await task.value
        }
    }

    /// Waits (up to 10 s) until `condition` holds.
    static func until(_ condition: () -> Bool) async throws {
        for _ in 0..<1_000 where !condition() { try await Task.sleep(nanoseconds: 10_000_000) }
        #expect(condition())
    }

    /// Completes `tasks` concurrently (one after the other has joined the open group, or opened its own: `joining`
    /// false), while the pool's one connection is held; returns once all are done.
    static func completeTogether(
        _ tasks: [LockedExternalTask], _ h: ExternalTaskHarness, joining: Bool = true
    ) async throws {
        let holder = try await ConnectionHolder(h.engine.pool)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, task) in tasks.enumerated() {
                group.addTask {
                    _ = try await h.engine.completeExternalTask(
                        task.id, workerID: "w1", variables: ["n": .integer(index)])
                }
                // The first one opens the group; the others find it open and join it.
                let groups = h.engine.completionGroups
                try await until { groups.inFlight == index + 1 && (!joining || groups.openMembers == index + 1) }
            }
            try await holder.release()
            try await group.waitForAll()
        }
    }

    /// `count` instances waiting at their external task, and the tasks, locked by `w1`.
    static func startAndFetch(
        _ count: Int, _ h: ExternalTaskHarness
    ) async throws -> (instances: [String], tasks: [LockedExternalTask]) {
        var instances: [String] = []
        for _ in 0..<count { instances.append(try await h.start()) }
        let tasks = try await h.fetch("w1")
        #expect(tasks.count == count)
        return (instances, tasks)
    }

    /// Where each instance's token is, and whether its history chain and projections are consistent.
    static func expectMovedOn(_ instances: [String], _ h: ExternalTaskHarness) async throws {
        for instance in instances {
            #expect(
                try await h.count(
                    """
                    SELECT count(*) AS n FROM element_instances
                    WHERE process_instance_id = $1::uuid AND element_id = 'after'
                    """, [.text(instance)]) == 1)
            #expect(
                try await h.count(
                    "SELECT count(*) AS n FROM external_tasks WHERE process_instance_id = $1::uuid", [.text(instance)])
                    == 0)
            #expect(try await ConsistencyCheck(engine: h.engine).problems(instanceID: instance).isEmpty)
        }
    }

    @Test func completionsArrivingTogetherShareOneTransactionAndWriteWhatEachWritesAlone() async throws {
        let h = try await ExternalTaskHarness.make(connections: 1)
        let (instances, tasks) = try await Self.startAndFetch(6, h)
        try await Self.completeTogether(tasks, h)
        #expect(h.engine.externalTaskCompletionGroups == .init(transactions: 1, completions: 6))
        #expect(h.engine.instanceCache.statistics == .init(hits: 6, stale: 0))
        try await Self.expectMovedOn(instances, h)
        // Each member's variable went to its own instance.
        for (index, task) in tasks.enumerated() {
            #expect(
                try await h.count(
                    """
                    SELECT (value::text)::int AS n FROM variables
                    WHERE process_instance_id = $1::uuid AND name = 'n'
                    """, [.text(task.processInstanceID)]) == index)
        }
        // The history of a grouped completion is the history of one that ran alone.
        let alone = try await h.start()
        let task = try #require(try await h.fetch("w1").first)
        try await h.engine.completeExternalTask(task.id, workerID: "w1", variables: ["n": .integer(0)])
        #expect(h.engine.externalTaskCompletionGroups == .init(transactions: 2, completions: 7))
        let grouped = try #require(tasks.first?.processInstanceID)
        #expect(try await InstanceCacheTests.history(grouped, h) == InstanceCacheTests.history(alone, h))
    }

    @Test func aMemberWhoseRowChangedSendsTheGroupBackAloneAndEveryoneCompletes() async throws {
        let h = try await ExternalTaskHarness.make(connections: 1)
        let (instances, tasks) = try await Self.startAndFetch(4, h)
        // Another node changes the third instance: its cached completion's guard fails the group's transaction.
        let other = Engine(pool: h.engine.pool, clock: h.time.clock)
        _ = try await other.setVariables(tasks[2].processInstanceID, ["fromOtherNode": .string("kept")])
        try await Self.completeTogether(tasks, h)
        // Nothing of the first group was committed: the changed instance's completion ran alone, the ordinary way
        // after its guard failed again; the three others went again (in one to three groups) from the cache.
        let groups = h.engine.externalTaskCompletionGroups
        #expect(groups.completions == 3 && (1...3).contains(groups.transactions))
        #expect(h.engine.instanceCache.statistics == .init(hits: 3, stale: 1))
        try await Self.expectMovedOn(instances, h)
        #expect(
            try await h.count(
                "SELECT count(*) AS n FROM variables WHERE process_instance_id = $1::uuid AND name = 'fromOtherNode'",
                [.text(tasks[2].processInstanceID)]) == 1)
        // Every completion is in history once.
        #expect(try await h.count("SELECT count(*) AS n FROM history_events WHERE type = 'externalTaskCompleted'") == 4)
    }

    @Test func aWrongWorkerGetsItsErrorAndTheOthersOfItsGroupComplete() async throws {
        let h = try await ExternalTaskHarness.make(connections: 1)
        let (_, tasks) = try await Self.startAndFetch(3, h)
        let holder = try await ConnectionHolder(h.engine.pool)
        let errors = try await withThrowingTaskGroup(of: String?.self) { group in
            for (index, task) in tasks.enumerated() {
                group.addTask {
                    do {
                        // The second task is not this worker's: its guard fails the group's transaction.
                        _ = try await h.engine.completeExternalTask(task.id, workerID: index == 1 ? "w2" : "w1")
                        return nil
                    } catch let error as EngineError {
                        return "\(index): \(error)"
                    }
                }
                let groups = h.engine.completionGroups
                try await Self.until { groups.inFlight == index + 1 && groups.openMembers == index + 1 }
            }
            try await holder.release()
            var errors: [String] = []
            for try await error in group { if let error { errors.append(error) } }
            return errors
        }
        // The wrong worker got the ordinary path's error; the other two completed, from the cache.
        #expect(errors.count == 1 && errors.first?.hasPrefix("1: ") == true)
        #expect(errors.first?.contains("w1") == true, "the error names the worker holding the lock: \(errors)")
        #expect(h.engine.externalTaskCompletionGroups.completions == 2)
        #expect(h.engine.instanceCache.statistics == .init(hits: 2, stale: 1))
        try await Self.expectMovedOn([tasks[0].processInstanceID, tasks[2].processInstanceID], h)
        #expect(
            try await h.count(
                "SELECT count(*) AS n FROM external_tasks WHERE id = $1::uuid AND worker_id = 'w1'",
                [.text(tasks[1].id)]) == 1)
    }

    @Test func twoTasksOfOneInstanceNeverShareAGroup() async throws {
        let h = try await ExternalTaskHarness.make(connections: 1)
        _ = try await h.engine.deploy(
            name: "both",
            resources: [
                .init(
                    name: "both.bpmn",
                    content: Models.definitions(
                        """
                        <process id="both" isExecutable="true">
                          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="split"/>
                          <parallelGateway id="split"/>
                          <sequenceFlow id="f1" sourceRef="split" targetRef="one"/>
                          <sequenceFlow id="f2" sourceRef="split" targetRef="two"/>
                          <serviceTask id="one" camunda:type="external" camunda:topic="t"/>
                          <serviceTask id="two" camunda:type="external" camunda:topic="t"/>
                          <sequenceFlow id="f3" sourceRef="one" targetRef="join"/>
                          <sequenceFlow id="f4" sourceRef="two" targetRef="join"/>
                          <parallelGateway id="join"/><sequenceFlow id="f5" sourceRef="join" targetRef="end"/>
                          <endEvent id="end"/>
                        </process>
                        """))
            ])
        let instance = try await h.engine.startInstance(key: "both").id
        let tasks = try await h.fetch("w1")
        #expect(tasks.count == 2)
        try await Self.completeTogether(tasks, h, joining: false)
        // The second could not join the first's group: it led its own, which ran after the first committed and so
        // found the instance changed (its guard), and completed the ordinary way.
        #expect(h.engine.externalTaskCompletionGroups == .init(transactions: 1, completions: 1))
        #expect(h.engine.instanceCache.statistics == .init(hits: 1, stale: 1))
        #expect(
            try await h.count(
                "SELECT count(*) AS n FROM process_instances WHERE id = $1::uuid AND state = 'completed'",
                [.text(instance)]) == 1)
        #expect(try await ConsistencyCheck(engine: h.engine).problems(instanceID: instance).isEmpty)
    }
}
