import PostgresClient

/// The guards that let a command run on a cached instance without reading it (`InstanceCache`): each writes or locks
/// a row and fails the transaction (SQLSTATE `BT409`, migration 0013) unless the row is still as the engine cached
/// it. The instance row's guard is its own UPDATE (`InstanceWriter.cachedGuard`); the task's is its DELETE, sent right
/// after it, so that the instance row is locked first, as on the ordinary path.
enum InstanceGuard {
    /// The SQLSTATE of a failed guard (migration 0013).
    static let staleState = "BT409"

    /// What the cached path expects of the external task it answers: still the instance's task for that element,
    /// locked by the worker, not suspended (what `ExternalTaskRecord.requireWorker` and `requireActive` check).
    struct ExternalTaskCondition {
        var taskID: String
        var instanceID: String
        var elementInstanceKey: Int
        var workerID: String
    }

    /// The statement that deletes the task on `condition` (`deleting`: the step removes it) or locks it, and fails
    /// unless it found it.
    static func externalTask(_ condition: ExternalTaskCondition, deleting: Bool) -> PostgresStatement {
        let match = """
            id = $1::uuid AND process_instance_id = $2::uuid AND element_instance_key = $3 AND worker_id = $4
                AND NOT suspended
            """
        let found = deleting
            ? "DELETE FROM external_tasks WHERE \(match) RETURNING 1"
            : "SELECT 1 FROM external_tasks WHERE \(match) FOR UPDATE"
        let check = "SELECT baton_require_current(count(*) = 1, 'external task') AS current FROM found"
        return PostgresStatement(
            "WITH found AS (\(found))\n\(check)",
            [
                .text(condition.taskID), .text(condition.instanceID), .int(condition.elementInstanceKey),
                .text(condition.workerID),
            ])
    }
}
