import EngineCore
import Expressions
import PostgresClient

extension Engine {
    /// Locks one task for `workerID` for `lockDuration` milliseconds (Camunda's `POST /external-task/{id}/lock`):
    /// refused while another worker holds an unexpired lock; the same worker renews its lock. Suspended tasks are
    /// refused.
    public func lockExternalTask(
        _ id: String, workerID: String, lockDuration: Int64, origin: CommandOrigin = .engine
    ) async throws {
        guard !workerID.isEmpty else { throw EngineError.rejected("workerId is required to lock a task") }
        guard lockDuration > 0 else {
            throw EngineError.rejected("lockDuration must be more than 0 milliseconds, not \(lockDuration)")
        }
        let now = clock.now()
        let topic = try await transaction { connection in
            let task = try ExternalTaskRecord.lock(id, on: connection)
            if let holder = task.workerID, holder != workerID, let expiry = task.lockExpiresAt,
                expiry >= now.epochMilliseconds
            {
                throw EngineError.lockViolation(
                    "External Task \(id) cannot be locked by worker '\(workerID)'. It is locked by worker '\(holder)'.")
            }
            try task.requireActive()
            let until = now.adding(milliseconds: lockDuration)
            try connection.execute(
                "UPDATE external_tasks SET worker_id = $2, lock_expires_at = $3::timestamptz WHERE id = $1::uuid",
                [.text(task.id), .text(workerID), .text(until.iso8601)])
            try task.appendHistory(
                "externalTaskLocked",
                payload: ["workerId": .string(workerID), "lockExpirationTime": .string(until.iso8601)],
                actor: origin.actor, command: "lockExternalTask", now: now, cache: self.instanceCache, on: connection)
            return task.topic
        }
        metrics.increment(EngineMetrics.externalTasksFetched, [("topic", topic)])
    }
}
