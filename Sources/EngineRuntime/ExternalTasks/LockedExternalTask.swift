import Expressions

/// An external task as handed to a worker by fetch-and-lock (Camunda's `LockedExternalTaskDto`).
public struct LockedExternalTask: Sendable, Hashable {
    /// The task id.
    public var id: String
    /// The topic.
    public var topicName: String
    /// The worker that holds the lock.
    public var workerID: String
    /// When the lock expires.
    public var lockExpirationTime: DateTime
    /// When the task was created.
    public var createTime: DateTime
    /// The retries left: nil until the first failure (as Camunda).
    public var retries: Int?
    /// The message of the last failure.
    public var errorMessage: String?
    /// The details of the last failure.
    public var errorDetails: String?
    /// The priority (0 unless the model says otherwise).
    public var priority: Int
    /// The activity (BPMN element) id.
    public var activityID: String
    /// The task's element instance key inside its process instance (the base of an activity instance id).
    public var elementInstanceKey: Int
    /// The process instance id.
    public var processInstanceID: String
    /// The process definition id.
    public var processDefinitionID: String
    /// The process definition key.
    public var processDefinitionKey: String
    /// The business key of the process instance.
    public var businessKey: String?
    /// The requested variables as the task sees them (nearest scope wins).
    public var variables: [String: Value]
}
