import BPMN
import EngineCore
import PostgresClient

/// Why an engine operation did not happen. Nothing was changed when one of these is thrown.
public enum EngineError: Error, Sendable, CustomStringConvertible {
    /// The deployment holds a model with errors; nothing was deployed.
    case deploymentRefused(resource: String, diagnostics: [Diagnostic])
    /// What was named does not exist (definition, instance, task, …).
    case notFound(String)
    /// The engine refused the command in the instance's current state (not waiting, ended, suspended, …).
    case rejected(String)
    /// A message matched no subscription, or more than one instance when exactly one was required.
    case correlationFailed(String)
    /// An external task is not locked by the worker that asked (or its lock expired, for extending it); Camunda
    /// answers 400 with the message.
    case lockViolation(String)
    /// Concurrent commands on the same instance kept conflicting; nothing was applied.
    case conflict(String)
    /// A stored instance could not be read.
    case corruptState(String)
    /// The database failed.
    case storage(PostgresError)

    /// What happened, for people.
    public var description: String {
        switch self {
        case .deploymentRefused(let resource, let diagnostics):
            "the deployment was refused: \(resource) has errors:\n"
                + diagnostics.filter { $0.severity == .error }.map { $0.formatted(path: resource) }.joined(separator: "\n")
        case .notFound(let message), .rejected(let message), .correlationFailed(let message), .conflict(let message),
            .corruptState(let message), .lockViolation(let message):
            message
        case .storage(let error):
            "database error: \(error)"
        }
    }
}
