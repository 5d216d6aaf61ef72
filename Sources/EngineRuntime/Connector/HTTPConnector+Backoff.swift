extension HTTPConnector {
    /// The delay before retry number `attempt` (1 for the first retry): exponential backoff with full jitter, a
    /// uniformly random duration between zero and `min(cap, base × 2^(attempt − 1))`, to the nanosecond.
    ///
    /// Attempts below 1 count as 1; negative `base` or `cap` count as zero.
    public static func backoff(
        attempt: Int, base: Duration, cap: Duration, random: inout some RandomNumberGenerator
    ) -> Duration {
        let capNanoseconds = nanoseconds(cap)
        var ceiling = min(nanoseconds(base), capNanoseconds)
        var doublings = max(1, attempt) - 1
        while doublings > 0, ceiling < capNanoseconds, ceiling > 0 {
            let (doubled, overflow) = ceiling.multipliedReportingOverflow(by: 2)
            ceiling = overflow ? capNanoseconds : min(doubled, capNanoseconds)
            doublings -= 1
        }
        guard ceiling > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...ceiling, using: &random))
    }

    /// A duration in whole nanoseconds, clamped to `0...Int64.max`.
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return Int64.max }
        let (total, overflowSum) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflowSum ? Int64.max : max(0, total)
    }
}
