import Expressions
import Foundation

/// How a failing job is retried: Camunda's default of 3 tries, or `camunda:failedJobRetryTimeCycle` as `R3/PT10M`
/// or a list `PT1M,PT5M,PT10M`; the default waits with exponential backoff and full jitter.
public struct RetryPolicy: Sendable, Hashable {
    /// How many tries in all.
    public var tries: Int
    /// Fixed waits before each retry, when the model gives them (the last one repeats).
    public var intervals: [ISODuration]
    /// The first backoff step, when no intervals are given.
    public var base: Int64 = 10_000
    /// The longest backoff, when no intervals are given.
    public var cap: Int64 = 600_000

    /// Camunda's default: 3 tries, exponential backoff with full jitter.
    public static let standard = RetryPolicy(tries: 3, intervals: [])

    /// Creates a policy.
    public init(tries: Int, intervals: [ISODuration]) {
        self.tries = tries
        self.intervals = intervals
    }

    /// Reads `R3/PT10M` or `PT1M,PT5M,PT10M`; nil when the text is neither.
    public init?(cycle text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("R"), let slash = trimmed.firstIndex(of: "/") {
            guard let count = Int(trimmed[trimmed.index(after: trimmed.startIndex)..<slash]), count >= 0,
                let interval = ISODuration.parse(String(trimmed[trimmed.index(after: slash)...]))
            else { return nil }
            self.init(tries: count + 1, intervals: [interval])
            return
        }
        let parts = trimmed.split(separator: ",").map { ISODuration.parse($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        self.init(tries: parts.count + 1, intervals: parts.compactMap { $0 })
    }

    /// When to try again after the `failures`-th failure (1 for the first), from `now`; `random` in 0..<1 draws the
    /// jitter.
    public func retryAt(after failures: Int, now: DateTime, random: Double) -> DateTime {
        if !intervals.isEmpty {
            let interval = intervals[min(max(failures - 1, 0), intervals.count - 1)]
            return interval.added(to: now)
        }
        let exponent = min(max(failures - 1, 0), 30)
        let ceiling = min(cap, base << Int64(exponent))
        let wait = Int64((Double(ceiling) * min(max(random, 0), 1)).rounded())
        return DateTime(epochMilliseconds: now.epochMilliseconds + wait, offsetSeconds: now.offsetSeconds)
    }
}
