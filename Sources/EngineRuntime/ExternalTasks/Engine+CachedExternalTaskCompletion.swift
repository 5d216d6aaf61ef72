import EngineCore
import Expressions
import PostgresClient

extension Engine {
    /// Completes an external task whose instance this engine wrote last (`InstanceCache`) in one round trip: the
    /// step's writes, guarded (`InstanceWriter.cachedGuard`, `InstanceGuard`), and the COMMIT go together, with no
    /// read first, in one transaction with other completions arriving at the same moment (`CompletionGroups`). Nil
    /// when the instance is not cached, when a guard found a row changed (SQLSTATE `BT409`), or when the step refused
    /// the command on the cached state: the caller then runs the ordinary path, which reads the rows and gives the
    /// exact error, if any. Other failures (the connection, conflicts after all retries) are thrown:
    /// running the command again could misreport one that committed.
    func completeCachedExternalTask(
        _ id: String, workerID: String, variables: [String: Value], localVariables: [String: Value],
        origin: CommandOrigin, now: DateTime
    ) async throws -> (summary: InstanceSummary, topic: String)? {
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
            let taskGuard = InstanceGuard.ExternalTaskCondition(
                taskID: hit.taskID, instanceID: instance.storedID, elementInstanceKey: hit.key.rawValue,
                workerID: workerID)
            let body: CompletionGroups.Body = { connection in
                try InstanceTransaction(engine: self, connection: connection, origin: origin, now: now).run(
                    .init(
                        target: .loaded(instance),
                        command: .complete(hit.key, variables: variables, localVariables: localVariables),
                        isPrimary: true, name: "completeExternalTask", leadingHistory: [leading],
                        cachedGuard: taskGuard))
            }
            // With whoever else completes at this moment (group commit); again when another member failed the group
            // (at most three times), else alone.
            var outcome = CompletionGroups.Outcome.again
            for _ in 0..<3 {
                guard case .again = outcome else { break }
                outcome = try await completionGroups.run(
                    instanceID: instance.storedID, body, transaction: { try await self.countingCommitted($0) })
            }
            let summary: InstanceSummary
            switch outcome {
            case .committed(let grouped): summary = grouped
            case .alone, .again: summary = try await transaction(body)
            }
            instanceCache.recordHit()
            return (summary, details.topic)
        } catch let error as EngineError {
            switch error {
            case .storage(let failure) where failure.sqlState == InstanceGuard.staleState:
                break
            case .rejected, .notFound, .lockViolation:
                break  // refused on the cached state, before anything was sent
            default:
                instanceCache.forget(instance.storedID)
                throw error
            }
            instanceCache.recordStale(instance.storedID)
            return nil
        }
    }
}
