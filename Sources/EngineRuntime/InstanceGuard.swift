import PostgresClient

/// The guards that let a command run on a cached instance without reading it (`InstanceCache`): each writes or locks
/// a row and fails the transaction (SQLSTATE `BT409`, migration 0013) unless the row is still as the engine cached
/// it. The instance row's guard is its own UPDATE (`InstanceWriter.cachedGuard`); the task's is its DELETE, sent right
/// after it, so that the instance row is locked first, as on the ordinary path.
enum InstanceGuard {
    /// The SQLSTATE of a failed guard (migration 0013).
    static let staleState = "BT409"

    /// The SELECT that ends a guard: true when the CTE `cte` returned exactly one row, else the error `BT409` naming
    /// `what` and the instance (the statement's parameter `$instance`: a group of completions tells by it whose guard
    /// failed, `CompletionGroups`). The PL/pgSQL function is called only when the row is missing (CASE evaluates its
    /// branches lazily), so a guard that holds costs no function call.
    static func check(_ what: String, instance: Int, in cte: String) -> String {
        "SELECT CASE WHEN count(*) = 1 THEN true "
            + "ELSE baton_require_current(false, '\(what) of process instance ' || $\(instance)) END AS current "
            + "FROM \(cte)"
    }

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
        return PostgresStatement(
            "WITH found AS (\(found))\n\(check("external task", instance: 2, in: "found"))",
            [
                .text(condition.taskID), .text(condition.instanceID), .int(condition.elementInstanceKey),
                .text(condition.workerID),
            ])
    }
}
