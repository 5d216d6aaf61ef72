import Expressions

/// A filter over external tasks (Camunda's `GET /external-task`); every field left nil or false does not filter.
public struct ExternalTaskQuery: Sendable, Hashable {
    /// What the list can be sorted by (Camunda's `sortBy` values).
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        /// The task id.
        case id
        /// The lock's expiry.
        case lockExpirationTime
        /// The process instance id.
        case processInstanceId
        /// The process definition id.
        case processDefinitionId
        /// The process definition key.
        case processDefinitionKey
        /// The priority.
        case taskPriority
        /// The creation time.
        case createTime
    }

    /// One task by id.
    public var externalTaskID: String?
    /// Any of these tasks.
    public var externalTaskIDs: [String]?
    /// Tasks of this topic.
    public var topicName: String?
    /// Tasks whose (last) worker is this one.
    public var workerID: String?
    /// Only tasks whose lock has not expired.
    public var locked = false
    /// Only tasks that are unlocked or whose lock expired.
    public var notLocked = false
    /// Only tasks with retries null or more than 0.
    public var withRetriesLeft = false
    /// Only tasks with 0 retries (an incident is open).
    public var noRetriesLeft = false
    /// Tasks of this activity (BPMN element id).
    public var activityID: String?
    /// Tasks of any of these activities.
    public var activityIDs: [String]?
    /// Tasks of this process instance.
    public var processInstanceID: String?
    /// Tasks of this process definition.
    public var processDefinitionID: String?
    /// Tasks of definitions with this key.
    public var processDefinitionKey: String?
    /// Only tasks with at least this priority.
    public var priorityAtLeast: Int?
    /// Only tasks with at most this priority.
    public var priorityAtMost: Int?
    /// Only tasks whose lock expires (or expired) before this instant.
    public var lockExpirationBefore: DateTime?
    /// Only tasks whose lock expires after this instant.
    public var lockExpirationAfter: DateTime?
    /// Only tasks that are not suspended.
    public var active = false
    /// Only suspended tasks.
    public var suspended = false
    /// The order (after it, the id).
    public var sorting: [QuerySorting<SortKey>] = []

    /// An empty filter: every task.
    public init() {}
}

/// An external task as the query returns it (Camunda's `ExternalTaskDto`).
public struct ExternalTaskInfo: Sendable, Hashable {
    /// The task id.
    public var id: String
    /// The topic.
    public var topicName: String
    /// The worker that holds or last held the lock.
    public var workerID: String?
    /// When the lock expires (or expired); nil when unlocked.
    public var lockExpirationTime: DateTime?
    /// When the task was created.
    public var createTime: DateTime
    /// The retries left; nil until the first failure.
    public var retries: Int?
    /// The message of the last failure.
    public var errorMessage: String?
    /// The priority.
    public var priority: Int
    /// Whether the task (its process instance) is suspended.
    public var suspended: Bool
    /// The activity (BPMN element) id.
    public var activityID: String
    /// The task's element instance key in its process instance.
    public var elementInstanceKey: Int
    /// The process instance id.
    public var processInstanceID: String
    /// The process definition id.
    public var processDefinitionID: String
    /// The process definition key.
    public var processDefinitionKey: String
    /// The business key of the process instance.
    public var businessKey: String?
}
