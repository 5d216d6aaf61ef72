import EngineRuntime

/// `/task/{id}/comment` (contract §2.5).
enum TaskCommentRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {
        let engine = api.services.engine
        api.add(.get, "/task/{id}/comment", tag: "Task", summary: "The task's comments", access: .tasks) { request in
            let id = request.parameter("id")
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "READ", command: false)
            let comments = try await TaskErrors.read { try await engine.taskComments(id) }
            return .json(.array(comments.map(TaskDTO.json)))
        }
        api.add(
            .get, "/task/{id}/comment/{commentId}", tag: "Task", summary: "One comment of a task", access: .tasks
        ) { request in
            let id = request.parameter("id")
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "READ", command: false)
            let comment = try await TaskErrors.read {
                try await engine.taskComment(id, commentID: request.parameter("commentId"))
            }
            return .json(TaskDTO.json(comment))
        }
        api.add(
            .post, "/task/{id}/comment/create", tag: "Task", summary: "Adds a comment to a task", access: .tasks
        ) { request in
            let id = request.parameter("id")
            guard let message = try request.jsonObject()["message"]?.stringValue, !message.isEmpty else {
                throw RESTError.invalidRequest("A comment needs a 'message'")
            }
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "UPDATE", command: false)
            let comment = try await TaskErrors.read {
                try await engine.addTaskComment(id, message: message, origin: request.origin)
            }
            return .json(TaskDTO.json(comment))
        }
    }
}
