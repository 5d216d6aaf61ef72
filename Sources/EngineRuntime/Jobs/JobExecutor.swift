import BPMN
import EngineCore
import Expressions
import Foundation
import PostgresClient
import Synchronization

/// Runs due jobs: timers of instances, timer start events of definitions, and connector calls. Any number of
/// executors (on any number of nodes) can share one database: jobs are acquired in batches with
/// `FOR UPDATE SKIP LOCKED`, a lock owner and an expiry, so a job runs on one executor, and a node that dies leaves
/// its jobs to be acquired again when their locks expire. Jobs of one instance run one after another (its row lock
/// serializes them); different instances run concurrently.
public final class JobExecutor: Sendable {
    /// The engine whose commands the jobs run.
    public let engine: Engine
    /// This executor's lock owner id.
    public let owner: String
    /// The most jobs acquired at once.
    public let batchSize: Int
    /// How long an acquired job stays locked to this executor.
    public let lockMilliseconds: Int64
    /// How failing jobs are retried.
    public let retryPolicy: RetryPolicy
    /// Runs connector calls (nil: connector jobs fail with a clear message until one is configured).
    let connector: (@Sendable (Job) async -> ConnectorResult)?
    private let statistics = Mutex(JobStatistics())

    /// The NOTIFY channel that wakes idle executors when a job is created or made runnable.
    public static let channel = "baton_jobs"

    /// Creates an executor.
    public init(
        engine: Engine, owner: String = "node-" + UUID().uuidString.lowercased().prefix(8), batchSize: Int = 32,
        lockMilliseconds: Int64 = 300_000, retryPolicy: RetryPolicy = .standard,
        connector: (@Sendable (Job) async -> ConnectorResult)? = nil
    ) {
        self.engine = engine
        self.owner = owner
        self.batchSize = batchSize
        self.lockMilliseconds = lockMilliseconds
        self.retryPolicy = retryPolicy
        self.connector = connector
    }

    /// What the executor has done so far: jobs run and failed, and how late timers fired.
    public var stats: JobStatistics { statistics.withLock { $0 } }

    /// One pass: acquires the due jobs (up to the batch size) and runs them; returns how many were acquired.
    @discardableResult
    public func runDueJobs() async throws -> Int {
        let jobs = try await acquire()
        let groups = Dictionary(grouping: jobs) { $0.processInstanceID ?? $0.id }
        await withTaskGroup(of: Void.self) { group in
            for (_, instanceJobs) in groups.sorted(by: { $0.key < $1.key }) {
                group.addTask {
                    for job in instanceJobs.sorted(by: { $0.due < $1.due }) { await self.execute(job) }
                }
            }
        }
        return jobs.count
    }

    /// Runs until the surrounding task is cancelled: a pass whenever jobs may be due, woken early by NOTIFY, at the
    /// latest every `pollInterval`. On cancellation it finishes what it runs and releases the jobs it still holds.
    public func run(pollInterval: Duration = .seconds(1)) async {
        let listener = try? await PostgresListener.connect(configuration: engine.pool.configuration)
        try? await listener?.listen(Self.channel)
        let doorbell = Doorbell()
        // One reader for the whole run: the notification stream must not be awaited by tasks that get cancelled.
        let reader = Task {
            guard let listener else { return }
            for await _ in listener.notifications { doorbell.ring() }
        }
        while !Task.isCancelled {
            let ran = (try? await runDueJobs()) ?? 0
            if ran > 0 { continue }
            await doorbell.wait(upTo: pollInterval)
        }
        reader.cancel()
        try? await releaseLocks()
        await listener?.close()
    }

    /// Releases every job this executor has acquired but not run (graceful shutdown).
    public func releaseLocks() async throws {
        let owner = self.owner
        _ = try await engine.pool.withConnection { connection in
            try connection.execute(
                "UPDATE jobs SET lock_owner = NULL, lock_expires_at = NULL WHERE lock_owner = $1", [.text(owner)])
        }
    }

    private func acquire() async throws -> [Job] {
        let now = engine.clock.now()
        let owner = self.owner
        let batch = batchSize
        let lock = lockMilliseconds
        return try await engine.pool.withTransaction { connection in
            try connection.query(
                """
                WITH due AS (
                    SELECT id FROM jobs
                    WHERE due_at <= $1::timestamptz AND NOT suspended AND retries > 0
                      AND (lock_expires_at IS NULL OR lock_expires_at < $1::timestamptz)
                    ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                UPDATE jobs j SET lock_owner = $3, lock_expires_at = $1::timestamptz + $4 * interval '1 millisecond'
                FROM due WHERE j.id = due.id
                RETURNING \(Job.columns("j."))
                """, [.text(now.iso8601), .int(batch), .text(owner), .int(Int(lock))]
            ).rows.map { try Job(row: $0) }
        }
    }

    private func execute(_ job: Job) async { await perform(job) }

    /// Runs an acquired job and records its outcome (statistics, metrics, retries and incidents).
    @discardableResult
    func perform(_ job: Job) async -> JobOutcome {
        let now = engine.clock.now()
        let outcome: JobOutcome
        do {
            switch job.kind {
            case "timer":
                outcome = try await fireTimer(job, now: now)
            case "timer-start":
                outcome = try await fireStartTimer(job, now: now)
            case "connector":
                outcome = try await callConnector(job)
            case "async":
                outcome = try await continueAsync(job, now: now)
            default:
                outcome = .failed("unknown job kind '\(job.kind)'")
            }
        } catch {
            outcome = .failed("\(error)")
        }
        let metrics = engine.metrics
        switch outcome {
        case .skipped:
            break
        case .done:
            statistics.withLock { $0.record(job: job, firedAt: now) }
            metrics.increment(EngineMetrics.jobsExecuted, [("kind", job.kind)])
            if job.kind == "timer" || job.kind == "timer-start" {
                let lateness = max(0, now.epochMilliseconds - job.due.epochMilliseconds)
                metrics.recordMilliseconds(EngineMetrics.timerLateness, [("kind", job.kind)], lateness)
            }
        case .failed(let message):
            statistics.withLock { $0.failed += 1 }
            metrics.increment(EngineMetrics.jobsFailed, [("kind", job.kind)])
            try? await fail(job, message: message, now: engine.clock.now())
        case .failedPermanently(let message):
            statistics.withLock { $0.failed += 1 }
            metrics.increment(EngineMetrics.jobsFailed, [("kind", job.kind)])
            var last = job
            last.retries = 1  // this failure uses up the tries
            try? await fail(last, message: message, now: engine.clock.now(), permanently: true)
        }
        return outcome
    }

    /// A timer of an instance: the core fires it (which removes the job row, and adds the next one of a cycle).
    private func fireTimer(_ job: Job, now: DateTime) async throws -> JobOutcome {
        guard let instanceID = job.processInstanceID, let key = job.subscriptionKey else {
            return .failed("timer job without an instance or subscription")
        }
        return try await apply(job, .fireTimer(SubscriptionKey(key)), on: instanceID, name: "timer", now: now)
    }

    /// Runs one command on the job's instance, if the job is still this executor's, then removes the job. A command
    /// the core rejects means its element is gone (cancelled or ended meanwhile): nothing to do, not a failure.
    private func apply(
        _ job: Job, _ command: Command, on instanceID: String, name: String, now: DateTime
    ) async throws -> JobOutcome {
        let owner = self.owner
        return try await engine.transaction { connection in
            guard try Self.stillOurs(job, owner: owner, on: connection) else { return .done }
            if try Self.suspendedMeanwhile(job, instanceID: instanceID, on: connection) { return .skipped }
            do {
                _ = try InstanceTransaction(engine: self.engine, connection: connection, origin: .engine, now: now).run(
                    .init(target: .existing(instanceID), command: command, isPrimary: true, name: name))
            } catch EngineError.rejected {
                // gone meanwhile
            }
            try connection.execute("DELETE FROM jobs WHERE id = $1::uuid", [.text(job.id)])
            return .done
        }
    }

    /// A timer start event: starts an instance, then reschedules the job for the next repetition (or removes it).
    private func fireStartTimer(_ job: Job, now: DateTime) async throws -> JobOutcome {
        guard let definitionID = job.definitionID, let elementID = job.elementID else {
            return .failed("timer start job without a definition")
        }
        let owner = self.owner
        return try await engine.transaction { connection in
            guard try Self.stillOurs(job, owner: owner, on: connection) else { return .done }
            let definition = try self.engine.definition(definitionID, on: connection)
            _ = try InstanceTransaction(engine: self.engine, connection: connection, origin: .engine, now: now).run(
                .init(
                    target: .new(definitionID: definitionID, superInstance: nil, startedBy: nil),
                    command: .start(variables: [:], businessKey: nil, startEvent: ElementID(elementID)),
                    isPrimary: true, name: "timerStart"))
            var fired = 0
            if case .map(let payload) = job.payload, case .integer(let count)? = payload["fired"] { fired = count }
            let process = definition.process
            var next: DateTime?
            if let node = process.nodeIndexByID[ElementID(elementID)],
                case .startEvent(.timer(let spec), _) = process[node].behavior, let schedule = spec.schedule
            {
                next = schedule.nextDue(after: max(job.due, now), firedCount: fired + 1)
            }
            if let next {
                try connection.execute(
                    """
                    UPDATE jobs SET due_at = $2::timestamptz, payload = $3::jsonb, lock_owner = NULL,
                        lock_expires_at = NULL
                    WHERE id = $1::uuid
                    """,
                    [.text(job.id), .text(next.iso8601), .text(Value.map(["fired": .integer(fired + 1)]).jsonText)])
            } else {
                try connection.execute("DELETE FROM jobs WHERE id = $1::uuid", [.text(job.id)])
            }
            return .done
        }
    }

    /// An asynchronous continuation (`camunda:asyncBefore`/`asyncAfter`): the core goes on from where it stopped.
    private func continueAsync(_ job: Job, now: DateTime) async throws -> JobOutcome {
        guard let instanceID = job.processInstanceID, let key = job.elementInstanceKey else {
            return .failed("asynchronous continuation without an instance or element")
        }
        return try await apply(
            job, .continueAsync(ElementInstanceKey(key)), on: instanceID, name: "asyncContinuation", now: now)
    }

    /// A connector call: made outside any transaction, then the result is applied in one.
    private func callConnector(_ job: Job) async throws -> JobOutcome {
        guard let connector else {
            return .failed("no connector is configured on this engine node; the HTTP connector runs with `baton serve`")
        }
        guard let instanceID = job.processInstanceID, let key = job.elementInstanceKey else {
            return .failed("connector job without an instance or element")
        }
        let result = await connector(job)
        let command: Command
        switch result {
        case .completed(let response):
            command = .completeConnector(ElementInstanceKey(key), response: response)
        case .bpmnError(let code, let message, let variables):
            command = .throwError(ElementInstanceKey(key), code: code, message: message, variables: variables)
        case .failed(let message):
            return .failed(message)
        case .failedPermanently(let message):
            return .failedPermanently(message)
        }
        return try await apply(job, command, on: instanceID, name: "connector", now: engine.clock.now())
    }

    /// Counts a failure: retried later with backoff, or — out of retries — an incident on the element.
    private func fail(_ job: Job, message: String, now: DateTime, permanently: Bool = false) async throws {
        try await engine.transaction { connection in
            // The element's camunda:failedJobRetryTimeCycle, when the model gives one; else the executor's policy.
            var policy = self.retryPolicy
            if let definitionID = job.definitionID, let elementID = job.elementID,
                let definition = try? self.engine.definition(definitionID, on: connection),
                let node = definition.process.nodeIndexByID[ElementID(elementID)],
                let cycle = definition.process[node].failedJobRetryTimeCycle, let parsed = RetryPolicy(cycle: cycle)
            {
                policy = parsed
            }
            // The first failure counts from the policy's tries; later ones from what is left (or what an operator set).
            let budget = permanently ? 1 : job.hasFailed ? job.retries : policy.tries
            let remaining = budget - 1
            let failures = policy.tries - remaining
            let retryAt = policy.retryAt(after: max(failures, 1), now: now, random: Double.random(in: 0..<1))
            try connection.execute(
                """
                UPDATE jobs SET retries = $2, due_at = $3::timestamptz, exception_message = $4, lock_owner = NULL,
                    lock_expires_at = NULL
                WHERE id = $1::uuid
                """, [.text(job.id), .int(max(remaining, 0)), .text(retryAt.iso8601), .text(message)])
            if let instanceID = job.processInstanceID {
                var payload: [String: Value] = [
                    "jobId": .string(job.id), "kind": .string("\(job.kind)"), "message": .string(message),
                    "retries": .integer(max(remaining, 0)),
                ]
                if remaining > 0 { payload["nextRetry"] = .string(retryAt.iso8601) }
                try OperationalHistory(connection: connection, cache: self.engine.instanceCache).append(
                    instanceID: instanceID, type: "jobFailed", elementID: job.elementID,
                    elementInstanceKey: job.elementInstanceKey, payload: payload, actor: nil, command: "job", now: now)
            }
            guard remaining <= 0, let instanceID = job.processInstanceID, let key = job.elementInstanceKey else {
                return
            }
            // A job run by hand (`executeJob`) after its tries ran out already has its incident.
            let open = try connection.query(
                """
                SELECT 1 AS one FROM incidents
                WHERE process_instance_id = $1::uuid AND element_instance_key = $2 AND type = 'failedJob'
                """, [.text(instanceID), .int(key)])
            guard open.rows.isEmpty else { return }
            try InstanceTransaction(engine: self.engine, connection: connection, origin: .engine, now: now)
                .runFollowUp(
                    .init(
                        target: .existing(instanceID),
                        command: .raiseIncident(
                            ElementInstanceKey(key), kind: .failedJob,
                            message: "the \(job.kind) job failed and has no retries left: \(message)"),
                        isPrimary: false, name: "jobFailed"))
        }
    }

    /// Whether the job's instance was suspended after the job was acquired: the job is then left as it is (the
    /// suspension marked it suspended), only its lock is released.
    private static func suspendedMeanwhile(
        _ job: Job, instanceID: String, on connection: PostgresConnection
    ) throws -> Bool {
        let rows = try connection.query(
            "SELECT suspended FROM process_instances WHERE id = $1::uuid FOR UPDATE", [.text(instanceID)])
        guard let row = rows.rows.first, try row.decode("suspended") as Bool else { return false }
        try connection.execute(
            "UPDATE jobs SET lock_owner = NULL, lock_expires_at = NULL WHERE id = $1::uuid", [.text(job.id)])
        return true
    }

    private static func stillOurs(_ job: Job, owner: String, on connection: PostgresConnection) throws -> Bool {
        try !connection.query(
            "SELECT 1 AS one FROM jobs WHERE id = $1::uuid AND lock_owner = $2 FOR UPDATE", [.text(job.id), .text(owner)]
        ).rows.isEmpty
    }
}

/// The result of a connector call, for the job executor.
public enum ConnectorResult: Sendable {
    /// The call answered: the response variables (`statusCode`, `response`, `headers`, …).
    case completed([String: Value])
    /// The call's answer maps to a BPMN error.
    case bpmnError(code: String, message: String, variables: [String: Value])
    /// The call failed; the job is retried.
    case failed(String)
    /// The call cannot succeed as configured (bad input, missing secret): an incident at once, no retries.
    case failedPermanently(String)
}

/// What a job executor has done.
public struct JobStatistics: Sendable, Hashable {
    /// Jobs run to the end.
    public var completed = 0
    /// Failed tries.
    public var failed = 0
    /// How late timers fired, in milliseconds (the most recent 10,000).
    public var latenessMilliseconds: [Int64] = []

    mutating func record(job: Job, firedAt now: DateTime) {
        completed += 1
        guard job.kind == "timer" || job.kind == "timer-start" else { return }
        latenessMilliseconds.append(max(0, now.epochMilliseconds - job.due.epochMilliseconds))
        if latenessMilliseconds.count > 10_000 { latenessMilliseconds.removeFirst(latenessMilliseconds.count - 10_000) }
    }

    /// A percentile (0…100) of the recorded timer lateness, in milliseconds.
    public func lateness(percentile: Double) -> Int64? {
        guard !latenessMilliseconds.isEmpty else { return nil }
        let sorted = latenessMilliseconds.sorted()
        let index = Int((percentile / 100 * Double(sorted.count - 1)).rounded())
        return sorted[min(max(index, 0), sorted.count - 1)]
    }
}

extension JobExecutor {
    /// An executor whose connector jobs call `connector` (the HTTP connector): completed calls complete the task,
    /// mapped statuses throw BPMN errors, retryable failures are retried with the executor's policy, and permanent
    /// failures (bad input, a missing secret) raise an incident at once.
    public convenience init(
        engine: Engine, owner: String = "node-" + UUID().uuidString.lowercased().prefix(8), batchSize: Int = 32,
        lockMilliseconds: Int64 = 300_000, retryPolicy: RetryPolicy = .standard, httpConnector: HTTPConnector
    ) {
        self.init(
            engine: engine, owner: owner, batchSize: batchSize, lockMilliseconds: lockMilliseconds,
            retryPolicy: retryPolicy
        ) { job in
            var input: [String: Value] = [:]
            if case .map(let payload) = job.payload, case .map(let values)? = payload["input"] { input = values }
            switch await httpConnector.call(jobID: job.id, input: input) {
            case .completed(let response): return .completed(response)
            case .bpmnError(let code, let message, let variables):
                return .bpmnError(code: code, message: message, variables: variables)
            case .retryableFailure(let message): return .failed(message)
            case .permanentFailure(let message): return .failedPermanently(message)
            }
        }
    }
}
