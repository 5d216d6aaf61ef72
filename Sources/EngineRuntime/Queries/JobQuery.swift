import Expressions

/// A filter over jobs (Camunda's `GET /job`); every field left nil or false does not filter.
public struct JobQuery: Sendable, Hashable {
    /// What the list can be sorted by (Camunda's `sortBy` values).
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        /// The job id.
        case jobId
        /// The priority (every Baton job has priority 0: the id decides).
        case jobPriority
        /// The retries left.
        case jobRetries
        /// The due date.
        case jobDueDate
        /// The process instance id.
        case processInstanceId
        /// The process definition id.
        case processDefinitionId
        /// The process definition key.
        case processDefinitionKey
    }

    /// One job by id.
    public var jobID: String?
    /// Any of these jobs.
    public var jobIDs: [String]?
    /// Jobs of this process instance.
    public var processInstanceID: String?
    /// Jobs of any of these process instances.
    public var processInstanceIDs: [String]?
    /// Jobs of this process definition.
    public var processDefinitionID: String?
    /// Jobs of definitions with this key.
    public var processDefinitionKey: String?
    /// Jobs of this activity (BPMN element id).
    public var activityID: String?
    /// Only jobs with retries left.
    public var withRetriesLeft = false
    /// Only jobs with no retries left.
    public var noRetriesLeft = false
    /// Only jobs that can run now: retries left and due.
    public var executable = false
    /// Only timer jobs (`timer`, `timer-start`).
    public var timers = false
    /// Only message jobs (Camunda's name for asynchronous work: `async`, `connector`).
    public var messages = false
    /// Only jobs due after this instant.
    public var dueAfter: DateTime?
    /// Only jobs due before this instant.
    public var dueBefore: DateTime?
    /// Only jobs that failed (have an exception message).
    public var withException = false
    /// Only failed jobs of this activity.
    public var failedActivityID: String?
    /// Only jobs that are not suspended.
    public var active = false
    /// Only suspended jobs.
    public var suspended = false
    /// The order (after it, the id).
    public var sorting: [QuerySorting<SortKey>] = []

    /// An empty filter: every job.
    public init() {}
}

/// A job as the query returns it (Camunda's `JobDto`, plus Baton's kind).
public struct JobInfo: Sendable, Hashable {
    /// The job id.
    public var id: String
    /// Baton's kind: `timer`, `timer-start`, `async` or `connector`.
    public var kind: String
    /// Camunda's job definition type (`JobInfo.jobDefinitionType(kind:behavior:)`).
    public var jobDefinitionType: String
    /// The process instance (nil for timer start events).
    public var processInstanceID: String?
    /// The process definition.
    public var processDefinitionID: String?
    /// The process definition key.
    public var processDefinitionKey: String?
    /// The activity (BPMN element) id.
    public var activityID: String?
    /// The waiting element instance.
    public var elementInstanceKey: Int?
    /// The message of the last failure.
    public var exceptionMessage: String?
    /// The activity whose job failed (set when the job has an exception).
    public var failedActivityID: String?
    /// The retries left.
    public var retries: Int
    /// When the job is due.
    public var dueDate: DateTime
    /// Whether the job is suspended.
    public var suspended: Bool
    /// The priority (always 0).
    public var priority: Int
    /// When the job was created.
    public var createTime: DateTime
    /// The executor that holds the job, while one does.
    public var lockOwner: String?
}
