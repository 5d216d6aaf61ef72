import PostgresClient

extension Engine {
    /// The sensitive-variable patterns a process declares itself (its `sensitiveVariables` extension property),
    /// read once per definition from the deployed XML. Empty when it declares none or the definition is unknown.
    public func sensitiveVariables(definitionID: String) async throws -> SensitiveVariables {
        let processProperties = try await processExtensionProperties(definitionID: definitionID)
        return SensitiveVariables(list: processProperties[SensitiveVariables.propertyName] ?? "")
    }

    /// The definition of a user task's process, or nil when there is no such task.
    public func definitionID(ofTask taskID: String) async throws -> String? {
        guard let uuid = ExternalTaskRecord.canonicalID(taskID) else { return nil }
        return try await pool.withConnection { connection in
            try connection.query("SELECT definition_id FROM user_tasks WHERE id = $1::uuid", [.text(uuid)])
                .rows.first?.decode("definition_id")
        }
    }
}
