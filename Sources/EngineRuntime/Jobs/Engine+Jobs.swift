import EngineCore
import Expressions
import PostgresClient

extension Engine {
    /// Sets a job's retries (and makes it due now when they are positive); a `failedJob` incident on its element is
    /// resolved, so the job runs again — Camunda's "set retries" on a failed job.
    public func setJobRetries(_ jobID: String, retries: Int, origin: CommandOrigin = .engine) async throws {
        let now = clock.now()
        try await transaction { connection in
            let rows = try connection.query(
                """
                WITH old AS (SELECT id, retries FROM jobs WHERE id = $1::uuid FOR UPDATE)
                UPDATE jobs j SET retries = $2, due_at = CASE WHEN $2 > 0 THEN $3::timestamptz ELSE j.due_at END,
                    lock_owner = NULL, lock_expires_at = NULL
                FROM old WHERE j.id = old.id
                RETURNING j.process_instance_id::text AS pid, j.element_instance_key, j.element_id,
                    old.retries AS previous
                """, [.text(jobID), .int(retries), .text(now.iso8601)])
            guard let row = rows.rows.first else { throw EngineError.notFound("job '\(jobID)' does not exist") }
            if let instanceID = try row.decode("pid", as: String?.self) {
                try OperationalHistory(connection: connection, cache: self.instanceCache).append(
                    instanceID: instanceID, type: "jobRetriesSet", elementID: try row.decode("element_id"),
                    elementInstanceKey: try row.decode("element_instance_key"),
                    payload: [
                        "jobId": .string(jobID), "retries": .integer(retries),
                        "previousRetries": try row.decode("previous", as: Int?.self).map(Value.integer) ?? .null,
                    ],
                    actor: origin.actor, command: "setJobRetries", now: now)
            }
            guard retries > 0, let instanceID = try row.decode("pid", as: String?.self),
                let key = try row.decode("element_instance_key", as: Int?.self)
            else { return }
            let incidents = try connection.query(
                """
                SELECT incident_key FROM incidents
                WHERE process_instance_id = $1::uuid AND element_instance_key = $2 AND type = 'failedJob'
                ORDER BY incident_key
                """, [.text(instanceID), .int(key)])
            for incident in incidents.rows {
                try InstanceTransaction(engine: self, connection: connection, origin: origin, now: now).runFollowUp(
                    .init(
                        target: .existing(instanceID),
                        command: .resolveIncident(IncidentKey(try incident.decode("incident_key") as Int)),
                        isPrimary: false, name: "setJobRetries"))
            }
            try connection.execute("SELECT pg_notify($1, '')", [.text(JobExecutor.channel)])
        }
    }
}
