import Expressions

extension Interpreter {
    /// Applies a task list operation to an open user task; an unchanged task emits nothing (a repeated claim).
    mutating func changeUserTask(
        _ key: ElementInstanceKey, _ change: UserTaskChange, variables: [String: Value]
    ) throws(CommandRejection) {
        guard let details = state.userTasks[key] else {
            throw CommandRejection(.notFound, "element instance \(key) has no open user task")
        }
        let changed: UserTaskDetails
        switch change.applied(to: details) {
        case .success(let value): changed = value
        case .failure(let rejection): throw rejection
        }
        setVariables(variables, from: key)
        if changed != details { emit(.userTaskChanged(key, change: change, details: changed)) }
    }
}
