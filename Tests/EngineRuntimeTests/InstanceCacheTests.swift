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
        for committed in [false, true] {
            let connection = ObjectIdentifier(h.engine)
            let token = cache.begin(on: connection)
            let stored = try await h.engine.pool.withConnection { [engine = h.engine] connection in
                try StoredInstance.load(instance, engine: engine, on: connection)
            }
            let key = try #require(stored.state.externalTasks.keys.first)
            cache.stageWritten(
                stored, createdExternalTasks: [key.rawValue: "task-\(committed)"], ended: false, on: connection)
            cache.endBody(on: connection)
            cache.finish(token, committed: committed)
            #expect((cache.externalTask("task-\(committed)") != nil) == committed)
        }
        // Without a transaction staging on the connection, nothing is cached.
        let stored = try await h.engine.pool.withConnection { [engine = h.engine] connection in
            try StoredInstance.load(instance, engine: engine, on: connection)
        }
        cache.stageWritten(stored, createdExternalTasks: [:], ended: false, on: ObjectIdentifier(cache))
        #expect(cache.externalTask("task-true") == nil)
    }

    @Test func theOlderHalfIsDroppedAtCapacity() async throws {
        let h = try await ExternalTaskHarness.make()
        let cache = InstanceCache(capacity: 4)
        var tasks: [String] = []
        for index in 0..<5 {
            let instance = try await h.start()
            let stored = try await h.engine.pool.withConnection { [engine = h.engine] connection in
                try StoredInstance.load(instance, engine: engine, on: connection)
            }
            let key = try #require(stored.state.externalTasks.keys.first)
            let connection = ObjectIdentifier(h.engine)
            let token = cache.begin(on: connection)
            cache.stageWritten(
                stored, createdExternalTasks: [key.rawValue: "task-\(index)"], ended: false, on: connection)
            cache.endBody(on: connection)
            cache.finish(token, committed: true)
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
        let stored = try await h.engine.pool.withConnection { [engine = h.engine] connection in
            try StoredInstance.load(instance, engine: engine, on: connection)
        }
        let key = try #require(stored.state.externalTasks.keys.first)
        let cache = InstanceCache()
        let fetcher = ObjectIdentifier(cache)
        let fetch = cache.begin(on: fetcher)
        cache.stageHistory(
            stored.storedID, revision: stored.revision, from: stored.historySequence,
            to: stored.historySequence + 1, head: "feed", on: fetcher)
        cache.endBody(on: fetcher)
        cache.finish(fetch, committed: true)  // published first: no entry yet
        let writer = ObjectIdentifier(h.engine)
        let step = cache.begin(on: writer)
        cache.stageWritten(stored, createdExternalTasks: [key.rawValue: "task"], ended: false, on: writer)
        cache.endBody(on: writer)
        cache.finish(step, committed: true)
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
        let stored = try await h.engine.pool.withConnection { [engine = h.engine] connection in
            try StoredInstance.load(instance, engine: engine, on: connection)
        }
        let key = try #require(stored.state.externalTasks.keys.first)
        let cache = InstanceCache()
        let connection = ObjectIdentifier(cache)
        func publish(_ instance: StoredInstance) {
            let token = cache.begin(on: connection)
            cache.stageWritten(instance, createdExternalTasks: [key.rawValue: "task"], ended: false, on: connection)
            cache.endBody(on: connection)
            cache.finish(token, committed: true)
        }
        func advance(revision: Int, from: Int, head: String) {
            let token = cache.begin(on: connection)
            cache.stageHistory(
                stored.storedID, revision: revision, from: from, to: from + 1, head: head, on: connection)
            cache.endBody(on: connection)
            cache.finish(token, committed: true)
        }
        publish(stored)
        let next = stored.written(state: stored.state, historySequence: stored.historySequence + 3, historyHead: "h1")
        // A fetch that locked the row after step `next` committed publishes first: it waits for `next`.
        advance(revision: next.revision, from: next.historySequence, head: "h2")
        #expect(cache.externalTask("task") == nil, "the older entry is dropped")
        publish(next)
        let hit = try #require(cache.externalTask("task"))
        #expect(hit.instance.revision == next.revision)
        #expect(hit.instance.historySequence == next.historySequence + 1)
        #expect(hit.instance.historyHead == "h2")
        // History older than the entry (a later step already includes it) changes nothing.
        advance(revision: stored.revision, from: stored.historySequence, head: "old")
        #expect(cache.externalTask("task")?.instance.historyHead == "h2")
    }
}
