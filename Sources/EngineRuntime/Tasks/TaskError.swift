/// Why a task operation did not happen; nothing was changed. The messages are Camunda's, so the REST layer can pass
/// them on (see docs/user-tasks.md for the status each maps to).
public enum TaskError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No open task has this id (never existed, completed, or cancelled).
    case notFound(taskID: String)
    /// The task is claimed by another user (Camunda's `TaskAlreadyClaimedException`).
    case alreadyClaimed(taskID: String, assignee: String)
    /// The task (its scope chain, or its own scope for local variables) has no variable with this name.
    case variableNotFound(taskID: String, name: String, local: Bool)
    /// No comment with this id belongs to the task.
    case commentNotFound(taskID: String, commentID: String)
    /// The request itself is invalid (an identity link with neither user nor group, an unknown link type, …).
    case invalidArgument(String)

    /// What happened, in Camunda's words where Camunda has them.
    public var description: String {
        switch self {
        case .notFound(let taskID):
            "Cannot find task with id \(taskID)"
        case .alreadyClaimed(let taskID, _):
            "Task '\(taskID)' is already claimed by someone else."
        case .variableNotFound(let taskID, let name, let local):
            "\(local ? "task local variable" : "task variable") with name \(name) does not exist"
        case .commentNotFound(let taskID, let commentID):
            "No comment found for task id \(taskID) and comment id \(commentID)"
        case .invalidArgument(let message):
            message
        }
    }
}
