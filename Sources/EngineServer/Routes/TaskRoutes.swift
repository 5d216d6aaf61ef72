import EngineCore
import EngineRuntime
import Expressions
import HTTPTypes

/// The Task endpoints of the Camunda REST API (contract §2.5). Reviewers see and work on only their own tasks
/// (`TaskAccess`); assigning to others, identity links and `PUT /task/{id}` are for admins.
enum TaskRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {
        registerQueries(on: api)
        registerCommands(on: api)
        registerAssignment(on: api)
        TaskVariableRoutes.register(on: api)
        TaskCommentRoutes.register(on: api)
    }

    private static func registerQueries(on api: APIRouter) {
        let engine = api.services.engine
        for method in [HTTPRequest.Method.get, .post] {
            api.add(method, "/task", tag: "Task", summary: "Queries tasks", access: .tasks) { request in
                var query = try TaskQueryReader.query(request)
                query.visibleTo = TaskAccess.visibility(request)
                let tasks = try await TaskErrors.read { try await engine.queryTasks(query) }
                return .json(.array(tasks.map(TaskDTO.json)))
            }
            api.add(method, "/task/count", tag: "Task", summary: "Counts tasks", access: .tasks) { request in
                var query = try TaskQueryReader.query(request)
                query.visibleTo = TaskAccess.visibility(request)
                return .count(try await TaskErrors.read { try await engine.countTasks(query) })
            }
        }
        api.add(.get, "/task/{id}", tag: "Task", summary: "A task", access: .tasks) { request in
            let id = request.parameter("id")
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "READ", command: false)
            return .json(TaskDTO.json(try await TaskErrors.read { try await engine.task(id) }))
        }
        api.add(.get, "/task/{id}/form", tag: "Task", summary: "The task's form key", access: .tasks) { request in
            let id = request.parameter("id")
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "READ", command: false)
            let task = try await TaskErrors.read { try await engine.task(id) }
            return .json(.object([("key", .string(task.formKey)), ("contextPath", .null), ("camundaFormRef", .null)]))
        }
        api.add(
            .get, "/task/{id}/form-variables", tag: "Task", summary: "The variables the task's form sees",
            access: .tasks
        ) { request in
            let id = request.parameter("id")
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "READ", command: false)
            var variables = try await TaskErrors.read { try await engine.taskVariables(id) }
            if let names = request.query.first("variableNames") {
                let wanted = Set(names.split(separator: ",").map(String.init))
                variables = variables.filter { wanted.contains($0.key) }
            }
            let masker = try await VariableMasker.make(
                request, engine: engine, definitionID: try await engine.definitionID(ofTask: id))
            return .json(masker.dtoMap(variables, deserialize: deserialize(request)))
        }
    }

    private static func registerCommands(on api: APIRouter) {
        let engine = api.services.engine
        api.add(.post, "/task/{id}/claim", tag: "Task", summary: "Claims a task", access: .tasks) { request in
            let id = request.parameter("id")
            let user = try userID(request)
            if let visibility = TaskAccess.visibility(request), visibility.userID != user {
                throw RESTError.forbidden(
                    userID: visibility.userID, permission: "TASK_ASSIGN", resource: "Task", resourceID: id)
            }
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "TASK_WORK", command: true)
            try await TaskErrors.command { try await engine.claimTask(id, userID: user, origin: request.origin) }
            return .noContent
        }
        api.add(.post, "/task/{id}/unclaim", tag: "Task", summary: "Unclaims a task", access: .tasks) { request in
            let id = request.parameter("id")
            try await requireOwnWork(request, engine: engine, taskID: id)
            try await TaskErrors.command { try await engine.unclaimTask(id, origin: request.origin) }
            return .noContent
        }
        api.add(
            .post, "/task/{id}/complete", tag: "Task", summary: "Completes a task", access: .tasks, idempotent: true
        ) { request in
            try await complete(request, engine: engine)
        }
        api.add(
            .post, "/task/{id}/submit-form", tag: "Task", summary: "Submits a task's form (completes it)",
            access: .tasks, idempotent: true
        ) { request in
            try await complete(request, engine: engine)
        }
        api.add(.post, "/task/{id}/resolve", tag: "Task", summary: "Resolves a delegated task", access: .tasks) {
            request in
            let id = request.parameter("id")
            let variables = try VariableCodec.values(try request.jsonObject()["variables"])
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "TASK_WORK", command: true)
            try await TaskErrors.command {
                try await engine.resolveTask(id, variables: variables, origin: request.origin)
            }
            return .noContent
        }
        api.add(
            .post, "/task/{id}/bpmnError", tag: "Task", summary: "Reports a BPMN error from a task", access: .tasks
        ) { request in
            let id = request.parameter("id")
            let body = try request.jsonObject()
            guard let code = body["errorCode"]?.stringValue, !code.isEmpty else {
                throw RESTError.invalidRequest("errorCode cannot be null or empty")
            }
            let variables = try VariableCodec.values(body["variables"])
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "TASK_WORK", command: true)
            try await TaskErrors.command {
                try await engine.throwTaskError(
                    id, errorCode: code, errorMessage: body["errorMessage"]?.stringValue, variables: variables,
                    origin: request.origin)
            }
            return .noContent
        }
        api.add(
            .post, "/task/{id}/bpmnEscalation", tag: "Task", summary: "Reports an escalation from a task",
            access: .tasks
        ) { request in
            let id = request.parameter("id")
            let body = try request.jsonObject()
            guard let code = body["escalationCode"]?.stringValue, !code.isEmpty else {
                throw RESTError.invalidRequest("escalationCode cannot be null or empty")
            }
            let variables = try VariableCodec.values(body["variables"])
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "TASK_WORK", command: true)
            try await TaskErrors.command {
                try await engine.throwTaskEscalation(
                    id, escalationCode: code, variables: variables, origin: request.origin)
            }
            return .noContent
        }
    }

    private static func registerAssignment(on api: APIRouter) {
        let engine = api.services.engine
        let assign = Access.admin("Task", "TASK_ASSIGN")
        api.add(.post, "/task/{id}/assignee", tag: "Task", summary: "Sets the assignee", access: assign) { request in
            let id = request.parameter("id")
            let user = try request.jsonObject()["userId"]?.stringValue
            try await TaskErrors.command { try await engine.setTaskAssignee(id, userID: user, origin: request.origin) }
            return .noContent
        }
        api.add(.post, "/task/{id}/delegate", tag: "Task", summary: "Delegates a task", access: .tasks) { request in
            let id = request.parameter("id")
            guard let user = try request.jsonObject()["userId"]?.stringValue else {
                throw RESTError.invalidRequest("userId cannot be null")
            }
            try await requireOwnWork(request, engine: engine, taskID: id)
            try await TaskErrors.command { try await engine.delegateTask(id, userID: user, origin: request.origin) }
            return .noContent
        }
        api.add(.put, "/task/{id}", tag: "Task", summary: "Updates a task", access: assign) { request in
            let id = request.parameter("id")
            let body = try request.jsonObject()
            let fields = try updateFields(body)
            try await TaskErrors.command { try await engine.updateTask(id, fields, origin: request.origin) }
            return .noContent
        }
        api.add(
            .get, "/task/{id}/identity-links", tag: "Task", summary: "The task's identity links", access: .tasks
        ) { request in
            let id = request.parameter("id")
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "READ", command: false)
            var links = try await TaskErrors.read { try await engine.taskIdentityLinks(id) }
            if let type = request.query.first("type") { links = links.filter { $0.type.rawValue == type } }
            return .json(.array(links.map(TaskDTO.json)))
        }
        api.add(
            .post, "/task/{id}/identity-links", tag: "Task", summary: "Adds an identity link", access: assign
        ) { request in
            let id = request.parameter("id")
            let (user, group, type) = try link(request)
            try await TaskErrors.command {
                try await engine.addTaskIdentityLink(
                    id, userID: user, groupID: group, type: type, origin: request.origin)
            }
            return .noContent
        }
        api.add(
            .post, "/task/{id}/identity-links/delete", tag: "Task", summary: "Deletes an identity link", access: assign
        ) { request in
            let id = request.parameter("id")
            let (user, group, type) = try link(request)
            try await TaskErrors.command {
                try await engine.deleteTaskIdentityLink(
                    id, userID: user, groupID: group, type: type, origin: request.origin)
            }
            return .noContent
        }
    }

    // MARK: Helpers

    private static func complete(_ request: APIRequest, engine: Engine) async throws -> APIResponse {
        let id = request.parameter("id")
        let body = try request.jsonObject()
        let variables = try VariableCodec.values(body["variables"])
        let withVariables = body["withVariablesInReturn"]?.boolValue ?? false
        try await TaskAccess.require(request, engine: engine, taskID: id, permission: "TASK_WORK", command: true)
        let definitionID = withVariables ? try await engine.definitionID(ofTask: id) : nil
        let returned = try await TaskErrors.command(prefix: "Cannot complete task \(id)") {
            try await engine.completeTask(
                id, variables: variables, returnVariables: withVariables, origin: request.origin)
        }
        guard let returned else { return .noContent }
        let masker = try await VariableMasker.make(request, engine: engine, definitionID: definitionID)
        return .json(masker.dtoMap(returned, deserialize: deserialize(request)))
    }

    /// A restricted caller may unclaim or delegate only a task they are the assignee of.
    private static func requireOwnWork(_ request: APIRequest, engine: Engine, taskID: String) async throws {
        guard let visibility = TaskAccess.visibility(request) else { return }
        try await TaskAccess.require(request, engine: engine, taskID: taskID, permission: "TASK_WORK", command: true)
        let task = try await TaskErrors.command { try await engine.task(taskID) }
        if task.assignee != visibility.userID {
            throw RESTError.forbidden(
                userID: visibility.userID, permission: "TASK_ASSIGN", resource: "Task", resourceID: taskID)
        }
    }

    private static func userID(_ request: APIRequest) throws -> String {
        guard let user = try request.jsonObject()["userId"]?.stringValue, !user.isEmpty else {
            throw RESTError.invalidRequest("userId cannot be null")
        }
        return user
    }

    private static func link(_ request: APIRequest) throws -> (String?, String?, String) {
        let body = try request.jsonObject()
        guard let type = body["type"]?.stringValue else {
            throw RESTError.invalidRequest("Identity link type cannot be null")
        }
        return (body["userId"]?.stringValue, body["groupId"]?.stringValue, type)
    }

    /// `deserializeValues` (default true).
    static func deserialize(_ request: APIRequest) -> Bool {
        request.query.first("deserializeValues")?.lowercased() != "false"
    }

    /// The fields of `PUT /task/{id}` (absent fields are null, as Camunda's DTO).
    private static func updateFields(_ body: JSON) throws -> UserTaskFields {
        func date(_ name: String) throws -> DateTime? {
            guard let value = body[name], !value.isNull else { return nil }
            guard let text = value.stringValue, let date = CamundaDate.parse(text) else {
                throw RESTError.invalidRequest("'\(name)' must be a date like 2025-10-06T16:34:42.000+0200")
            }
            return date
        }
        var priority = 50
        if let value = body["priority"], !value.isNull {
            guard let number = value.intValue, let exact = Int(exactly: number) else {
                throw RESTError.invalidRequest("'priority' must be an integer")
            }
            priority = exact
        }
        var delegation: DelegationState?
        if let text = body["delegationState"]?.stringValue {
            guard let state = DelegationState(rawValue: text.uppercased()) else {
                throw RESTError.invalidRequest(
                    "Valid values for property 'delegationState' are 'PENDING' or 'RESOLVED', but was '\(text)'")
            }
            delegation = state
        }
        return UserTaskFields(
            name: body["name"]?.stringValue, description: body["description"]?.stringValue, priority: priority,
            assignee: body["assignee"]?.stringValue, owner: body["owner"]?.stringValue, delegationState: delegation,
            dueDate: try date("due"), followUpDate: try date("followUp"))
    }
}
