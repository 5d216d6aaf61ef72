import EngineCore
import Expressions

/// Writes events as the history records the runtime stores (payload as JSON text) and rebuilds the state from
/// those records alone.
enum HistoryRoundTrip {
    static func rebuild(_ events: [InstanceEvent], in process: ExecutableProcess) throws -> InstanceState {
        let records = events.map { event in
            var record = event.historyRecord(in: process)
            record.payload = Value(jsonText: record.payload.jsonText) ?? .null
            return record
        }
        return try EngineCore.rebuild(fromHistory: records, in: process)
    }
}
