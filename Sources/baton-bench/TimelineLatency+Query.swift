import EngineRuntime
import Foundation

extension TimelineLatency {
    /// Latency of `HistoryService.timeline` for one instance: the whole timeline, and a filtered page (variable
    /// updates, 50 at a time), each `queries` times after a warm-up, sequentially.
    static func queryLatency(
        _ engine: Engine, instance: String, queries: Int, log: inout String
    ) async throws -> [(String, JSONValue)] {
        let history = engine.history
        let page = TimelineQuery(types: ["variableUpdated"], firstResult: 100, maxResults: 50)
        var figures: [(String, JSONValue)] = []
        for (name, query) in [("timelineAll", TimelineQuery()), ("timelinePage", page)] {
            let clock = ContinuousClock()
            var entries = 0
            for _ in 0..<10 { entries = try await history.timeline(processInstanceId: instance, query: query).count }
            var times: [Double] = []
            times.reserveCapacity(queries)
            for _ in 0..<queries {
                let start = clock.now
                entries = try await history.timeline(processInstanceId: instance, query: query).count
                times.append(seconds(clock.now - start) * 1000)
            }
            times.sort()
            let p50 = percentile(times, 50)
            let p99 = percentile(times, 99)
            log += "\(name): \(entries) entries, p50 \(p50) ms, p99 \(p99) ms over \(queries) queries\n"
            figures += [
                ("\(name)Entries", .int(entries)), ("\(name)P50Ms", .double(p50)), ("\(name)P99Ms", .double(p99)),
            ]
        }
        figures.append(("timelineQueries", .int(queries)))
        return figures
    }
}
