import EngineCore
import PostgresClient

extension InstanceWriter {
    /// Projects changes of open user tasks (task list operations): the task's row, stamped with `last_updated`, and
    /// its candidates as the difference between the old and the new lists.
    func writeChangedUserTasks(_ old: InstanceState, _ new: InstanceState) throws {
        for key in new.userTasks.keys.sorted() {
            guard let before = old.userTasks[key], let after = new.userTasks[key], before != after else { continue }
            try batch.add(
                """
                UPDATE user_tasks SET name = $3, description = $4, assignee = $5, owner = $6, delegation_state = $7,
                    priority = $8, due_at = $9::timestamptz, follow_up_at = $10::timestamptz,
                    last_updated = $11::timestamptz
                WHERE process_instance_id = $1::uuid AND element_instance_key = $2
                """,
                [
                    .text(instanceID), .int(key.rawValue), SQLText.optional(after.name),
                    SQLText.optional(after.description), SQLText.optional(after.assignee),
                    SQLText.optional(after.owner), SQLText.optional(after.delegationState?.rawValue),
                    .int(after.priority), SQLText.time(after.dueDate), SQLText.time(after.followUpDate),
                    .text(now.iso8601),
                ])
            let removed =
                Set(before.candidateUsers).subtracting(after.candidateUsers).sorted().map { ("user", $0) }
                + Set(before.candidateGroups).subtracting(after.candidateGroups).sorted().map { ("group", $0) }
            let added =
                Set(after.candidateUsers).subtracting(before.candidateUsers).sorted().map { ("user", $0) }
                + Set(after.candidateGroups).subtracting(before.candidateGroups).sorted().map { ("group", $0) }
            if !removed.isEmpty {
                try batch.add(
                    """
                    DELETE FROM task_candidates c USING user_tasks t, unnest($3::text[], $4::text[]) AS r(k, i)
                    WHERE t.process_instance_id = $1::uuid AND t.element_instance_key = $2 AND c.task_id = t.id
                      AND c.kind = r.k AND c.identity = r.i
                    """,
                    [.text(instanceID), .int(key.rawValue), .textArray(removed.map(\.0)), .textArray(removed.map(\.1))])
            }
            if !added.isEmpty {
                try batch.add(
                    """
                    INSERT INTO task_candidates (task_id, process_instance_id, kind, identity)
                    SELECT t.id, t.process_instance_id, r.k, r.i
                    FROM user_tasks t, unnest($3::text[], $4::text[]) AS r(k, i)
                    WHERE t.process_instance_id = $1::uuid AND t.element_instance_key = $2 ON CONFLICT DO NOTHING
                    """,
                    [.text(instanceID), .int(key.rawValue), .textArray(added.map(\.0)), .textArray(added.map(\.1))])
            }
        }
    }
}
