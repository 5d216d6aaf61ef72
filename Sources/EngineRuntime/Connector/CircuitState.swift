/// The state of the circuit breaker for one host.
public enum CircuitState: String, Sendable, Hashable, CaseIterable {
    /// Calls go through; consecutive failures are counted.
    case closed
    /// Calls fail fast without reaching the host until the cool-down has passed.
    case open
    /// The cool-down has passed: the next call is a trial that closes the circuit on success or opens it again.
    case halfOpen = "half-open"
}
