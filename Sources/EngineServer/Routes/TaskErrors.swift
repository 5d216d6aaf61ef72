import EngineRuntime

/// How task errors are answered (contract §2.5; docs/user-tasks.md).
enum TaskErrors {
    /// The Camunda error for a task error; `command` is true for task commands (claim, delegate, …), where Camunda
    /// answers a missing task with 500 `NullValueException`.
    static func rest(_ error: TaskError, command: Bool) -> RESTError {
        switch error {
        case .notFound(let taskID):
            return command
                ? RESTError(
                    .internalServerError, type: "NullValueException",
                    message: "Cannot find task with id \(taskID): task is null", code: 0)
                : .notFound("No matching task with id \(taskID)")
        case .alreadyClaimed:
            return RESTError(
                .internalServerError, type: "TaskAlreadyClaimedException", message: error.description, code: 0)
        case .variableNotFound, .commentNotFound:
            return .notFound(error.description)
        case .invalidArgument(let message):
            return .invalidRequest(message)
        }
    }

    /// Runs a task command, answering task errors as Camunda does and engine refusals with 500
    /// `ProcessEngineException` (`prefix`, when given, starts the message: "Cannot complete task X").
    static func command<T: Sendable>(
        prefix: String? = nil, _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch let error as TaskError {
            var mapped = rest(error, command: true)
            if let prefix, mapped.status == .internalServerError, mapped.type != "TaskAlreadyClaimedException" {
                mapped = .rest(.internalServerError, "\(prefix): \(mapped.message)")
            }
            throw mapped
        } catch let error as EngineError {
            guard case .rejected(let message) = error else { throw error }
            if let prefix { throw RESTError.rest(.internalServerError, "\(prefix): \(message)") }
            throw RESTError.engineFailure(message)
        }
    }

    /// Runs a task read, answering a missing task with 404.
    static func read<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as TaskError {
            throw rest(error, command: false)
        }
    }
}
