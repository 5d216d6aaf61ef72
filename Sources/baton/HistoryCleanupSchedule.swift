import EngineRuntime
import Logging

/// `baton serve`'s periodic history cleanup: on nodes that run the job executor, every
/// `--history-cleanup-interval` seconds (none when 0), in batches of `--history-cleanup-batch-size`.
enum HistoryCleanupSchedule {
    /// Starts the cleanup loop, or nothing when it is off on this node.
    static func start(_ command: ServeCommand, engine: Engine, logger: Logger) -> Task<Void, Never>? {
        guard !command.noExecutor, command.historyCleanupInterval > 0 else { return nil }
        let interval = Duration.seconds(command.historyCleanupInterval)
        let batchSize = command.historyCleanupBatchSize
        return Task {
            await engine.runHistoryCleanup(every: interval, batchSize: batchSize) { outcome in
                switch outcome {
                case .success(let result) where result.instances > 0:
                    logger.info(
                        "history cleanup",
                        metadata: ["instances": "\(result.instances)", "events": "\(result.events)",
                                   "batches": "\(result.batches)"])
                case .success:
                    break
                case .failure(let error):
                    logger.error("history cleanup failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
