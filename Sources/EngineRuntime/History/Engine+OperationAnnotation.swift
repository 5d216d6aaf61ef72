import EngineCore
import Expressions
import PostgresClient

extension Engine {
    /// Sets (or, with nil, clears) the operator's note on a user operation (Camunda's
    /// `PUT /history/user-operation/{operationId}/set-annotation`). History is append-only, so the note is a new
    /// history event (`operationAnnotated`, recording who wrote it) and the user operation log shows the latest one.
    /// `operationID` is the entry's id, `<processInstanceId>:<sequence>`; an id that names no user operation is
    /// `EngineError.notFound`.
    public func setOperationAnnotation(
        _ operationID: String, annotation: String?, origin: CommandOrigin = .engine
    ) async throws {
        let parts = operationID.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let instanceID = ExternalTaskRecord.canonicalID(String(parts[0])),
            let sequence = Int(parts[1])
        else { throw Self.operationNotFound(operationID) }
        let now = clock.now()
        try await transaction { connection in
            // Lock the instance row first: the annotation takes the next history number.
            guard
                !(try connection.query(
                    "SELECT 1 AS one FROM process_instances WHERE id = $1::uuid FOR UPDATE", [.text(instanceID)]
                ).rows.isEmpty)
            else { throw Self.operationNotFound(operationID) }
            let entries = UserOperationRules.entries(instanceCondition: "h.process_instance_id = $1::uuid")
            guard
                !(try connection.query(
                    "SELECT 1 AS one FROM (\(entries)) u WHERE u.sequence = $2", [.text(instanceID), .int(sequence)]
                ).rows.isEmpty)
            else { throw Self.operationNotFound(operationID) }
            try OperationalHistory(connection: connection, cache: self.instanceCache).append(
                instanceID: instanceID, type: "operationAnnotated",
                payload: [
                    "operationId": .string("\(instanceID):\(sequence)"),
                    "annotation": annotation.map(Value.string) ?? .null,
                ],
                actor: origin.actor, command: annotation == nil ? "clearAnnotation" : "setAnnotation", now: now)
        }
    }

    /// Camunda's 404 text for a user operation.
    static func operationNotFound(_ id: String) -> EngineError {
        .notFound("There is no user operation log entry with id '\(id)'")
    }
}
