import EngineCore
import Expressions
import PostgresClient

extension Engine {
    /// Fetches and locks up to `maxTasks` available external tasks of the given topics for `workerID`, in one
    /// transaction: available means not suspended, retries null or more than 0, unlocked or its lock expired, and
    /// the topic's filters match; higher priorities first when `usePriority`, then the oldest. Tasks that other
    /// workers are locking at the same moment are skipped, so concurrent workers never get the same task.
    ///
    /// With `asyncResponseTimeout` and nothing available, waits until a task can be locked (woken by
    /// `NOTIFY baton_external_task` and by polling) and answers `[]` at the deadline. `sorting` orders the
    /// candidates after the priority (the default, and the last tie-breaker, is the oldest first).
    public func fetchAndLock(
        workerID: String, maxTasks: Int, topics: [ExternalTaskTopic], usePriority: Bool = true,
        sorting: [ExternalTaskFetchSorting] = [], asyncResponseTimeout: Duration? = nil, origin: CommandOrigin = .engine
    ) async throws -> [LockedExternalTask] {
        try ExternalTaskFetch.validate(
            workerID: workerID, maxTasks: maxTasks, topics: topics, asyncResponseTimeout: asyncResponseTimeout)
        let fetch = ExternalTaskFetch(
            workerID: workerID, maxTasks: maxTasks, topics: topics, usePriority: usePriority, sorting: sorting)
        let first = try await lockAvailable(fetch, origin: origin)
        guard first.isEmpty, let timeout = asyncResponseTimeout, timeout > .zero, maxTasks > 0, !topics.isEmpty else {
            return first
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        let wakeups = ExternalTaskWakeups.shared
        let configuration = pool.configuration
        await wakeups.acquire(configuration)
        do {
            var generation = await wakeups.generation(configuration)
            var lastQuery = clock.now
            while true {
                // Wait for a wake-up, the next poll, or the deadline, in short slices.
                while clock.now < deadline {
                    let slice = min(.milliseconds(20), deadline - clock.now)
                    try await Task.sleep(for: slice)
                    let current = await wakeups.generation(configuration)
                    if current != generation {
                        generation = current
                        break
                    }
                    if clock.now - lastQuery >= ExternalTaskWakeups.pollInterval { break }
                }
                guard clock.now < deadline else { break }
                lastQuery = clock.now
                let locked = try await lockAvailable(fetch, origin: origin)
                if !locked.isEmpty {
                    await wakeups.release(configuration)
                    return locked
                }
            }
        } catch {
            await wakeups.release(configuration)
            throw error
        }
        await wakeups.release(configuration)
        return []
    }

    /// One attempt: selects, locks and records what is available now.
    private func lockAvailable(_ fetch: ExternalTaskFetch, origin: CommandOrigin) async throws -> [LockedExternalTask] {
        guard fetch.maxTasks > 0, !fetch.topics.isEmpty else { return [] }
        let now = clock.now()
        let locked = try await transaction { connection in
            try fetch.run(now: now, actor: origin.actor, cache: self.instanceCache, on: connection)
        }
        for (topic, tasks) in Dictionary(grouping: locked, by: \.topicName) {
            metrics.increment(EngineMetrics.externalTasksFetched, [("topic", topic)], by: tasks.count)
        }
        return locked
    }
}
