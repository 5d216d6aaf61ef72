import EngineRuntime
import Hummingbird
import Logging
import PostgresClient

/// Turns whatever a handler threw into the Camunda error the client gets; unexpected errors are logged with the
/// request id and answered 500 `ProcessEngineException` (never a stack trace).
enum ErrorMapping {
    static func restError(for error: any Error, logger: Logger) -> RESTError {
        switch error {
        case let error as RESTError:
            return error
        case let error as EngineError:
            let mapped = error.restError
            if mapped.status.code >= 500 { logger.error("engine failure: \(error)") }
            return mapped
        case let error as PostgresError:
            logger.error("database failure: \(error)")
            return .engineFailure("Database error: \(error)")
        case let error as HTTPError:
            return RESTError(error.status, type: "RestException", message: error.body ?? error.status.reasonPhrase)
        default:
            logger.error("unexpected failure: \(error)")
            return .engineFailure("Unexpected error: \(error)")
        }
    }
}
