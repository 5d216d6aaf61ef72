import EngineCore
import PostgresClient

extension ConsistencyCheck {
    /// Disagreements between the open user tasks of the snapshot and their rows: people, delegation, priority,
    /// dates, name and description, and the candidates.
    static func userTaskProblems(
        _ state: InstanceState, instanceID: String, on connection: PostgresConnection
    ) throws -> [String] {
        var problems: [String] = []
        let rows = try connection.query(
            """
            SELECT t.element_instance_key AS k, t.name, t.description, t.assignee, t.owner, t.delegation_state,
                t.priority, (extract(epoch FROM t.due_at) * 1000)::int8 AS due_ms,
                (extract(epoch FROM t.follow_up_at) * 1000)::int8 AS follow_up_ms,
                coalesce((SELECT string_agg(c.kind || ':' || c.identity, chr(31) ORDER BY c.kind, c.identity)
                          FROM task_candidates c WHERE c.task_id = t.id), '') AS candidates
            FROM user_tasks t WHERE t.process_instance_id = $1::uuid
            """, [.text(instanceID)])
        for row in rows.rows {
            let key = ElementInstanceKey(try row.decode("k") as Int)
            guard let details = state.userTasks[key] else { continue }
            let candidates =
                (details.candidateGroups.map { "group:" + $0 } + details.candidateUsers.map { "user:" + $0 })
                .sorted()
            let stored: [String?] = [
                try row.decode("assignee", as: String?.self), try row.decode("owner", as: String?.self),
                try row.decode("delegation_state", as: String?.self), String(try row.decode("priority") as Int),
                try row.decode("due_ms", as: Int64?.self).map { String($0) },
                try row.decode("follow_up_ms", as: Int64?.self).map { String($0) },
                try row.decode("description", as: String?.self),
            ]
            let expected: [String?] = [
                details.assignee, details.owner, details.delegationState?.rawValue, String(details.priority),
                details.dueDate.map { String($0.epochMilliseconds) },
                details.followUpDate.map { String($0.epochMilliseconds) }, details.description,
            ]
            if stored != expected {
                problems.append("user task \(key): the row holds \(stored), the snapshot says \(expected)")
            }
            let storedCandidates = (try row.decode("candidates") as String).split(separator: "\u{1F}").map(String.init)
            if storedCandidates.sorted() != candidates {
                problems.append(
                    "user task \(key) candidates: the table holds \(storedCandidates), the snapshot says \(candidates)")
            }
        }
        return problems
    }
}
