import EngineRuntime

/// The reviewer restriction on tasks: a caller that is not an admin sees and works on only the tasks they are
/// assignee or candidate user of, or that have one of their groups as a candidate group. Without authentication
/// (no principal) nothing is restricted.
enum TaskAccess {
    /// The visibility restriction for a request, nil when unrestricted.
    static func visibility(_ request: APIRequest) -> TaskVisibility? {
        guard let principal = request.principal, !principal.isAdmin else { return nil }
        return TaskVisibility(userID: principal.userID, groups: principal.groups)
    }

    /// Refuses (403) a restricted caller a task they may not see; a missing task is reported by `missing`.
    static func require(
        _ request: APIRequest, engine: Engine, taskID: String, permission: String, command: Bool
    ) async throws {
        guard let visibility = visibility(request) else { return }
        var query = TaskQuery()
        query.taskID = taskID
        query.visibleTo = visibility
        if try await engine.countTasks(query) > 0 { return }
        do {
            _ = try await engine.task(taskID)
        } catch let error as TaskError {
            throw TaskErrors.rest(error, command: command)
        }
        throw RESTError.forbidden(
            userID: visibility.userID, permission: permission, resource: "Task", resourceID: taskID)
    }
}
