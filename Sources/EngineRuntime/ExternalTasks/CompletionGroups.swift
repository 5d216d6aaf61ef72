import PostgresClient
import Synchronization

/// Group commit for cached external-task completions (`Engine.completeCachedExternalTask`): completions that
/// arrive while another one is still on its way to its connection join its transaction, so that several workers'
/// completions share one `BEGIN … COMMIT`, one WAL flush and one hand-off to the connection's thread.
///
/// Nothing waits for a group to fill: a completion that finds no open group opens one and goes to the pool at once;
/// the group takes members until its connection's thread has run the step of everyone who joined (whoever joins while
/// those steps run is taken too). On an idle machine the thread starts at once and every group has one member; the
/// busier the machine, the longer the way and the larger the groups. The number of transactions in flight is
/// never capped.
///
/// A group that does not commit changed nothing, and no caller sees another's failure: when one member's guard failed
/// (its instance changed behind the engine's back: the guard's error names it) or its step was refused, that member
/// runs again alone (`Outcome.alone`) and the others are submitted again (`Outcome.again`); any other failure sends
/// every member to run alone. A lost connection is the exception (the COMMIT may have gone through): every member
/// whose step was handed to the connection gets the error, as a single completion does, and the others run alone;
/// when the pool gives no connection at all, everyone gets that error. A group of one reports its own error as
/// `Engine.transaction` does. A group locks its instances in the order of their ids (a late member must sort after
/// those already run), and one instance joins a group at most once (its second completion opens or joins another).
final class CompletionGroups: Sendable {
    /// What became of a member's completion.
    enum Outcome: Sendable {
        /// The group committed; the member's summary.
        case committed(InstanceSummary)
        /// The group did not commit (nothing was applied): run the completion again alone.
        case alone
        /// The group did not commit because of another member (nothing was applied): submit the completion again.
        case again
    }

    /// A member's step: runs on the group's connection inside its transaction.
    typealias Body = @Sendable (PostgresConnection) throws -> InstanceSummary

    private final class Group: Sendable {
        struct Member {
            var instanceID: String
            var body: Body
            /// Nil for the leader, who runs the group and needs no wake-up.
            var continuation: CheckedContinuation<Outcome?, any Error>?
        }

        struct Members {
            var list: [Member]
            /// No one joins any more.
            var closed = false
            /// How many have been handed to the connection's thread (their steps may have been sent).
            var taken = 0
            /// The largest instance id handed over: a later member must sort after it (one lock order).
            var highestTaken: String?
        }

        let members: Mutex<Members>
        /// The index of the member whose step threw, if one did.
        let thrower = Atomic(-1)

        init(_ leader: Member) {
            members = Mutex(Members(list: [leader]))
        }
    }

    /// At most this many completions share a transaction.
    let maximumMembers: Int
    /// The group taking members, if any.
    private let open = Mutex<Group?>(nil)
    private let groupsCommitted = Atomic(0)
    private let membersCommitted = Atomic(0)
    private let running = Atomic(0)

    /// Where the committed groups are counted (`EngineMetrics.completionGroups`, `.completionsGrouped`).
    let metrics: EngineMetrics

    init(metrics: EngineMetrics, maximumMembers: Int = 16) {
        self.maximumMembers = maximumMembers
        self.metrics = metrics
    }

    /// Groups committed and the completions in them.
    var statistics: ExternalTaskCompletionGroups {
        ExternalTaskCompletionGroups(
            transactions: groupsCommitted.load(ordering: .relaxed),
            completions: membersCommitted.load(ordering: .relaxed))
    }

    /// Completions inside `run` now (for tests).
    var inFlight: Int { running.load(ordering: .relaxed) }

    /// Members of the open group (for tests: they wait until everyone has joined).
    var openMembers: Int {
        open.withLock { $0 }.map { group in group.members.withLock { $0.closed ? 0 : $0.list.count } } ?? 0
    }

    /// Runs `body` (the completion of an external task on instance `instanceID`) in a group's transaction.
    /// - Parameter transaction: Runs one attempt of a transaction (`Engine.countingCommitted`).
    /// - Throws: A connection failure of the group's transaction (`EngineError.storage`); for a group of one, its
    ///   error (what `Engine.transaction` would report), unless running again can help (then `.alone`).
    func run(
        instanceID: String, _ body: @escaping Body,
        transaction: @Sendable (@Sendable @escaping (PostgresConnection) throws -> [Int: InstanceSummary])
            async throws -> [Int: InstanceSummary]
    ) async throws -> Outcome {
        running.add(1, ordering: .relaxed)
        defer { running.subtract(1, ordering: .relaxed) }
        let leader = Group.Member(instanceID: instanceID, body: body, continuation: nil)
        // Join the open group, or open one (in the same breath, so that two arrivals do not both open one).
        let (group, opened) = open.withLock { current -> (Group, Bool) in
            if let current { return (current, false) }
            let group = Group(leader)
            current = group
            return (group, true)
        }
        if opened { return try await lead(group, transaction: transaction) }
        let joined: Outcome? = try await withCheckedThrowingContinuation { continuation in
            let member = Group.Member(instanceID: instanceID, body: body, continuation: continuation)
            if !join(group, member) { continuation.resume(returning: nil) }
        }
        if let joined { return joined }
        // It would not take this one (closed, full, or holding its instance): lead a new one instead.
        let own = Group(leader)
        open.withLock { $0 = own }
        return try await lead(own, transaction: transaction)
    }

    /// Adds `member` unless the group is closed, full, or already holds its instance, or unless its instance sorts
    /// before one whose step already ran (the group locks its instances in the order of their ids).
    private func join(_ group: Group, _ member: Group.Member) -> Bool {
        group.members.withLock { members in
            guard !members.closed, members.list.count < maximumMembers,
                !members.list.contains(where: { $0.instanceID == member.instanceID }),
                members.highestTaken.map({ member.instanceID > $0 }) ?? true
            else { return false }
            members.list.append(member)
            return true
        }
    }

    /// Members not run yet; closes the group when there are none (no later arrival can join it then).
    private func take(_ group: Group, after count: Int) -> [(index: Int, member: Group.Member)] {
        let taken = group.members.withLock { members -> [(index: Int, member: Group.Member)] in
            let new = Array(members.list.enumerated().dropFirst(count)).map { (index: $0.offset, member: $0.element) }
            if new.isEmpty { members.closed = true }
            members.taken = members.list.count
            // Members join a group that has run steps only above the highest instance taken (`join`).
            if let highest = new.map(\.member.instanceID).max() { members.highestTaken = highest }
            return new
        }
        if taken.isEmpty { open.withLock { if $0 === group { $0 = nil } } }
        return taken
    }

    private func lead(
        _ group: Group,
        transaction: @Sendable (@Sendable @escaping (PostgresConnection) throws -> [Int: InstanceSummary])
            async throws -> [Int: InstanceSummary]
    ) async throws -> Outcome {
        let summaries: [Int: InstanceSummary]
        do {
            summaries = try await transaction { connection in
                var results: [Int: InstanceSummary] = [:]
                // Everyone who joined before the connection's thread got here, in the order of their instances;
                // then whoever joined while those steps ran (their instances sort after those: `join`).
                var count = 0
                while true {
                    let batch = self.take(group, after: count)
                    if batch.isEmpty { return results }
                    count += batch.count
                    for (index, member) in batch.sorted(by: { $0.member.instanceID < $1.member.instanceID }) {
                        do {
                            results[index] = try member.body(connection)
                        } catch {
                            group.thrower.store(index, ordering: .relaxed)
                            throw error
                        }
                    }
                }
            }
        } catch {
            let (members, taken) = closeAndList(group)
            let failure = error as? PostgresError
            if let failure, failure.kind == .pool, taken == 0 {
                // No connection for anybody (the pool's wait timed out, or it is shut down): waiting again alone
                // would only wait as long again.
                return try settle(members) { _ in .failure(EngineError.storage(failure)) }
            }
            if let failure, failure.kind == .connection, taken > 0 {
                // The COMMIT may have gone through: those whose steps were sent cannot run again safely; the others
                // were never sent.
                return try settle(members) { $0 < taken ? .failure(EngineError.storage(failure)) : .success(.alone) }
            }
            if members.count == 1, failure?.isRetryable != true {
                // Alone anyway: the error is the completion's own (as `Engine.transaction` reports it).
                throw failure.map(EngineError.storage) ?? error
            }
            // Nothing was applied. When the failure is one member's own (its guard found its instance changed, or
            // its step was refused), that member runs alone and the others go again; else everyone runs alone.
            let culprit = Self.culprit(of: error, members, thrower: group.thrower.load(ordering: .relaxed))
            return try settle(members) { .success(culprit == nil || culprit == $0 ? .alone : .again) }
        }
        let (members, _) = closeAndList(group)
        groupsCommitted.add(1, ordering: .relaxed)
        membersCommitted.add(members.count, ordering: .relaxed)
        metrics.increment(EngineMetrics.completionGroups)
        metrics.increment(EngineMetrics.completionsGrouped, by: members.count)
        return try settle(members) { .success(summaries[$0].map(Outcome.committed) ?? .alone) }
    }

    /// Wakes every member with its result (by index) and returns the leader's (the member without a continuation).
    private func settle(
        _ members: [Group.Member], _ result: (Int) -> Result<Outcome, any Error>
    ) throws -> Outcome {
        var own: Result<Outcome, any Error> = .success(.alone)
        for (index, member) in members.enumerated() {
            if let continuation = member.continuation {
                continuation.resume(with: result(index).map(Optional.some))
            } else {
                own = result(index)
            }
        }
        return try own.get()
    }

    /// The member whose own failure failed the group: the one a failed guard names (`InstanceGuard.check`), else the
    /// one whose step the engine refused; nil when the error is nobody's in particular.
    private static func culprit(of error: any Error, _ members: [Group.Member], thrower: Int) -> Int? {
        if let failure = error as? PostgresError {
            guard failure.sqlState == InstanceGuard.staleState else { return nil }
            return members.firstIndex { failure.message.contains($0.instanceID) }
        }
        return thrower >= 0 && thrower < members.count ? thrower : nil
    }

    /// Closes the group (if the transaction failed before it could) and returns its members and how many of them
    /// were handed to the connection's thread.
    private func closeAndList(_ group: Group) -> (members: [Group.Member], taken: Int) {
        let result = group.members.withLock { members in
            members.closed = true
            return (members.list, members.taken)
        }
        open.withLock { if $0 === group { $0 = nil } }
        return result
    }
}

/// The group commit of cached external-task completions (`Engine.externalTaskCompletionGroups`): the transactions it
/// committed (groups of one included) and the completions in them. Completions that ran alone after a group failed,
/// and those on the ordinary path, are not counted.
public struct ExternalTaskCompletionGroups: Sendable, Equatable {
    /// Group transactions committed.
    public var transactions: Int
    /// Completions committed in them.
    public var completions: Int
}
