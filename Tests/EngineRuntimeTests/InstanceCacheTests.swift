import BatonTestSupport
import EngineCore
@testable import EngineRuntime
import Expressions
import Foundation
import PostgresClient
import Testing

/// Commands on instances the engine wrote last (`InstanceCache`): they skip reading the row, and the guard sends them
/// the ordinary way whenever the row changed behind the engine's back.
@Suite struct InstanceCacheTests {
    /// The history rows of an instance, without what differs between two runs (ids, times, hashes).
    static func history(_ instance: String, _ harness: ExternalTaskHarness) async throws -> [String] {
        try await harness.engine.pool.withConnection { connection in
            try connection.query(
                """
                SELECT concat_ws(' ', sequence, type, element_id, element_instance_key, actor, command,
                    (payload::jsonb - 'externalTaskId' - 'taskId' - 'lockExpirationTime')::text) AS line
                FROM history_events WHERE process_instance_id = $1::uuid ORDER BY sequence
                """, [.text(instance)]
            ).rows.map { try $0.decode("line") }
        }
    }

    /// An instance as stored, and the key of its external task.
    static func load(
        _ instance: String, _ harness: ExternalTaskHarness
    ) async throws -> (StoredInstance, ElementInstanceKey) {
        let stored = try await harness.engine.pool.withConnection { [engine = harness.engine] connection in
            try StoredInstance.load(instance, engine: engine, on: connection)
        }
        return (stored, try #require(stored.state.externalTasks.keys.first))
    }

    /// Stages `instance` as a step's write in a transaction of its own on `cache`, and ends that transaction.
    static func write(
        _ instance: StoredInstance, tasks: [Int: String], to cache: InstanceCache, committed: Bool = true
    ) {
        let connection = ObjectIdentifier(cache)
        let token = cache.begin(on: connection)
        cache.stageWritten(instance, createdExternalTasks: tasks, ended: false, on: connection)
        cache.finish(token, committed: committed, on: connection)
    }

    /// Stages history rows appended to `instance` (a fetch's) in a committed transaction of its own on `cache`.
    static func append(
        to instance: StoredInstance, revision: Int, from: Int, head: String, in cache: InstanceCache
    ) {
        let connection = ObjectIdentifier(cache)
        let token = cache.begin(on: connection)
        cache.stageHistory(instance.storedID, revision: revision, from: from, to: from + 1, head: head, on: connection)
        cache.finish(token, committed: true, on: connection)
    }

    @Test func aWorkerCompletesWithoutReadingTheInstanceAndWritesWhatTheOrdinaryPathWrites() async throws {
        let h = try await ExternalTaskHarness.make()
        let cached = try await h.start()
        let task = try #require(try await h.fetch("w1").first)
        try await h.engine.completeExternalTask(
            task.id, workerID: "w1", variables: ["result": .integer(42)], origin: CommandOrigin(actor: "svc"))
        #expect(h.engine.instanceCache.statistics == .init(hits: 1, stale: 0))

        // The same on an instance the completing engine never saw (a second node): the ordinary path.
        let ordinary = try await h.start()
        let other = Engine(pool: h.engine.pool, clock: h.time.clock)
        let otherTask = try #require(try await h.fetch("w1").first)
        try await other.completeExternalTask(
            otherTask.id, workerID: "w1", variables: ["result": .integer(42)], origin: CommandOrigin(actor: "svc"))
        #expect(other.instanceCache.statistics == .init(hits: 0, stale: 0))

        let cachedHistory = try await Self.history(cached, h)
        #expect(cachedHistory.contains { $0.contains("externalTaskCompleted task") && $0.contains("\"w1\"") })
        let ordinaryHistory = try await Self.history(ordinary, h)
        #expect(cachedHistory == ordinaryHistory)
        #expect(try await ConsistencyCheck(engine: h.engine).problems(instanceID: cached).isEmpty)
        #expect(
            try await h.count(
                "SELECT count(*) AS n FROM variables WHERE process_instance_id = $1::uuid AND name = 'result'",
                [.text(cached)]) == 1)
    }

    @Test func aRowAnotherNodeChangedIsNotTrustedFromTheCache() async throws {
        let h = try await ExternalTaskHarness.make()
        let instance = try await h.start()
        let other = Engine(pool: h.engine.pool, clock: h.time.clock)
        // The other node locks the task (a history row) and sets a variable (a step): both change the row.
        let task = try #require(
            try await other.fetchAndLock(
                workerID: "w1", maxTasks: 1, topics: [.init(topicName: "t", lockDuration: 10_000)]
            ).first)
        _ = try await other.setVariables(instance, ["fromOtherNode": .string("kept")])
        try await h.engine.completeExternalTask(task.id, workerID: "w1")
        #expect(h.engine.instanceCache.statistics == .init(hits: 0, stale: 1))
        // The step ran on the row as stored: the other node's variable survived in the snapshot and the table.
        let snapshot: String = try await h.engine.pool.withConnection { connection in
            try connection.query(
                "SELECT snapshot::text AS s FROM process_instances WHERE id = $1::uuid", [.text(instance)]
            ).rows[0].decode("s")
        }
        #expect(snapshot.contains("fromOtherNode"))
        #expect(try await ConsistencyCheck(engine: h.engine).problems(instanceID: instance).isEmpty)
        // Stale entries are dropped: the next command on the instance reads it.
        #expect(h.engine.instanceCache.externalTask(task.id) == nil)
    }

    @Test func aChangeThatWritesNoHistoryIsCaughtByTheRevision() async throws {
        // At the reduced level a variable change writes no history row: only the revision tells the row changed.
        let h = try await ExternalTaskHarness.make()
        let engine = Engine(pool: h.engine.pool, clock: h.time.clock, historyLevel: .reduced)
        let other = Engine(pool: h.engine.pool, clock: h.time.clock, historyLevel: .reduced)
        let instance = try await engine.startInstance(
            key: "work", variables: ["topic": .string("t"), "prio": .integer(0)]
        ).id
        let task = try #require(
            try await engine.fetchAndLock(
                workerID: "w1", maxTasks: 1, topics: [.init(topicName: "t", lockDuration: 10_000)]
            ).first)
        let sequence = try await h.count(
            "SELECT history_sequence AS n FROM process_instances WHERE id = $1::uuid", [.text(instance)])
        _ = try await other.setVariables(instance, ["fromOtherNode": .string("kept")])
        #expect(
            try await h.count(
                "SELECT history_sequence AS n FROM process_instances WHERE id = $1::uuid", [.text(instance)])
                == sequence)
        try await engine.completeExternalTask(task.id, workerID: "w1")
        #expect(engine.instanceCache.statistics == .init(hits: 0, stale: 1))
        let snapshot: String = try await h.engine.pool.withConnection { connection in
            try connection.query(
                "SELECT snapshot::text AS s FROM process_instances WHERE id = $1::uuid", [.text(instance)]
            ).rows[0].decode("s")
        }
        #expect(snapshot.contains("fromOtherNode"))
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: instance).isEmpty)
    }

    @Test func aWrongWorkerOrASuspendedInstanceGetsTheOrdinaryErrors() async throws {
        let h = try await ExternalTaskHarness.make()
        let instance = try await h.start()
        let task = try #require(try await h.fetch("w1").first)
        await ExternalTaskTests.expectError({ try await h.engine.completeExternalTask(task.id, workerID: "w2") }) {
            $0.description.hasSuffix("cannot be completed by worker 'w2'. It is locked by worker 'w1'.")
        }
        try await h.engine.setSuspended(instance, true)
        await ExternalTaskTests.expectError({ try await h.engine.completeExternalTask(task.id, workerID: "w1") }) {
            $0.description == "ExternalTask with id '\(task.id)' is suspended."
        }
        #expect(h.engine.instanceCache.statistics.hits == 0)
        #expect(try await h.count("SELECT count(*) AS n FROM external_tasks") == 1)
        #expect(
            try await h.count(
                "SELECT count(*) AS n FROM history_events WHERE type = 'externalTaskCompleted'") == 0)
    }

    @Test func onlyCommittedStepsAreCached() async throws {
        let h = try await ExternalTaskHarness.make()
        let instance = try await h.start()
        let cache = InstanceCache()
        let (stored, key) = try await Self.load(instance, h)
        for committed in [false, true] {
            Self.write(stored, tasks: [key.rawValue: "task-\(committed)"], to: cache, committed: committed)
            #expect((cache.externalTask("task-\(committed)") != nil) == committed)
        }
        // Without a transaction staging on the connection, nothing is cached.
        cache.stageWritten(stored, createdExternalTasks: [:], ended: false, on: ObjectIdentifier(h.engine))
        #expect(cache.externalTask("task-true") == nil)
    }

    @Test func theOlderHalfIsDroppedAtCapacity() async throws {
        let h = try await ExternalTaskHarness.make()
        let cache = InstanceCache(capacity: 4)
        var tasks: [String] = []
        for index in 0..<5 {
            let (stored, key) = try await Self.load(try await h.start(), h)
            Self.write(stored, tasks: [key.rawValue: "task-\(index)"], to: cache)
            tasks.append("task-\(index)")
        }
        #expect(tasks.filter { cache.externalTask($0) != nil } == ["task-2", "task-3", "task-4"])
    }

    @Test func operatorsAndWorkersWritingHistoryMakeTheEngineForgetTheInstance() async throws {
        let h = try await ExternalTaskHarness.make()
        try await h.start()
        let task = try #require(try await h.fetch("w1").first)
        // An operational row (hashed by the trigger): the engine no longer knows the chain head.
        try await h.engine.extendExternalTaskLock(task.id, workerID: "w1", newDuration: 5_000)
        #expect(h.engine.instanceCache.externalTask(task.id) == nil)
        try await h.engine.completeExternalTask(task.id, workerID: "w1")
        #expect(h.engine.instanceCache.statistics == .init(hits: 0, stale: 0), "no attempt that was bound to fail")
    }

    @Test func historyAppendedBeforeTheEntryArrivesIsAppliedToIt() async throws {
        let h = try await ExternalTaskHarness.make()
        let instance = try await h.start()
        let (stored, key) = try await Self.load(instance, h)
        let cache = InstanceCache()
        // Published first: there is no entry yet.
        Self.append(to: stored, revision: stored.revision, from: stored.historySequence, head: "feed", in: cache)
        Self.write(stored, tasks: [key.rawValue: "task"], to: cache)
        let hit = try #require(cache.externalTask("task"))
        #expect(hit.instance.historySequence == stored.historySequence + 1)
        #expect(hit.instance.historyHead == "feed")
    }

    @Test func aTaskCreatedOnTheCachedPathIsAnsweredOnItToo() async throws {
        let h = try await ExternalTaskHarness.make()
        _ = try await h.engine.deploy(
            name: "chain",
            resources: [
                .init(
                    name: "chain.bpmn",
                    content: Models.definitions(
                        """
                        <process id="chain" isExecutable="true">
                          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="one"/>
                          <serviceTask id="one" camunda:type="external" camunda:topic="t"/>
                          <sequenceFlow id="f1" sourceRef="one" targetRef="two"/>
                          <serviceTask id="two" camunda:type="external" camunda:topic="t"/>
                          <sequenceFlow id="f2" sourceRef="two" targetRef="end"/><endEvent id="end"/>
                        </process>
                        """))
            ])
        let instance = try await h.engine.startInstance(key: "chain").id
        for step in 1...2 {
            let task = try #require(try await h.fetch("w1").first)
            try await h.engine.completeExternalTask(task.id, workerID: "w1", variables: ["step": .integer(step)])
        }
        #expect(h.engine.instanceCache.statistics == .init(hits: 2, stale: 0))
        #expect(
            try await h.count(
                "SELECT count(*) AS n FROM process_instances WHERE id = $1::uuid AND state = 'completed'",
                [.text(instance)]) == 1)
        #expect(try await ConsistencyCheck(engine: h.engine).problems(instanceID: instance).isEmpty)
    }

    @Test func historyIsAppliedToTheStepItContinuesWhateverOrderTheyArriveIn() async throws {
        let h = try await ExternalTaskHarness.make()
        let instance = try await h.start()
        let (stored, key) = try await Self.load(instance, h)
        let cache = InstanceCache()
        Self.write(stored, tasks: [key.rawValue: "task"], to: cache)
        let next = stored.written(state: stored.state, historySequence: stored.historySequence + 3, historyHead: "h1")
        // A fetch that locked the row after step `next` committed publishes first: it waits for `next`.
        Self.append(to: stored, revision: next.revision, from: next.historySequence, head: "h2", in: cache)
        #expect(cache.externalTask("task") == nil, "the older entry is dropped")
        Self.write(next, tasks: [key.rawValue: "task"], to: cache)
        let hit = try #require(cache.externalTask("task"))
        #expect(hit.instance.revision == next.revision)
        #expect(hit.instance.historySequence == next.historySequence + 1)
        #expect(hit.instance.historyHead == "h2")
        // History older than the entry (a later step already includes it) changes nothing.
        Self.append(to: stored, revision: stored.revision, from: stored.historySequence, head: "old", in: cache)
        #expect(cache.externalTask("task")?.instance.historyHead == "h2")
    }
}
