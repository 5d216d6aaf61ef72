import PostgresClient

/// The guards that let a command run on a cached instance without reading it (`InstanceCache`): each locks a row and
/// fails the transaction (SQLSTATE `BT409`, migration 0013) unless the row is still as the engine cached it. The
/// instance row's guard is its own UPDATE (`InstanceWriter.cachedGuards`); the guards here follow it, so that the
/// instance row is locked first, as on the ordinary path.
enum InstanceGuard {
    /// The SQLSTATE of a failed guard (migration 0013).
    static let staleState = "BT409"

    /// The external task still belongs to the instance's element, is locked by `workerID` and is not suspended (what
    /// `ExternalTaskRecord.requireWorker` and `requireActive` check).
    static func externalTask(
        _ taskID: String, instanceID: String, elementInstanceKey: Int, workerID: String
    ) -> PostgresStatement {
        PostgresStatement(
            """
            SELECT baton_require_current(count(*) = 1, 'external task') AS current FROM (
                SELECT 1 FROM external_tasks
                WHERE id = $1::uuid AND process_instance_id = $2::uuid AND element_instance_key = $3
                    AND worker_id = $4 AND NOT suspended FOR UPDATE
            ) AS locked
            """, [.text(taskID), .text(instanceID), .int(elementInstanceKey), .text(workerID)])
    }
}
