import EngineCore
import Expressions
import PostgresClient

extension Engine {
    /// Completes an external task whose instance this engine wrote last (`InstanceCache`) in one round trip: the
    /// step's writes, guarded (`InstanceWriter.cachedGuards`, `InstanceGuard`), and the COMMIT go together, with no
    /// read first. Nil when the
    /// instance is not cached, or when anything fails (the row changed, the step was refused): the caller then runs
    /// the ordinary path, which reads the rows and gives the exact error, if any.
    func completeCachedExternalTask(
        _ id: String, workerID: String, variables: [String: Value], localVariables: [String: Value],
        origin: CommandOrigin, now: DateTime
    ) async -> (summary: InstanceSummary, topic: String)? {
        guard let canonical = ExternalTaskRecord.canonicalID(id), let hit = instanceCache.externalTask(canonical),
            let details = hit.instance.state.externalTasks[hit.key], let element = hit.instance.state.elements[hit.key]
        else { return nil }
        let instance = hit.instance
        // The row the ordinary path writes from the task row (`ExternalTaskRecord.historyRow`), from the state.
        let leading = LeadingHistoryRow(
            type: "externalTaskCompleted", elementID: instance.definition.process[element.node].id.rawValue,
            elementInstanceKey: hit.key.rawValue,
            payload: .map([
                "workerId": .string(workerID), "externalTaskId": .string(hit.taskID), "topic": .string(details.topic),
            ]))
        do {
            let taskGuard = InstanceGuard.externalTask(
                hit.taskID, instanceID: instance.storedID, elementInstanceKey: hit.key.rawValue, workerID: workerID)
            let summary = try await transaction { connection in
                try InstanceTransaction(engine: self, connection: connection, origin: origin, now: now).run(
                    .init(
                        target: .loaded(instance),
                        command: .complete(hit.key, variables: variables, localVariables: localVariables),
                        isPrimary: true, name: "completeExternalTask", leadingHistory: [leading],
                        cachedGuards: [taskGuard]))
            }
            instanceCache.recordHit()
            return (summary, details.topic)
        } catch {
            instanceCache.recordStale(instance.storedID)
            return nil
        }
    }
}
