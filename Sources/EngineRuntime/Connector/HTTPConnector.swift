import AsyncHTTPClient
import Expressions
import NIOCore
import NIOHTTP1

/// Camunda's `http-connector`: calls an HTTP endpoint for a service task, as a job after the step's commit.
///
/// Inputs: `url`, `method`, `headers` (map), `payload` (text, or a map or list sent as JSON) and Baton's
/// `bpmnErrorOnStatus`. The result is a `ConnectorOutcome`; the job executor completes the task, throws the BPMN
/// error, retries with `backoff(attempt:base:cap:random:)` or raises an incident. Each call carries the header
/// `Idempotency-Key: <job id>`, the same on every retry of a job. A circuit breaker per `host:port` fails calls
/// fast after repeated failures. `docs/http-connector.md` is the reference.
public struct HTTPConnector: Sendable {
    /// The connector id that selects this connector in `camunda:connectorId`.
    public static let connectorID = "http-connector"

    /// The HTTP client (`sharedClient` unless one was given).
    public let client: HTTPClient
    /// Timeouts, breaker settings, secrets.
    public let configuration: Configuration
    /// The circuit breakers, one per `host:port`.
    public let breaker: CircuitBreaker

    /// Where the circuit states are reported (`baton_connector_circuit_state`, one gauge per host).
    public let metrics: EngineMetrics

    /// A connector using `client`, or `HTTPConnector.sharedClient` (which needs no shutdown) when nil. A given
    /// client stays the caller's to shut down. `metrics` receives the circuit state of each host it calls.
    public init(
        client: HTTPClient? = nil, configuration: Configuration = Configuration(),
        metrics: EngineMetrics = EngineMetrics()
    ) {
        self.client = client ?? Self.sharedClient
        self.configuration = configuration
        self.metrics = metrics
        self.breaker = CircuitBreaker(
            failureThreshold: configuration.failureThreshold, coolDown: configuration.coolDown)
    }

    /// Sets `baton_connector_circuit_state` for every host called so far (an open circuit whose cool-down has
    /// passed reads as half-open); call it before a metrics scrape to refresh states that changed with time only.
    public func reportCircuitStates() {
        for (host, state) in breaker.snapshot() {
            metrics.setGauge(EngineMetrics.circuitState, [("host", host)], state.metricValue)
        }
    }

    /// Sets the circuit gauge of one host to its current state.
    private func reportCircuitState(_ host: String) {
        metrics.setGauge(EngineMetrics.circuitState, [("host", host)], breaker.state(host: host).metricValue)
    }

    /// The circuit state of `host` (written `host:port`, e.g. `api.example.com:443`).
    public func breakerState(host: String) -> CircuitState {
        breaker.state(host: host.lowercased())
    }

    /// The circuit state of every host called so far, keyed by `host:port`, for metrics.
    public func breakerSnapshot() -> [String: CircuitState] {
        breaker.snapshot()
    }

    /// Calls the endpoint the inputs describe for job `jobID`; never throws.
    public func call(jobID: String, input: [String: Value]) async -> ConnectorOutcome {
        let request: HTTPConnectorRequest
        do {
            request = try HTTPConnectorRequest(input: input, secrets: configuration.secrets)
        } catch {
            return .permanentFailure(error.description)
        }
        let redactor = SecretRedactor(request.secretValues)
        let target = "\(request.method) \(request.displayURL)"
        let isTrial: Bool
        defer { reportCircuitState(request.hostKey) }
        switch breaker.admit(host: request.hostKey) {
        case .proceed(let trial):
            isTrial = trial
        case .rejected(let retryAfter):
            return .retryableFailure(
                "circuit open for \(request.hostKey) after \(breaker.failureThreshold) consecutive failures; "
                    + "\(target) was not sent (retry after \(Self.milliseconds(retryAfter)) ms)")
        }
        let response: RawResponse
        do {
            response = try await perform(request, jobID: jobID)
        } catch {
            switch error {
            case .bodyTooLarge:
                breaker.record(host: request.hostKey, success: true, isTrial: isTrial)
            case .timedOut, .transport:
                breaker.record(host: request.hostKey, success: false, isTrial: isTrial)
            case .cancelled:
                // Says nothing about the host; a trial must still end, or the circuit would stay half-open.
                if isTrial { breaker.record(host: request.hostKey, success: false, isTrial: true) }
            }
            let message = "\(target) failed: \(error.description(timeout: configuration.timeout, redactor: redactor))"
            if case .bodyTooLarge = error { return .permanentFailure(message) }
            return .retryableFailure(message)
        }
        let status = response.status
        let isFailure = status >= 500 || status == 429
        breaker.record(host: request.hostKey, success: !isFailure, isTrial: isTrial)
        let variables = response.variables(redactor: redactor)
        let statusText = "HTTP \(status)\(response.reason.isEmpty ? "" : " " + redactor.redact(response.reason))"
        if request.errorMapping.matches(status) {
            return .bpmnError(code: "HTTP_\(status)", message: "\(statusText) from \(target)", variables: variables)
        }
        if isFailure { return .retryableFailure("\(statusText) from \(target)") }
        return .completed(response: variables)
    }

    /// Sends the request and reads the whole response within the configured timeout.
    private func perform(_ request: HTTPConnectorRequest, jobID: String) async throws(CallFailure) -> RawResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        outgoing.headers.replaceOrAdd(name: "Idempotency-Key", value: jobID)
        if let body = request.body { outgoing.body = .bytes(body) }
        let prepared = outgoing
        let client = self.client
        let timeout = configuration.timeout
        let limit = configuration.maximumResponseBytes
        do {
            return try await withThrowingTaskGroup(of: RawResponse.self) { group in
                group.addTask {
                    let response = try await client.execute(
                        prepared, timeout: .nanoseconds(Self.nanoseconds(timeout)))
                    var body: [UInt8] = []
                    for try await chunk in response.body {
                        guard body.count + chunk.readableBytes <= limit else { throw CallFailure.bodyTooLarge(limit) }
                        body.append(contentsOf: chunk.readableBytesView)
                    }
                    return RawResponse(
                        status: Int(response.status.code), reason: response.status.reasonPhrase,
                        headers: response.headers.map { ($0.name, $0.value) }, body: body)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw CallFailure.timedOut
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw CallFailure.timedOut }
                return first
            }
        } catch let failure as CallFailure {
            throw failure
        } catch  where Task.isCancelled {
            throw .cancelled
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw .timedOut
        } catch {
            throw .transport(String(describing: error))
        }
    }

    /// A duration in whole milliseconds, for messages.
    static func milliseconds(_ duration: Duration) -> Int64 {
        nanoseconds(duration) / 1_000_000
    }
}
