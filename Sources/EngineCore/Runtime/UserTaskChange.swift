import Expressions

/// A change to an open user task asked for from outside (the task list operations of Camunda's `TaskService`).
/// Applied by `Command.changeUserTask`; the result is recorded as `InstanceEvent.userTaskChanged`.
public enum UserTaskChange: Sendable, Hashable {
    /// Claim the task for a user: refused when another user is the assignee; a no-op for the same user.
    case claim(userID: String)
    /// Remove the assignee.
    case unclaim
    /// Set (or, with nil, remove) the assignee without any check.
    case setAssignee(String?)
    /// Set (or remove) the owner.
    case setOwner(String?)
    /// Delegate to a user: the owner becomes the old assignee (unless there is an owner), the assignee becomes the
    /// user, and the delegation state `pending`.
    case delegate(userID: String)
    /// Resolve a delegated task: the assignee becomes the owner, the delegation state `resolved`.
    case resolve
    /// Add a candidate user (no change when present).
    case addCandidateUser(String)
    /// Add a candidate group (no change when present).
    case addCandidateGroup(String)
    /// Remove a candidate user (no change when absent).
    case removeCandidateUser(String)
    /// Remove a candidate group (no change when absent).
    case removeCandidateGroup(String)
    /// Replace the task's own fields (Camunda's `PUT /task/{id}`).
    case update(UserTaskFields)

    /// A stable name for history.
    public var name: String {
        switch self {
        case .claim: "claim"
        case .unclaim: "unclaim"
        case .setAssignee: "setAssignee"
        case .setOwner: "setOwner"
        case .delegate: "delegate"
        case .resolve: "resolve"
        case .addCandidateUser: "addCandidateUser"
        case .addCandidateGroup: "addCandidateGroup"
        case .removeCandidateUser: "removeCandidateUser"
        case .removeCandidateGroup: "removeCandidateGroup"
        case .update: "update"
        }
    }

    /// The details after the change, or why it is refused.
    public func applied(to details: UserTaskDetails) -> Result<UserTaskDetails, CommandRejection> {
        var result = details
        switch self {
        case .claim(let user):
            if let assignee = details.assignee, assignee != user {
                return .failure(
                    CommandRejection(.invalidState, "the task is already claimed by '\(assignee)'"))
            }
            result.assignee = user
        case .unclaim:
            result.assignee = nil
        case .setAssignee(let user):
            result.assignee = user
        case .setOwner(let user):
            result.owner = user
        case .delegate(let user):
            if result.owner == nil { result.owner = details.assignee }
            result.assignee = user
            result.delegationState = .pending
        case .resolve:
            result.assignee = details.owner
            result.delegationState = .resolved
        case .addCandidateUser(let user):
            if !result.candidateUsers.contains(user) { result.candidateUsers.append(user) }
        case .addCandidateGroup(let group):
            if !result.candidateGroups.contains(group) { result.candidateGroups.append(group) }
        case .removeCandidateUser(let user):
            result.candidateUsers.removeAll { $0 == user }
        case .removeCandidateGroup(let group):
            result.candidateGroups.removeAll { $0 == group }
        case .update(let fields):
            result.name = fields.name
            result.description = fields.description
            result.priority = fields.priority
            result.assignee = fields.assignee
            result.owner = fields.owner
            result.delegationState = fields.delegationState
            result.dueDate = fields.dueDate
            result.followUpDate = fields.followUpDate
        }
        return .success(result)
    }
}

/// The fields of a user task that `PUT /task/{id}` replaces (each nil clears it, as in Camunda).
public struct UserTaskFields: Sendable, Hashable {
    /// The name.
    public var name: String?
    /// The description.
    public var description: String?
    /// The priority.
    public var priority: Int
    /// The assignee.
    public var assignee: String?
    /// The owner.
    public var owner: String?
    /// The delegation state.
    public var delegationState: DelegationState?
    /// The due date.
    public var dueDate: DateTime?
    /// The follow-up date.
    public var followUpDate: DateTime?

    /// Creates the fields.
    public init(
        name: String?, description: String?, priority: Int, assignee: String?, owner: String?,
        delegationState: DelegationState?, dueDate: DateTime?, followUpDate: DateTime?
    ) {
        self.name = name
        self.description = description
        self.priority = priority
        self.assignee = assignee
        self.owner = owner
        self.delegationState = delegationState
        self.dueDate = dueDate
        self.followUpDate = followUpDate
    }
}

/// Where a delegated task stands (Camunda's `DelegationState`).
public enum DelegationState: String, Sendable, Hashable, Codable {
    /// Delegated: the assignee works on it for the owner.
    case pending = "PENDING"
    /// Resolved: back with the owner.
    case resolved = "RESOLVED"
}
