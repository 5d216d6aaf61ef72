import Expressions
import PostgresClient

/// A job run by hand failed; its retries were counted down (and at 0 an incident raised) as for any failure.
public struct JobExecutionError: Error, Sendable, CustomStringConvertible {
    /// The job.
    public var jobID: String
    /// What went wrong (Camunda answers 500 with this message).
    public var message: String

    /// What happened, for people.
    public var description: String { message }
}

extension JobExecutor {
    /// Runs one job now, whatever its due date (Camunda's `POST /job/{id}/execute`), on this executor: with its
    /// connector and retry policy. A failure counts down the job's retries as any failure does (an incident at 0)
    /// and is thrown as `JobExecutionError` with its message.
    ///
    /// - Throws: `.notFound` ("Job with id X does not exist"); `.rejected` when the job is suspended or another
    ///   executor holds it right now; `JobExecutionError` when it ran and failed.
    public func executeJob(_ id: String) async throws {
        let now = engine.clock.now()
        let owner = self.owner
        let lock = lockMilliseconds
        guard let uuid = Engine.jobUUID(id) else { throw Engine.jobNotFound(id) }
        let acquired: Job = try await engine.transaction { connection in
            guard
                let row = try connection.query(
                    """
                    SELECT lock_owner, lock_expires_at >= $2::timestamptz AS held, suspended FROM jobs
                    WHERE id = $1::uuid FOR UPDATE
                    """, [.text(uuid), .text(now.iso8601)]
                ).rows.first
            else { throw Engine.jobNotFound(id) }
            if try row.decode("suspended") as Bool {
                throw EngineError.rejected("Job with id \(id) is suspended; activate it first")
            }
            if try row.decode("held", as: Bool?.self) == true,
                let holder = try row.decode("lock_owner", as: String?.self), holder != owner
            {
                throw EngineError.rejected("Job with id \(id) is being executed by '\(holder)'; try again later")
            }
            let locked = try connection.query(
                """
                UPDATE jobs j SET lock_owner = $2, lock_expires_at = $3::timestamptz + $4 * interval '1 millisecond'
                WHERE j.id = $1::uuid RETURNING \(Job.columns("j."))
                """, [.text(uuid), .text(owner), .text(now.iso8601), .int(Int(lock))])
            guard let job = locked.rows.first else { throw Engine.jobNotFound(id) }
            return try Job(row: job)
        }
        switch await perform(acquired) {
        case .done:
            return
        case .skipped:
            throw EngineError.rejected("Job with id \(id) belongs to a suspended process instance; activate it first")
        case .failed(let message), .failedPermanently(let message):
            throw JobExecutionError(jobID: acquired.id, message: message)
        }
    }
}
