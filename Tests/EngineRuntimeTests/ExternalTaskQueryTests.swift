import BatonTestSupport
import EngineRuntime
import Expressions
import PostgresClient
import Testing

/// Fetch-and-lock sorting, the single-task lock, and the external task queries of the REST layer, against a real
/// PostgreSQL with a hand-moved clock.
@Suite struct ExternalTaskQueryTests {
    @Test func sortingByCreateTimeAppliesAfterThePriority() async throws {
        let harness = try await ExternalTaskHarness.make()
        let old = try await harness.start(priority: 0)
        harness.time.advance(milliseconds: 1_000)
        let new = try await harness.start(priority: 0)
        harness.time.advance(milliseconds: 1_000)
        let urgent = try await harness.start(priority: 5)
        let topics = [ExternalTaskTopic(topicName: "t", lockDuration: 1_000, variables: [])]
        let newestFirst = try await harness.engine.fetchAndLock(
            workerID: "w", maxTasks: 3, topics: topics, usePriority: true,
            sorting: [.init(sortBy: .createTime, ascending: false)])
        #expect(newestFirst.map(\.processInstanceID) == [urgent, new, old])
        harness.time.advance(milliseconds: 2_000)  // the locks expire
        let withoutPriority = try await harness.engine.fetchAndLock(
            workerID: "w", maxTasks: 3, topics: topics, usePriority: false,
            sorting: [.init(sortBy: .createTime, ascending: false)])
        #expect(withoutPriority.map(\.processInstanceID) == [urgent, new, old])
        harness.time.advance(milliseconds: 2_000)
        let oldestFirst = try await harness.engine.fetchAndLock(
            workerID: "w", maxTasks: 3, topics: topics, usePriority: false,
            sorting: [.init(sortBy: .createTime, ascending: true)])
        #expect(oldestFirst.map(\.processInstanceID) == [old, new, urgent])
        let parse = ExternalTaskFetchSorting.parse
        #expect(try parse("createTime", "desc").get() == .init(sortBy: .createTime, ascending: false))
        #expect(throws: EngineError.self) { try parse("priority", "asc").get() }
        #expect(throws: EngineError.self) { try parse("createTime", nil).get() }
    }

    @Test func aSingleTaskLockIsRefusedWhileAnotherWorkerHoldsIt() async throws {
        let harness = try await ExternalTaskHarness.make()
        try await harness.start()
        let task = try #require(try await harness.engine.externalTasks(ExternalTaskQuery()).first)
        try await harness.engine.lockExternalTask(task.id, workerID: "a", lockDuration: 5_000)
        var info = try await harness.engine.externalTask(task.id)
        #expect(info.workerID == "a")
        #expect(info.lockExpirationTime?.epochMilliseconds == 1_767_225_605_000)
        // Another worker: refused while the lock lasts, nothing changes.
        await #expect {
            try await harness.engine.lockExternalTask(task.id, workerID: "b", lockDuration: 5_000)
        } throws: { error in
            guard case EngineError.lockViolation(let message) = error else { return false }
            return message == "External Task \(task.id) cannot be locked by worker 'b'. It is locked by worker 'a'."
        }
        // The holder renews; a locked task is not fetchable.
        try await harness.engine.lockExternalTask(task.id, workerID: "a", lockDuration: 8_000)
        info = try await harness.engine.externalTask(task.id)
        #expect(info.lockExpirationTime?.epochMilliseconds == 1_767_225_608_000)
        #expect(try await harness.fetch("c").isEmpty)
        // Expired: another worker takes it, and completes it.
        harness.time.advance(milliseconds: 8_001)
        try await harness.engine.lockExternalTask(task.id, workerID: "b", lockDuration: 1_000)
        info = try await harness.engine.externalTask(task.id)
        #expect(info.workerID == "b")
        try await harness.engine.completeExternalTask(task.id, workerID: "b")
        #expect(
            try await harness.count(
                """
                SELECT count(*) AS n FROM history_events
                WHERE type = 'externalTaskLocked' AND command = 'lockExternalTask'
                """) == 3)
        await #expect(throws: EngineError.self) {
            try await harness.engine.lockExternalTask(task.id, workerID: "b", lockDuration: 1_000)
        }
    }

    @Test func aSingleTaskLockValidatesItsInput() async throws {
        let harness = try await ExternalTaskHarness.make()
        try await harness.start()
        let task = try #require(try await harness.engine.externalTasks(ExternalTaskQuery()).first)
        for (worker, duration) in [("", Int64(1_000)), ("w", 0), ("w", -5)] {
            await #expect(throws: EngineError.self) {
                try await harness.engine.lockExternalTask(task.id, workerID: worker, lockDuration: duration)
            }
        }
        await #expect {
            try await harness.engine.lockExternalTask("nope", workerID: "w", lockDuration: 1_000)
        } throws: { error in
            guard case EngineError.notFound(let message) = error else { return false }
            return message == "External task with id nope does not exist"
        }
        #expect(try await harness.engine.externalTask(task.id).workerID == nil)
    }

    @Test func theQueryFiltersSortsPagesAndCounts() async throws {
        let harness = try await ExternalTaskHarness.make()
        let engine = harness.engine
        let mailA = try await harness.start(topic: "mail", priority: 1)
        harness.time.advance(milliseconds: 10)
        let mailB = try await harness.start(topic: "mail", priority: 3)
        harness.time.advance(milliseconds: 10)
        let sms = try await harness.start(topic: "sms", priority: 2)
        // mailB locked by w1; sms failed with no retries left; mailA untouched.
        let locked = try await harness.fetch("w1", max: 1, topic: "mail")
        #expect(locked.map(\.processInstanceID) == [mailB])
        let smsTask = try #require(try await harness.fetch("w2", topic: "sms").first)
        try await engine.handleExternalTaskFailure(
            smsTask.id, workerID: "w2", errorMessage: "down", errorDetails: "stack trace", retries: 0)

        func ids(_ configure: (inout ExternalTaskQuery) -> Void) async throws -> [String] {
            var query = ExternalTaskQuery()
            configure(&query)
            let found = try await engine.externalTasks(query)
            #expect(try await engine.countExternalTasks(query) == found.count)
            return found.map(\.processInstanceID)
        }
        let byPriority = [QuerySorting(ExternalTaskQuery.SortKey.taskPriority, ascending: false)]
        #expect(try await ids { $0.sorting = byPriority } == [mailB, sms, mailA])
        #expect(try await ids { $0.topicName = "mail"; $0.sorting = byPriority } == [mailB, mailA])
        #expect(try await ids { $0.workerID = "w1" } == [mailB])
        #expect(try await ids { $0.locked = true } == [mailB])
        #expect(Set(try await ids { $0.notLocked = true }) == [mailA, sms])
        #expect(try await ids { $0.noRetriesLeft = true } == [sms])
        #expect(Set(try await ids { $0.withRetriesLeft = true }) == [mailA, mailB])
        #expect(try await ids { $0.processInstanceID = mailA.uppercased() } == [mailA])
        #expect(try await ids { $0.externalTaskID = smsTask.id } == [sms])
        #expect(try await ids { $0.externalTaskIDs = [smsTask.id, "not-a-uuid"] } == [sms])
        #expect(try await ids { $0.activityID = "task"; $0.processDefinitionKey = "work" }.count == 3)
        #expect(try await ids { $0.activityIDs = ["other"] }.isEmpty)
        #expect(try await ids { $0.processDefinitionKey = "other" }.isEmpty)
        #expect(Set(try await ids { $0.priorityAtLeast = 2 }) == [mailB, sms])
        #expect(Set(try await ids { $0.priorityAtMost = 2 }) == [mailA, sms])
        let lockEnd = DateTime(epochMilliseconds: 1_767_225_600_020 + 10_000, offsetSeconds: 0)
        #expect(try await ids { $0.lockExpirationAfter = lockEnd.adding(milliseconds: -1) } == [mailB])
        #expect(try await ids { $0.lockExpirationBefore = lockEnd }.isEmpty)
        try await engine.setSuspended(mailA, true)
        #expect(try await ids { $0.suspended = true } == [mailA])
        #expect(Set(try await ids { $0.active = true }) == [mailB, sms])
        let page = try await engine.externalTasks(
            { var query = ExternalTaskQuery(); query.sorting = byPriority; return query }(),
            page: QueryPage(firstResult: 1, maxResults: 1))
        #expect(page.map(\.processInstanceID) == [sms])
        await #expect(throws: EngineError.self) {
            try await engine.externalTasks(ExternalTaskQuery(), page: QueryPage(firstResult: -1))
        }

        let info = try await engine.externalTask(smsTask.id)
        #expect(info.topicName == "sms")
        #expect(info.retries == 0)
        #expect(info.errorMessage == "down")
        #expect(info.priority == 2)
        #expect(info.activityID == "task")
        #expect(info.processDefinitionKey == "work")
        #expect(info.suspended == false)
        let suspended = try await engine.externalTasks(ExternalTaskQuery()).filter(\.suspended)
        #expect(suspended.map(\.processInstanceID) == [mailA])
        #expect(try await engine.externalTaskErrorDetails(smsTask.id) == "stack trace")
        #expect(try await engine.externalTaskErrorDetails(locked[0].id) == nil)
        await #expect(throws: EngineError.self) {
            try await engine.externalTask("0b0e6d50-0000-0000-0000-000000000000")
        }
        await #expect(throws: EngineError.self) { try await engine.externalTaskErrorDetails("x") }

        #expect(try await engine.externalTaskTopicNames() == ["mail", "sms"])
        #expect(try await engine.externalTaskTopicNames(withLockedTasks: true) == ["mail"])
        #expect(try await engine.externalTaskTopicNames(withRetriesLeft: true) == ["mail"])
        #expect(try await engine.externalTaskTopicNames(withUnlockedTasks: true) == ["mail", "sms"])
    }
}
