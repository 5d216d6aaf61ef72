import Synchronization

/// Circuit breakers for HTTP hosts, one per `host:port`, safe to share between concurrent calls.
///
/// A circuit is closed until `failureThreshold` consecutive calls fail (a transport error, a timeout, a 5xx or a
/// 429); it is then open and calls fail fast. After `coolDown` it is half-open: one trial call goes through (others
/// still fail fast); its success closes the circuit, its failure opens it again for another cool-down.
public final class CircuitBreaker: Sendable {
    /// Whether a call may go to its host.
    public enum Admission: Sendable, Hashable {
        /// The call may proceed; `isTrial` when it is the half-open trial call.
        case proceed(isTrial: Bool)
        /// The circuit is open (or a half-open trial is in flight); `retryAfter` is the rest of the cool-down.
        case rejected(retryAfter: Duration)
    }

    private struct Circuit {
        var state = CircuitState.closed
        var consecutiveFailures = 0
        var openedAt: ContinuousClock.Instant?
        var trialInFlight = false
    }

    /// Consecutive failures that open a closed circuit (at least 1).
    public let failureThreshold: Int
    /// How long an open circuit stays open before it lets a trial call through.
    public let coolDown: Duration
    private let circuits = Mutex<[String: Circuit]>([:])

    /// A breaker with the given threshold (values below 1 count as 1) and cool-down.
    public init(failureThreshold: Int, coolDown: Duration) {
        self.failureThreshold = max(1, failureThreshold)
        self.coolDown = coolDown
    }

    /// Asks whether a call to `host` may proceed; a call that proceeds must be followed by `record(host:…)`.
    public func admit(host: String, now: ContinuousClock.Instant = .now) -> Admission {
        circuits.withLock { circuits in
            var circuit = circuits[host] ?? Circuit()
            defer { circuits[host] = circuit }
            switch circuit.state {
            case .closed:
                return .proceed(isTrial: false)
            case .open:
                let openedAt = circuit.openedAt ?? now
                let elapsed = openedAt.duration(to: now)
                guard elapsed >= coolDown else { return .rejected(retryAfter: coolDown - elapsed) }
                circuit.state = .halfOpen
                circuit.trialInFlight = true
                return .proceed(isTrial: true)
            case .halfOpen:
                guard !circuit.trialInFlight else { return .rejected(retryAfter: .zero) }
                circuit.trialInFlight = true
                return .proceed(isTrial: true)
            }
        }
    }

    /// Records the result of an admitted call. Results of calls admitted before the circuit opened are ignored
    /// while it is open or half-open; only the trial decides a half-open circuit.
    public func record(host: String, success: Bool, isTrial: Bool, now: ContinuousClock.Instant = .now) {
        circuits.withLock { circuits in
            var circuit = circuits[host] ?? Circuit()
            defer { circuits[host] = circuit }
            switch circuit.state {
            case .closed:
                if success {
                    circuit.consecutiveFailures = 0
                } else {
                    circuit.consecutiveFailures += 1
                    if circuit.consecutiveFailures >= failureThreshold {
                        circuit.state = .open
                        circuit.openedAt = now
                    }
                }
            case .open:
                return
            case .halfOpen:
                guard isTrial else { return }
                circuit.trialInFlight = false
                if success {
                    circuit = Circuit()
                } else {
                    circuit.state = .open
                    circuit.openedAt = now
                    circuit.consecutiveFailures = failureThreshold
                }
            }
        }
    }

    /// The state of the circuit for `host` (`closed` for a host never called). An open circuit whose cool-down has
    /// passed reads as `halfOpen`.
    public func state(host: String, now: ContinuousClock.Instant = .now) -> CircuitState {
        circuits.withLock { circuits in
            circuits[host].map { visibleState($0, now: now) } ?? .closed
        }
    }

    /// The state of every host called so far, for metrics.
    public func snapshot(now: ContinuousClock.Instant = .now) -> [String: CircuitState] {
        circuits.withLock { circuits in
            circuits.mapValues { visibleState($0, now: now) }
        }
    }

    private func visibleState(_ circuit: Circuit, now: ContinuousClock.Instant) -> CircuitState {
        guard circuit.state == .open, let openedAt = circuit.openedAt else { return circuit.state }
        return openedAt.duration(to: now) >= coolDown ? .halfOpen : .open
    }
}
