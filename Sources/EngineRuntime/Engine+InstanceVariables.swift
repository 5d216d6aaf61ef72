import EngineCore
import Expressions

extension Engine {
    /// Sets and deletes process variables of an instance in one transaction (Camunda's `modifications` and
    /// `deletions`): values are set where they exist, else on the process; deletions remove each name from the
    /// process scope. A suspended or ended instance refuses (`rejected`); an unknown one is `notFound`.
    public func modifyVariables(
        _ instanceID: String, set variables: [String: Value], delete names: [String], origin: CommandOrigin = .engine
    ) async throws {
        let now = clock.now()
        try await transaction { connection in
            let transaction = InstanceTransaction(engine: self, connection: connection, origin: origin, now: now)
            if !variables.isEmpty {
                _ = try transaction.run(
                    .init(
                        target: .existing(instanceID),
                        command: .setVariables(scope: nil, variables: variables, local: false),
                        isPrimary: true, name: "setVariables"))
            }
            if variables.isEmpty && names.isEmpty {
                _ = try StoredInstance.load(instanceID, engine: self, on: connection)
            }
            if !names.isEmpty {
                _ = try transaction.run(
                    .init(
                        target: .existing(instanceID), command: .deleteVariables(scope: nil, names: names, local: true),
                        isPrimary: true, name: "removeVariables"))
            }
        }
    }

    /// Deletes an instance (Camunda's `DELETE /process-instance/{id}`): cancels it like `cancelInstance`, also when
    /// it is suspended. Throws `notFound` for an unknown instance, `rejected` when it already ended.
    @discardableResult
    public func deleteInstance(_ instanceID: String, origin: CommandOrigin = .engine) async throws -> InstanceSummary {
        let now = clock.now()
        return try await transaction { connection in
            try connection.execute(
                "UPDATE process_instances SET suspended = false WHERE id::text = $1 AND suspended", [.text(instanceID)])
            return try InstanceTransaction(engine: self, connection: connection, origin: origin, now: now).run(
                .init(target: .existing(instanceID), command: .cancel, isPrimary: true, name: "cancel"))
        }
    }
}
