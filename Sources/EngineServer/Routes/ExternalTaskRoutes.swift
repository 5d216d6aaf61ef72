import EngineRuntime
import Expressions

/// The external task endpoints (contract §2.6): fetch and lock with long polling, the worker's answers (exact 204s),
/// the operator's changes, and the queries.
enum ExternalTaskRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {
        registerWorkerRoutes(on: api)
        registerOperatorRoutes(on: api)
        registerQueries(on: api)
    }

    private static func registerWorkerRoutes(on api: APIRouter) {
        let engine = api.services.engine
        api.add(
            .post, "/external-task/fetchAndLock", tag: "External Task",
            summary: "Fetches and locks tasks by topic; waits up to asyncResponseTimeout ms for one to appear",
            access: .externalTasks
        ) { request in
            let fetch = try ExternalTaskFetchRequest(try request.jsonObject())
            let tasks = try await engine.fetchAndLock(
                workerID: fetch.workerID, maxTasks: fetch.maxTasks, topics: fetch.topics,
                usePriority: fetch.usePriority, sorting: fetch.sorting,
                asyncResponseTimeout: fetch.asyncResponseTimeout, origin: request.origin)
            var answers: [JSON] = []
            for task in tasks {
                let properties =
                    fetch.extensionProperties[task.topicName] == true
                    ? try await engine.extensionProperties(
                        definitionID: task.processDefinitionID, activityID: task.activityID)
                    : [:]
                answers.append(
                    ExternalTaskDTO.locked(
                        task, deserialize: fetch.deserialize[task.topicName] ?? false, extensionProperties: properties))
            }
            return .json(.array(answers))
        }

        api.add(
            .post, "/external-task/{id}/complete", tag: "External Task", summary: "Completes a locked task",
            access: .externalTasks, idempotent: true
        ) { request in
            let body = try request.jsonObject()
            try await engine.completeExternalTask(
                request.parameter("id"), workerID: try BodyFields.string(body, "workerId") ?? "",
                variables: try VariableCodec.values(body["variables"]),
                localVariables: try VariableCodec.values(body["localVariables"], field: "localVariables"),
                origin: request.origin)
            return .noContent
        }

        api.add(
            .post, "/external-task/{id}/failure", tag: "External Task",
            summary: "Reports a failure: retries left (0 raises an incident) and when to retry", access: .externalTasks
        ) { request in
            let body = try request.jsonObject()
            try await engine.handleExternalTaskFailure(
                request.parameter("id"), workerID: try BodyFields.string(body, "workerId") ?? "",
                errorMessage: try BodyFields.string(body, "errorMessage"),
                errorDetails: try BodyFields.string(body, "errorDetails"),
                retries: Int(try BodyFields.int(body, "retries") ?? 0),
                retryTimeout: try BodyFields.int(body, "retryTimeout") ?? 0,
                variables: try VariableCodec.values(body["variables"]),
                localVariables: try VariableCodec.values(body["localVariables"], field: "localVariables"),
                origin: request.origin)
            return .noContent
        }

        api.add(
            .post, "/external-task/{id}/bpmnError", tag: "External Task",
            summary: "Reports a BPMN error, caught by the nearest matching boundary or event sub-process",
            access: .externalTasks
        ) { request in
            let body = try request.jsonObject()
            try await engine.handleExternalTaskBpmnError(
                request.parameter("id"), workerID: try BodyFields.string(body, "workerId") ?? "",
                errorCode: try BodyFields.required(body, "errorCode"),
                errorMessage: try BodyFields.string(body, "errorMessage"),
                variables: try VariableCodec.values(body["variables"]), origin: request.origin)
            return .noContent
        }

        api.add(
            .post, "/external-task/{id}/extendLock", tag: "External Task",
            summary: "Extends the lock of a task the worker holds", access: .externalTasks
        ) { request in
            let body = try request.jsonObject()
            try await engine.extendExternalTaskLock(
                request.parameter("id"), workerID: try BodyFields.string(body, "workerId") ?? "",
                newDuration: try BodyFields.int(body, "newDuration") ?? 0, origin: request.origin)
            return .noContent
        }

        api.add(
            .post, "/external-task/{id}/lock", tag: "External Task",
            summary: "Locks one task for a worker (refused while another worker's lock lasts)", access: .externalTasks
        ) { request in
            let body = try request.jsonObject()
            try await engine.lockExternalTask(
                request.parameter("id"), workerID: try BodyFields.string(body, "workerId") ?? "",
                lockDuration: try BodyFields.int(body, "lockDuration") ?? 0, origin: request.origin)
            return .noContent
        }

        api.add(
            .post, "/external-task/{id}/unlock", tag: "External Task", summary: "Releases a task's lock",
            access: .externalTasks
        ) { request in
            try await engine.unlockExternalTask(request.parameter("id"), origin: request.origin)
            return .noContent
        }
    }

    private static func registerOperatorRoutes(on api: APIRouter) {
        let engine = api.services.engine
        api.add(
            .put, "/external-task/{id}/retries", tag: "External Task",
            summary: "Sets a task's retries (> 0 resolves its incident, 0 raises one)", access: .operations
        ) { request in
            let body = try request.jsonObject()
            guard let retries = try BodyFields.int(body, "retries") else {
                throw RESTError.invalidRequest("'retries' is required")
            }
            try await engine.setExternalTaskRetries(
                request.parameter("id"), retries: Int(retries), origin: request.origin)
            return .noContent
        }

        api.add(
            .put, "/external-task/{id}/priority", tag: "External Task", summary: "Sets a task's priority",
            access: .operations
        ) { request in
            let body = try request.jsonObject()
            guard let priority = try BodyFields.int(body, "priority") else {
                throw RESTError.invalidRequest("'priority' is required")
            }
            try await engine.setExternalTaskPriority(
                request.parameter("id"), priority: Int(priority), origin: request.origin)
            return .noContent
        }
    }

    private static func registerQueries(on api: APIRouter) {
        let engine = api.services.engine
        let list: APIRouter.Handler = { request in
            let query = try ExternalTaskQueryReader.query(request)
            return .json(.array(try await engine.externalTasks(query, page: try BodyFields.page(request))
                .map(ExternalTaskDTO.info)))
        }
        let count: APIRouter.Handler = { request in
            .count(try await engine.countExternalTasks(try ExternalTaskQueryReader.query(request)))
        }
        api.add(.get, "/external-task", tag: "External Task", summary: "Queries external tasks", access: .externalTasks,
            handler: list)
        api.add(.post, "/external-task", tag: "External Task", summary: "Queries external tasks (filters in the body)",
            access: .externalTasks, handler: list)
        api.add(.get, "/external-task/count", tag: "External Task", summary: "Counts external tasks",
            access: .externalTasks, handler: count)
        api.add(.post, "/external-task/count", tag: "External Task",
            summary: "Counts external tasks (filters in the body)", access: .externalTasks, handler: count)

        api.add(
            .get, "/external-task/topic-names", tag: "External Task", summary: "The topics of existing tasks",
            access: .externalTasks
        ) { request in
            let filters = try request.filters()
            let names = try await engine.externalTaskTopicNames(
                withLockedTasks: try filters.flag("withLockedTasks"),
                withUnlockedTasks: try filters.flag("withUnlockedTasks"),
                withRetriesLeft: try filters.flag("withRetriesLeft"))
            return .json(.array(names.map { .string($0) }))
        }

        api.add(.get, "/external-task/{id}", tag: "External Task", summary: "One external task", access: .externalTasks)
        { request in
            .json(ExternalTaskDTO.info(try await engine.externalTask(request.parameter("id"))))
        }

        api.add(
            .get, "/external-task/{id}/errorDetails", tag: "External Task",
            summary: "The error details of the task's last failure (text; 204 when none)", access: .externalTasks
        ) { request in
            guard let details = try await engine.externalTaskErrorDetails(request.parameter("id")) else {
                return .noContent
            }
            return .text(details)
        }
    }
}
