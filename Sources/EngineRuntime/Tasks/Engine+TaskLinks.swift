import EngineCore
import Expressions
import Foundation
import PostgresClient

extension Engine {
    /// The task's identity links: its assignee and owner, then candidate users and groups (Camunda's order).
    public func taskIdentityLinks(_ taskID: String) async throws -> [TaskIdentityLink] {
        try await pool.withConnection { connection in
            let task = try TaskRecord.load(taskID, on: connection)
            var links: [TaskIdentityLink] = []
            if let assignee = task.assignee { links.append(.init(userID: assignee, groupID: nil, type: .assignee)) }
            if let owner = task.owner { links.append(.init(userID: owner, groupID: nil, type: .owner)) }
            let rows = try connection.query(
                "SELECT kind, identity FROM task_candidates WHERE task_id = $1::uuid ORDER BY kind DESC, identity",
                [.text(task.id)])
            for row in rows.rows {
                let identity: String = try row.decode("identity")
                let isUser = try row.decode("kind") as String == "user"
                links.append(
                    .init(userID: isUser ? identity : nil, groupID: isUser ? nil : identity, type: .candidate))
            }
            return links
        }
    }

    /// Adds an identity link: a candidate user or group, or (type assignee/owner, users only) sets the assignee or
    /// owner. Exactly one of `userID` and `groupID` must be given.
    public func addTaskIdentityLink(
        _ taskID: String, userID: String?, groupID: String?, type: String, origin: CommandOrigin = .engine
    ) async throws {
        try await changeTask(
            taskID, try Self.linkChange(userID: userID, groupID: groupID, type: type, add: true),
            origin: origin)
    }

    /// Deletes an identity link: a candidate user or group, or the assignee/owner (which is then removed).
    public func deleteTaskIdentityLink(
        _ taskID: String, userID: String?, groupID: String?, type: String, origin: CommandOrigin = .engine
    ) async throws {
        try await changeTask(
            taskID, try Self.linkChange(userID: userID, groupID: groupID, type: type, add: false),
            origin: origin)
    }

    static func linkChange(userID: String?, groupID: String?, type: String, add: Bool) throws -> UserTaskChange {
        switch (userID, groupID) {
        case (nil, nil):
            throw TaskError.invalidArgument("Identity link requires a userId or a groupId, but neither was given")
        case (.some, .some):
            throw TaskError.invalidArgument("Identity link cannot have both a userId and a groupId")
        default:
            break
        }
        guard let linkType = TaskIdentityLink.LinkType(rawValue: type) else {
            throw TaskError.invalidArgument(
                "Unsupported identity link type '\(type)'; Baton knows assignee, owner and candidate")
        }
        switch (linkType, userID, groupID) {
        case (.candidate, let user?, _):
            return add ? .addCandidateUser(user) : .removeCandidateUser(user)
        case (.candidate, _, let group?):
            return add ? .addCandidateGroup(group) : .removeCandidateGroup(group)
        case (.assignee, let user?, _):
            return .setAssignee(add ? user : nil)
        case (.owner, let user?, _):
            return .setOwner(add ? user : nil)
        default:
            throw TaskError.invalidArgument("An identity link of type '\(type)' needs a userId, not a groupId")
        }
    }

    /// Adds a comment to a task by the caller (`origin.actor`), recorded in the instance's history too.
    public func addTaskComment(
        _ taskID: String, message: String, origin: CommandOrigin = .engine
    ) async throws -> TaskComment {
        let now = clock.now()
        return try await transaction { connection in
            let (instanceID, key) = try Self.taskLocation(taskID, on: connection)
            let rows = try connection.query(
                """
                UPDATE process_instances SET history_sequence = history_sequence + 1
                WHERE id = $1::uuid RETURNING history_sequence
                """, [.text(instanceID)])
            guard let row = rows.rows.first else { throw TaskError.notFound(taskID: taskID) }
            // Its history went on: the cached chain head is old.
            self.instanceCache.forget(instanceID.lowercased(), on: ObjectIdentifier(connection))
            let comment = TaskComment(
                id: RandomID.uuid(), userID: origin.actor, taskID: taskID.lowercased(),
                processInstanceID: instanceID, message: message, time: now)
            try connection.execute(
                """
                INSERT INTO task_comments (id, task_id, process_instance_id, user_id, message, created_at)
                VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6::timestamptz)
                """,
                [
                    .text(comment.id), .text(comment.taskID), .text(instanceID), SQLText.optional(origin.actor),
                    .text(message), .text(now.iso8601),
                ])
            let payload = Value.map([
                "taskId": .string(comment.taskID), "commentId": .string(comment.id),
                "message": .string(message),
            ])
            try connection.execute(
                """
                INSERT INTO history_events (process_instance_id, sequence, occurred_at, type, element_instance_key,
                    payload, actor, command)
                VALUES ($1::uuid, $2, $3::timestamptz, 'taskCommentAdded', $4, $5::json, $6, 'task.comment')
                """,
                [
                    .text(instanceID), .int(try row.decode("history_sequence")), .text(now.iso8601), .int(key.rawValue),
                    .text(payload.jsonText), SQLText.optional(origin.actor),
                ])
            return comment
        }
    }

    /// The comments of a task, oldest first. They outlive the task, so a completed task's comments are still
    /// listed (an id that never had a task lists nothing).
    public func taskComments(_ taskID: String) async throws -> [TaskComment] {
        guard let uuid = TaskRecord.canonicalID(taskID) else { throw TaskError.notFound(taskID: taskID) }
        return try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT id::text AS id, user_id, task_id::text AS task_id, process_instance_id::text AS pid, message,
                    (extract(epoch FROM created_at) * 1000)::int8 AS ms
                FROM task_comments WHERE task_id = $1::uuid ORDER BY created_at, id
                """, [.text(uuid)]
            ).rows.map { row in
                TaskComment(
                    id: try row.decode("id"), userID: try row.decode("user_id", as: String?.self),
                    taskID: try row.decode("task_id"), processInstanceID: try row.decode("pid", as: String?.self),
                    message: try row.decode("message"),
                    time: DateTime(epochMilliseconds: try row.decode("ms"), offsetSeconds: 0))
            }
        }
    }

    /// One comment of a task; `TaskError.commentNotFound` when the task has no such comment.
    public func taskComment(_ taskID: String, commentID: String) async throws -> TaskComment {
        guard let comment = try await taskComments(taskID).first(where: { $0.id == commentID.lowercased() }) else {
            throw TaskError.commentNotFound(taskID: taskID, commentID: commentID)
        }
        return comment
    }
}
