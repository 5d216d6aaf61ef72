import Expressions

/// A user task as created: who may work on it and when it is due, with expressions already evaluated.
public struct UserTaskDetails: Sendable, Hashable {
    /// The assignee.
    public var assignee: String?
    /// Candidate users.
    public var candidateUsers: [String]
    /// Candidate groups.
    public var candidateGroups: [String]
    /// The due date.
    public var dueDate: DateTime?
    /// The follow-up date.
    public var followUpDate: DateTime?
    /// The priority (50 unless the model says otherwise, as in Camunda).
    public var priority: Int
    /// The form key.
    public var formKey: String?
    /// The task's name (the element's name when created; changed by `UserTaskChange.update`).
    public var name: String? = nil
    /// The description (nil when created; changed by `UserTaskChange.update`).
    public var description: String? = nil
    /// The owner (set by delegation or explicitly).
    public var owner: String? = nil
    /// The delegation state.
    public var delegationState: DelegationState? = nil
}

/// An external task as created.
public struct ExternalTaskDetails: Sendable, Hashable {
    /// The topic workers fetch by.
    public var topic: String
    /// The priority (0 unless the model says otherwise).
    public var priority: Int
    /// The retries the model gives (Zeebe), or nil (Camunda: null until the first failure).
    public var retries: Int?

    /// Creates the details.
    public init(topic: String, priority: Int, retries: Int?) {
        self.topic = topic
        self.priority = priority
        self.retries = retries
    }
}

/// A called process to start for a call activity.
public struct CalledProcess: Sendable, Hashable {
    /// The process id (definition key) to start.
    public var processID: String
    /// The binding (`latest` unless the model says otherwise).
    public var binding: String?
    /// The version or version tag.
    public var version: String?
    /// The business key to pass.
    public var businessKey: String?
    /// The variables to start it with.
    public var variables: [String: Value]
}
