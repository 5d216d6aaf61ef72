import EngineRuntime
import Expressions
import HTTPTypes

/// `/task/{id}/variables` and `/task/{id}/localVariables` (contract §2.5, shaped as §2.4's variable endpoints).
enum TaskVariableRoutes {
    /// Registers the routes for both kinds.
    static func register(on api: APIRouter) {
        register(on: api, segment: "variables", local: false)
        register(on: api, segment: "localVariables", local: true)
    }

    private static func register(on api: APIRouter, segment: String, local: Bool) {
        let engine = api.services.engine
        let what = local ? "local variables" : "variables"
        let base = "/task/{id}/\(segment)"
        api.add(.get, base, tag: "Task", summary: "The task's \(what)", access: .tasks) { request in
            let id = request.parameter("id")
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "READ", command: false)
            let variables = try await TaskErrors.read { try await engine.taskVariables(id, local: local) }
            let masker = try await VariableMasker.make(
                request, engine: engine, definitionID: try await engine.definitionID(ofTask: id))
            return .json(masker.dtoMap(variables, deserialize: TaskRoutes.deserialize(request)))
        }
        api.add(.post, base, tag: "Task", summary: "Sets and deletes \(what) of a task", access: .tasks) { request in
            let id = request.parameter("id")
            let body = try request.jsonObject()
            let modifications = try VariableCodec.values(body["modifications"], field: "modifications")
            var deletions: [String] = []
            if let raw = body["deletions"], !raw.isNull {
                guard let items = raw.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                    throw RESTError.invalidRequest("'deletions' must be an array of variable names")
                }
                deletions = items.compactMap(\.stringValue)
            }
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "UPDATE", command: false)
            try await update(id, prefix: "Cannot modify variables for task \(id)") {
                try await engine.modifyTaskVariables(
                    id, modifications: modifications, deletions: deletions, local: local, origin: request.origin)
            }
            return .noContent
        }
        api.add(.get, base + "/{name}", tag: "Task", summary: "One of the task's \(what)", access: .tasks) { request in
            let id = request.parameter("id")
            let name = request.parameter("name")
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "READ", command: false)
            let value = try await TaskErrors.read { try await engine.taskVariable(id, name: name, local: local) }
            let masker = try await VariableMasker.make(
                request, engine: engine, definitionID: try await engine.definitionID(ofTask: id))
            return .json(masker.dto(name, value, deserialize: TaskRoutes.deserialize(request)))
        }
        api.add(.put, base + "/{name}", tag: "Task", summary: "Sets one of the task's \(what)", access: .tasks) {
            request in
            let id = request.parameter("id")
            let name = request.parameter("name")
            let value = try VariableCodec.value(try request.jsonObject(), name: name)
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "UPDATE", command: false)
            try await update(id, prefix: "Cannot put \(local ? "task local" : "task") variable \(name)") {
                try await engine.modifyTaskVariables(
                    id, modifications: [name: value], local: local, origin: request.origin)
            }
            return .noContent
        }
        api.add(.delete, base + "/{name}", tag: "Task", summary: "Deletes one of the task's \(what)", access: .tasks) {
            request in
            let id = request.parameter("id")
            let name = request.parameter("name")
            try await TaskAccess.require(request, engine: engine, taskID: id, permission: "UPDATE", command: false)
            try await update(id, prefix: "Cannot delete \(local ? "task local" : "task") variable \(name)") {
                try await engine.deleteTaskVariable(id, name: name, local: local, origin: request.origin)
            }
            return .noContent
        }
    }

    /// A variable change: a missing task is 404 (as Camunda's variable resources answer), refusals 500.
    private static func update(_ id: String, prefix: String, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as TaskError {
            throw TaskErrors.rest(error, command: false)
        } catch let error as EngineError {
            guard case .rejected(let message) = error else { throw error }
            throw RESTError.rest(.internalServerError, "\(prefix): \(message)")
        }
    }
}
