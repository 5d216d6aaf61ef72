import EngineCore
import Synchronization

/// The instances this engine wrote last, as it wrote them (state, revision, history sequence and chain head), so that
/// a command on one of them can skip reading the row: it sends its writes at once behind a guard statement that
/// checks, row-locked, that the row still has that revision and history sequence (`InstanceGuard`). Anything else
/// (another node, an operator, a rolled-back step) changed one of them or removed the row, the guard fails the
/// transaction and the command runs again the ordinary way. The cache is never the truth, only a guess the
/// database confirms.
///
/// What a transaction would put in the cache is staged until it commits (`begin`, `finish`): an entry from a step
/// that rolled back could otherwise match a row another node later wrote with the same revision.
///
/// External tasks an entry's steps created are indexed by id, for `completeExternalTask`; only instances with open
/// external tasks are kept. At `capacity` entries the older half is dropped. A broken connection clears the cache
/// (after a failover the database may have lost writes the entries describe).
final class InstanceCache: Sendable {
    /// What the cache knows of one instance (kept by its stored id, `StoredInstance.storedID`).
    struct Entry: Sendable {
        var instance: StoredInstance
        /// The external tasks this engine created on the instance: id → element instance key.
        var externalTasks: [String: Int]
        var stamp: Int = 0
    }

    /// An external task's instance, for a command on the task.
    struct ExternalTaskHit {
        var instance: StoredInstance
        var taskID: String
        var key: ElementInstanceKey
    }

    /// Counts for tests and diagnostics.
    struct Statistics: Sendable, Equatable {
        /// Commands that found their instance here.
        var hits = 0
        /// Commands that found their instance here but did not go through (a guard found the row changed, or the
        /// step failed): they ran again the ordinary way.
        var stale = 0
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var tasks: [String: String] = [:]
        var clock = 0
        var nextToken = 0
        var active: [ObjectIdentifier: Int] = [:]
        var pending: [Int: [Staged]] = [:]
        /// History appended to an instance whose entry was not published yet (a worker fetched the task the moment
        /// the creating step committed): applied when the entry arrives, if it is the one they continue.
        var orphans: [String: Orphan] = [:]
    }

    private struct Orphan {
        var revision: Int
        var from: Int
        var to: Int
        var head: String
    }

    private enum Staged {
        case put(Entry)
        case forget(String)
        case advance(id: String, revision: Int, from: Int, to: Int, head: String)
    }

    let capacity: Int
    private let state = Mutex(State())
    // Counted without the lock every worker's transaction takes.
    private let hits = Atomic(0)
    private let stale = Atomic(0)

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    var statistics: Statistics {
        Statistics(hits: hits.load(ordering: .relaxed), stale: stale.load(ordering: .relaxed))
    }

    /// The instance of external task `taskID`, when this engine created the task and the instance is cached.
    func externalTask(_ taskID: String) -> ExternalTaskHit? {
        state.withLock { state in
            guard let instanceID = state.tasks[taskID], let entry = state.entries[instanceID],
                let key = entry.externalTasks[taskID],
                entry.instance.state.externalTasks[ElementInstanceKey(key)] != nil
            else { return nil }
            return ExternalTaskHit(instance: entry.instance, taskID: taskID, key: ElementInstanceKey(key))
        }
    }

    /// Counts a command served from the cache.
    func recordHit() { hits.add(1, ordering: .relaxed) }

    /// Drops an instance whose cached command did not go through (a guard found the row changed).
    func recordStale(_ instanceID: String) {
        stale.add(1, ordering: .relaxed)
        state.withLock { Self.remove(instanceID, from: &$0) }
    }

    /// Drops an instance at once (its history went on without the engine knowing the new head), and again when the
    /// transaction running on `connection` (if any) commits: an entry another transaction publishes meanwhile
    /// would still miss this one's history.
    func forget(_ instanceID: String, on connection: ObjectIdentifier? = nil) {
        state.withLock { current in
            Self.remove(instanceID, from: &current)
            current.orphans[instanceID] = nil
            if let connection, let token = current.active[connection] {
                current.pending[token, default: []].append(.forget(instanceID))
            }
        }
    }

    /// Drops everything (the database may not be the one the entries came from: a failover, a restore).
    func clear() {
        state.withLock { current in
            current.entries = [:]
            current.tasks = [:]
            current.orphans = [:]
            current.pending = [:]  // transactions in flight publish nothing either
        }
    }

    // MARK: Staging until commit

    /// Starts staging what the transaction running on `connection` writes; returns its token for `finish`. The
    /// transaction is the connection's until `finish` (nothing else writes on it between its body and its COMMIT).
    func begin(on connection: ObjectIdentifier) -> Int {
        state.withLock { state in
            state.nextToken += 1
            state.active[connection] = state.nextToken
            return state.nextToken
        }
    }

    /// Publishes (committed) or drops what the transaction `token` on `connection` staged, and stops attributing
    /// writes on `connection` to it (unless another transaction began there since: a failed one finishes after its
    /// connection went back to the pool).
    func finish(_ token: Int, committed: Bool, on connection: ObjectIdentifier) {
        state.withLock { state in
            if state.active[connection] == token { state.active[connection] = nil }
            guard let staged = state.pending.removeValue(forKey: token), committed else { return }
            for change in staged {
                switch change {
                case .put(let entry): Self.put(entry, into: &state, capacity: capacity)
                case .forget(let id):
                    Self.remove(id, from: &state)
                    state.orphans[id] = nil
                case .advance(let id, let revision, let from, let to, let head):
                    if let entry = state.entries[id], entry.instance.revision > revision {
                        continue  // a later step, which locked the row after this fetch, includes its rows
                    }
                    guard var entry = state.entries[id], entry.instance.revision == revision else {
                        // The step this history continues has not published its entry yet: keep it for then.
                        Self.remove(id, from: &state)
                        if state.orphans.count >= capacity { state.orphans = [:] }
                        state.orphans[id] = Orphan(revision: revision, from: from, to: to, head: head)
                        continue
                    }
                    guard entry.instance.historySequence == from else {
                        Self.remove(id, from: &state)
                        continue
                    }
                    entry.instance = entry.instance.withHistory(sequence: to, head: head)
                    state.entries[id] = entry
                }
            }
        }
    }

    /// Stages an instance as a step wrote it: `instance` with its new state, revision, history sequence and head;
    /// `createdExternalTasks` the ids its step gave to new external tasks (element key → id). An ended instance, or
    /// one whose chain head is unknown, is forgotten instead.
    func stageWritten(
        _ instance: StoredInstance, createdExternalTasks: [Int: String], ended: Bool, on connection: ObjectIdentifier
    ) {
        state.withLock { state in
            // Only instances with external tasks: `completeExternalTask` is what the cache serves.
            guard !ended, !instance.state.externalTasks.isEmpty,
                instance.historyHead != nil || instance.historySequence == 0, let token = state.active[connection]
            else {
                Self.remove(instance.storedID, from: &state)
                return
            }
            var tasks: [String: Int] = [:]
            for (id, key) in state.entries[instance.storedID]?.externalTasks ?? [:]
            where instance.state.externalTasks[ElementInstanceKey(key)] != nil {
                tasks[id] = key
            }
            for (key, id) in createdExternalTasks { tasks[id] = key }
            state.pending[token, default: []].append(.put(Entry(instance: instance, externalTasks: tasks)))
        }
    }

    /// Stages history rows appended to an instance outside a step (fetch-and-lock): the entry moves from sequence
    /// `from` to `to` with `head`, if it is still the one with `revision`.
    func stageHistory(
        _ instanceID: String, revision: Int, from: Int, to: Int, head: String, on connection: ObjectIdentifier
    ) {
        state.withLock { state in
            guard let token = state.active[connection] else {
                Self.remove(instanceID, from: &state)
                return
            }
            state.pending[token, default: []].append(
                .advance(id: instanceID, revision: revision, from: from, to: to, head: head))
        }
    }

    private static func put(_ entry: Entry, into state: inout State, capacity: Int) {
        let id = entry.instance.storedID
        if let current = state.entries[id], current.instance.revision > entry.instance.revision {
            return  // a later step's entry was published first
        }
        state.clock += 1
        var entry = entry
        entry.stamp = state.clock
        if let old = state.entries[id] {
            for task in old.externalTasks.keys where entry.externalTasks[task] == nil { state.tasks[task] = nil }
        }
        if let orphan = state.orphans[id], orphan.revision <= entry.instance.revision {
            state.orphans[id] = nil
            if orphan.revision == entry.instance.revision, orphan.from == entry.instance.historySequence {
                entry.instance = entry.instance.withHistory(sequence: orphan.to, head: orphan.head)
            }
        }
        state.entries[id] = entry
        for task in entry.externalTasks.keys { state.tasks[task] = id }
        if state.entries.count > capacity { evictOlderHalf(&state) }
    }

    private static func remove(_ instanceID: String, from state: inout State) {
        guard let entry = state.entries.removeValue(forKey: instanceID) else { return }
        for id in entry.externalTasks.keys { state.tasks[id] = nil }
    }

    private static func evictOlderHalf(_ state: inout State) {
        let stamps = state.entries.values.map(\.stamp).sorted()
        let cut = stamps[stamps.count / 2]
        for (id, entry) in state.entries where entry.stamp < cut { remove(id, from: &state) }
    }
}
