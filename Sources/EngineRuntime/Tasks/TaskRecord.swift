import EngineCore
import Expressions
import PostgresClient

/// An open user task as the task list shows it (Camunda's `TaskDto`, without the case and tenant fields).
public struct TaskRecord: Sendable, Hashable {
    /// The task id (a UUID).
    public var id: String
    /// The name (the element's name unless changed).
    public var name: String?
    /// The description.
    public var description: String?
    /// The assignee.
    public var assignee: String?
    /// The owner.
    public var owner: String?
    /// `PENDING`, `RESOLVED` or nil.
    public var delegationState: DelegationState?
    /// When the task was created.
    public var created: DateTime
    /// When the task's fields last changed (nil until the first change).
    public var lastUpdated: DateTime?
    /// The due date.
    public var due: DateTime?
    /// The follow-up date.
    public var followUp: DateTime?
    /// The priority.
    public var priority: Int
    /// The process instance id; also the task's `executionId` (Baton has no separate executions).
    public var processInstanceID: String
    /// The process definition id.
    public var processDefinitionID: String
    /// The process definition key.
    public var processDefinitionKey: String
    /// The business key of the process instance.
    public var businessKey: String?
    /// The BPMN id of the user task (`taskDefinitionKey`).
    public var taskDefinitionKey: String
    /// The key of the task's element instance in its process instance (its variable scope).
    public var elementInstanceKey: Int
    /// The form key.
    public var formKey: String?
    /// Whether the process instance is suspended.
    public var suspended: Bool

    /// Camunda's `executionId`: the process instance id.
    public var executionID: String { processInstanceID }

    /// The columns `init(row:)` reads, over `user_tasks t JOIN process_instances p`.
    static let columns = """
        t.id::text AS id, t.name, t.description, t.assignee, t.owner, t.delegation_state,
        (extract(epoch FROM t.created_at) * 1000)::int8 AS created_ms,
        (extract(epoch FROM t.last_updated) * 1000)::int8 AS updated_ms,
        (extract(epoch FROM t.due_at) * 1000)::int8 AS due_ms,
        (extract(epoch FROM t.follow_up_at) * 1000)::int8 AS follow_up_ms, t.priority,
        t.process_instance_id::text AS pid, t.definition_id, p.definition_key, p.business_key, t.element_id,
        t.element_instance_key, t.form_key, p.suspended
        """

    /// The tables `columns` reads from.
    static let from = "user_tasks t JOIN process_instances p ON p.id = t.process_instance_id"

    init(row: PostgresRow) throws {
        func date(_ column: String) throws -> DateTime? {
            try row.decode(column, as: Int64?.self).map { DateTime(epochMilliseconds: $0, offsetSeconds: 0) }
        }
        id = try row.decode("id")
        name = try row.decode("name", as: String?.self)
        description = try row.decode("description", as: String?.self)
        assignee = try row.decode("assignee", as: String?.self)
        owner = try row.decode("owner", as: String?.self)
        delegationState = try row.decode("delegation_state", as: String?.self).flatMap(DelegationState.init)
        created = try date("created_ms") ?? DateTime(epochMilliseconds: 0, offsetSeconds: 0)
        lastUpdated = try date("updated_ms")
        due = try date("due_ms")
        followUp = try date("follow_up_ms")
        priority = try row.decode("priority")
        processInstanceID = try row.decode("pid")
        processDefinitionID = try row.decode("definition_id")
        processDefinitionKey = try row.decode("definition_key")
        businessKey = try row.decode("business_key", as: String?.self)
        taskDefinitionKey = try row.decode("element_id")
        elementInstanceKey = try row.decode("element_instance_key")
        formKey = try row.decode("form_key", as: String?.self)
        suspended = try row.decode("suspended")
    }

    /// A task id in canonical form, or nil when it is not a UUID (no task can have it).
    static func canonicalID(_ id: String) -> String? {
        let hex = id.lowercased().filter { $0 != "-" }
        guard hex.count == 32, hex.allSatisfy({ $0.isHexDigit }) else { return nil }
        return id.lowercased()
    }

    /// Reads one open task.
    static func load(_ id: String, on connection: PostgresConnection) throws -> TaskRecord {
        guard let uuid = canonicalID(id) else { throw TaskError.notFound(taskID: id) }
        let rows = try connection.query("SELECT \(columns) FROM \(from) WHERE t.id = $1::uuid", [.text(uuid)])
        guard let row = rows.rows.first else { throw TaskError.notFound(taskID: id) }
        return try TaskRecord(row: row)
    }
}

/// A comment on a task (Camunda's `CommentDto`).
public struct TaskComment: Sendable, Hashable {
    /// The comment id.
    public var id: String
    /// Who wrote it (nil for anonymous callers).
    public var userID: String?
    /// The task.
    public var taskID: String
    /// The task's process instance.
    public var processInstanceID: String?
    /// The text.
    public var message: String
    /// When it was written.
    public var time: DateTime
}

/// Who is linked to a task and how (Camunda's `IdentityLinkDto`).
public struct TaskIdentityLink: Sendable, Hashable {
    /// How a user or group is linked.
    public enum LinkType: String, Sendable, Hashable {
        /// The assignee (users only).
        case assignee
        /// The owner (users only).
        case owner
        /// A candidate user or group.
        case candidate
    }

    /// The user, or nil for a group link.
    public var userID: String?
    /// The group, or nil for a user link.
    public var groupID: String?
    /// The link type.
    public var type: LinkType

    /// Creates a link.
    public init(userID: String?, groupID: String?, type: LinkType) {
        self.userID = userID
        self.groupID = groupID
        self.type = type
    }
}
