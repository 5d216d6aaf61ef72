import EngineRuntime
import Expressions
import Foundation
import Testing

/// The HTTP connector against a local HTTP server: requests, responses, the error convention, timeouts, the
/// circuit breaker, idempotency keys, secrets and bad inputs; and the backoff formula.
@Suite struct ConnectorTests {
    static let secretValue = "s3cr3t-Value-9f2c"

    static func connector(
        timeout: Duration = .seconds(5), failureThreshold: Int = 5, coolDown: Duration = .seconds(30)
    ) -> HTTPConnector {
        HTTPConnector(
            configuration: .init(
                timeout: timeout, failureThreshold: failureThreshold, coolDown: coolDown,
                secrets: .standard(environment: ["BATON_SECRET_API_TOKEN": secretValue])))
    }

    static func withServer(_ body: (ConnectorTestServer) async throws -> Void) async throws {
        let server = try await ConnectorTestServer.start()
        do {
            try await body(server)
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }

    // MARK: - Requests and responses

    @Test func postWithJSONPayloadEchoesMethodHeadersAndBody() async throws {
        try await Self.withServer { server in
            let outcome = await Self.connector().call(
                jobID: "job-1",
                input: [
                    "url": .string(server.url("/echo/items?x=1")), "method": .string("post"),
                    "headers": .map(["X-Custom": .string("abc"), "X-Count": .integer(3)]),
                    "payload": .map(["name": .string("n"), "size": .integer(2)]),
                ])
            guard case .completed(let response) = outcome else {
                Issue.record("expected completed, got \(outcome)")
                return
            }
            #expect(response["statusCode"] == .integer(200))
            guard case .map(let headers)? = response["headers"] else {
                Issue.record("no headers map in \(response)")
                return
            }
            #expect(headers["x-echo"] == .string("yes"))
            #expect(headers["content-type"] == .string("application/json; charset=utf-8"))
            guard case .map(let echo)? = response["responseJson"], case .map(let sent)? = echo["headers"] else {
                Issue.record("no responseJson in \(response)")
                return
            }
            #expect(echo["method"] == .string("POST"))
            #expect(echo["uri"] == .string("/echo/items?x=1"))
            #expect(echo["body"] == .string(#"{"name":"n","size":2}"#))
            #expect(sent["x-custom"] == .string("abc"))
            #expect(sent["x-count"] == .string("3"))
            #expect(sent["content-type"] == .string("application/json"))
            guard case .string(let text)? = response["response"] else {
                Issue.record("no response text in \(response)")
                return
            }
            #expect(Value(jsonText: text) == response["responseJson"])
        }
    }

    @Test func textResponseHasNoResponseJSONAndStringPayloadIsSentAsIs() async throws {
        try await Self.withServer { server in
            let outcome = await Self.connector().call(
                jobID: "job-2",
                input: ["url": .string(server.url("/text")), "method": .string("PUT"), "payload": .string("{not json")])
            #expect(
                outcome
                    == .completed(response: [
                        "statusCode": .integer(200), "response": .string("hello"),
                        "headers": .map(["content-type": .string("text/plain"), "content-length": .string("5")]),
                    ]))
            #expect(server.log.all.map(\.body) == ["{not json"])
            #expect(server.log.all.map(\.method) == ["PUT"])
        }
    }

    @Test func slowServerIsRetryableFailureWithinTheTimeout() async throws {
        try await Self.withServer { server in
            let clock = ContinuousClock()
            let start = clock.now
            let outcome = await Self.connector(timeout: .milliseconds(300)).call(
                jobID: "job-3", input: ["url": .string(server.url("/sleep/3000")), "method": .string("GET")])
            let elapsed = start.duration(to: clock.now)
            #expect(
                outcome
                    == .retryableFailure("GET \(server.url("/sleep/3000")) failed: no complete response within 300 ms"))
            #expect(elapsed >= .milliseconds(250))
        }
    }

    @Test func slowBodyIsRetryableFailureWithinTheTimeout() async throws {
        try await Self.withServer { server in
            let clock = ContinuousClock()
            let start = clock.now
            let url = server.url("/slowbody/3000")
            let outcome = await Self.connector(timeout: .milliseconds(300)).call(
                jobID: "job-3", input: ["url": .string(url), "method": .string("GET")])
            let elapsed = start.duration(to: clock.now)
            #expect(outcome == .retryableFailure("GET \(url) failed: no complete response within 300 ms"))
            let quick = await Self.connector(timeout: .seconds(2)).call(
                jobID: "job-3", input: ["url": .string(server.url("/slowbody/50")), "method": .string("GET")])
            guard case .completed(let response) = quick else {
                Issue.record("expected completed, got \(quick)")
                return
            }
            #expect(response["response"] == .string("first-last"))
        }
    }

    @Test func connectionRefusedIsRetryableFailure() async throws {
        let server = try await ConnectorTestServer.start()
        let url = server.url("/text")
        try await server.stop()
        let outcome = await Self.connector().call(
            jobID: "job-4", input: ["url": .string(url), "method": .string("GET")])
        guard case .retryableFailure(let message) = outcome else {
            Issue.record("expected retryableFailure, got \(outcome)")
            return
        }
        // Whether it fails at once or by the timeout depends on the machine (under a full parallel test run the freed
        // port can be taken by another test's server): what matters is that it is retryable and says what failed.
        #expect(message.hasPrefix("GET \(url) failed: "), "\(message)")
    }

    @Test func bodyOverTheLimitIsPermanentFailure() async throws {
        try await Self.withServer { server in
            let connector = HTTPConnector(configuration: .init(maximumResponseBytes: 3, secrets: .init(sources: [])))
            let url = server.url("/text")
            let outcome = await connector.call(jobID: "j", input: ["url": .string(url), "method": .string("GET")])
            #expect(outcome == .permanentFailure("GET \(url) failed: the response body is larger than 3 bytes"))
        }
    }

    @Test func cancelledCallIsRetryableAndDoesNotCountAgainstTheHost() async throws {
        try await Self.withServer { server in
            let connector = Self.connector(failureThreshold: 1)
            let url = server.url("/sleep/3000")
            let call = Task {
                await connector.call(jobID: "j", input: ["url": .string(url), "method": .string("GET")])
            }
            try await Task.sleep(for: .milliseconds(200))
            call.cancel()
            #expect(await call.value == .retryableFailure("GET \(url) failed: the call was cancelled"))
            #expect(connector.breakerState(host: server.hostKey) == .closed)
        }
    }

    // MARK: - Status codes and the BPMN error convention

    @Test func serverErrorWithoutMappingIsRetryable() async throws {
        try await Self.withServer { server in
            let url = server.url("/status/500")
            let outcome = await Self.connector().call(
                jobID: "j", input: ["url": .string(url), "method": .string("GET")])
            #expect(outcome == .retryableFailure("HTTP 500 Internal Server Error from GET \(url)"))
            let tooMany = await Self.connector().call(
                jobID: "j", input: ["url": .string(server.url("/status/429")), "method": .string("GET")])
            #expect(tooMany == .retryableFailure("HTTP 429 Too Many Requests from GET \(server.url("/status/429"))"))
        }
    }

    @Test func serverErrorWithMappingIsBPMNError() async throws {
        try await Self.withServer { server in
            let url = server.url("/status/503")
            let outcome = await Self.connector().call(
                jobID: "j", input: ["url": .string(url), "method": .string("GET"), "bpmnErrorOnStatus": .string("5xx")])
            #expect(
                outcome
                    == .bpmnError(
                        code: "HTTP_503", message: "HTTP 503 Service Unavailable from GET \(url)",
                        variables: [
                            "statusCode": .integer(503), "response": .string("status 503"),
                            "headers": .map(["content-type": .string("text/plain"), "content-length": .string("10")]),
                        ]))
        }
    }

    @Test func clientErrorWithMappingIsBPMNErrorAndWithoutMappingCompletes() async throws {
        try await Self.withServer { server in
            let url = server.url("/status/404")
            for mapping: Value in [.bool(true), .string(" TRUE"), .string("404"), .list([.integer(409), .string("4xx")])] {
                let outcome = await Self.connector().call(
                    jobID: "j", input: ["url": .string(url), "method": .string("DELETE"), "bpmnErrorOnStatus": mapping])
                guard case .bpmnError(let code, let message, let variables) = outcome else {
                    Issue.record("expected bpmnError for \(mapping), got \(outcome)")
                    continue
                }
                #expect(code == "HTTP_404")
                #expect(message == "HTTP 404 Not Found from DELETE \(url)")
                #expect(variables["statusCode"] == .integer(404))
            }
            let unmatched = await Self.connector().call(
                jobID: "j", input: ["url": .string(url), "method": .string("GET"), "bpmnErrorOnStatus": .string("5xx")])
            guard case .completed(let response) = unmatched else {
                Issue.record("expected completed, got \(unmatched)")
                return
            }
            #expect(response["statusCode"] == .integer(404))
        }
    }

    // MARK: - Circuit breaker

    @Test func circuitOpensFailsFastHalfOpensAndClosesAfterSuccess() async throws {
        try await Self.withServer { server in
            let connector = Self.connector(failureThreshold: 3, coolDown: .milliseconds(200))
            let failing: [String: Value] = ["url": .string(server.url("/status/500")), "method": .string("GET")]
            for _ in 0..<3 {
                let outcome = await connector.call(jobID: "j", input: failing)
                #expect(
                    outcome == .retryableFailure("HTTP 500 Internal Server Error from GET \(server.url("/status/500"))")
                )
            }
            #expect(connector.breakerState(host: server.hostKey) == .open)
            #expect(connector.breakerSnapshot() == [server.hostKey: .open])
            let fast = await connector.call(
                jobID: "j", input: ["url": .string(server.url("/text")), "method": .string("GET")])
            guard case .retryableFailure(let message) = fast else {
                Issue.record("expected a fast failure, got \(fast)")
                return
            }
            #expect(message.hasPrefix("circuit open for \(server.hostKey) after 3 consecutive failures; GET "))
            #expect(server.requestCount == 3)

            try await Task.sleep(for: .milliseconds(250))
            #expect(connector.breakerState(host: server.hostKey) == .halfOpen)
            let trial = await connector.call(
                jobID: "j", input: ["url": .string(server.url("/text")), "method": .string("GET")])
            guard case .completed = trial else {
                Issue.record("expected the trial to complete, got \(trial)")
                return
            }
            #expect(server.requestCount == 4)
            #expect(connector.breakerState(host: server.hostKey) == .closed)
            #expect(connector.breakerSnapshot() == [server.hostKey: .closed])
        }
    }

    @Test func failedTrialOpensTheCircuitAgain() async throws {
        try await Self.withServer { server in
            let connector = Self.connector(failureThreshold: 2, coolDown: .milliseconds(200))
            let failing: [String: Value] = ["url": .string(server.url("/status/502")), "method": .string("GET")]
            _ = await connector.call(jobID: "j", input: failing)
            #expect(connector.breakerState(host: server.hostKey) == .closed)
            _ = await connector.call(jobID: "j", input: failing)
            #expect(connector.breakerState(host: server.hostKey) == .open)
            try await Task.sleep(for: .milliseconds(250))
            _ = await connector.call(jobID: "j", input: failing)
            #expect(server.requestCount == 3)
            #expect(connector.breakerState(host: server.hostKey) == .open)
            let fast = await connector.call(jobID: "j", input: failing)
            #expect(server.requestCount == 3)
            guard case .retryableFailure(let message) = fast else {
                Issue.record("expected a fast failure, got \(fast)")
                return
            }
            #expect(message.hasPrefix("circuit open"))
        }
    }

    @Test func clientErrorsAndSuccessesResetTheFailureCount() async throws {
        try await Self.withServer { server in
            let connector = Self.connector(failureThreshold: 2, coolDown: .seconds(30))
            let failing: [String: Value] = ["url": .string(server.url("/status/500")), "method": .string("GET")]
            let notFound: [String: Value] = ["url": .string(server.url("/status/404")), "method": .string("GET")]
            for _ in 0..<3 {
                _ = await connector.call(jobID: "j", input: failing)
                _ = await connector.call(jobID: "j", input: notFound)
            }
            #expect(connector.breakerState(host: server.hostKey) == .closed)
            #expect(server.requestCount == 6)
        }
    }

    @Test func breakerAdmitsOneTrialAtATimeAndIgnoresStaleResults() {
        let breaker = CircuitBreaker(failureThreshold: 2, coolDown: .seconds(10))
        let start = ContinuousClock.now
        #expect(breaker.admit(host: "h:1", now: start) == .proceed(isTrial: false))
        #expect(breaker.admit(host: "h:1", now: start) == .proceed(isTrial: false))
        #expect(breaker.admit(host: "h:1", now: start) == .proceed(isTrial: false))
        breaker.record(host: "h:1", success: false, isTrial: false, now: start)
        breaker.record(host: "h:1", success: false, isTrial: false, now: start)
        #expect(breaker.state(host: "h:1", now: start) == .open)
        // The third call, admitted before the circuit opened, succeeds late: the open circuit ignores it.
        breaker.record(host: "h:1", success: true, isTrial: false, now: start)
        #expect(breaker.state(host: "h:1", now: start) == .open)
        #expect(breaker.admit(host: "h:1", now: start + .seconds(4)) == .rejected(retryAfter: .seconds(6)))
        let later = start + .seconds(10)
        #expect(breaker.state(host: "h:1", now: later) == .halfOpen)
        #expect(breaker.admit(host: "h:1", now: later) == .proceed(isTrial: true))
        #expect(breaker.admit(host: "h:1", now: later) == .rejected(retryAfter: .zero))
        breaker.record(host: "h:1", success: true, isTrial: false, now: later)
        #expect(breaker.state(host: "h:1", now: later) == .halfOpen)
        breaker.record(host: "h:1", success: true, isTrial: true, now: later)
        #expect(breaker.state(host: "h:1", now: later) == .closed)
        #expect(breaker.snapshot(now: later) == ["h:1": .closed])
        #expect(breaker.state(host: "other:2", now: later) == .closed)
    }

    // MARK: - Idempotency key

    @Test func idempotencyKeyIsTheJobIDOnEveryCall() async throws {
        try await Self.withServer { server in
            let connector = Self.connector()
            let input: [String: Value] = [
                "url": .string(server.url("/echo")), "method": .string("POST"),
                "headers": .map(["Idempotency-Key": .string("from-the-model")]),
            ]
            _ = await connector.call(jobID: "job-77", input: input)
            _ = await connector.call(jobID: "job-77", input: input)
            _ = await connector.call(jobID: "job-78", input: input)
            #expect(server.log.all.map { $0.headers["idempotency-key"] } == ["job-77", "job-77", "job-78"])
        }
    }

    // MARK: - Secrets

    @Test func secretInHeaderIsSentButNeverReturned() async throws {
        try await Self.withServer { server in
            let outcome = await Self.connector().call(
                jobID: "job-5",
                input: [
                    "url": .string(server.url("/echo")), "method": .string("GET"),
                    "headers": .map(["Authorization": .string("Bearer {{secret:API_TOKEN}}")]),
                ])
            #expect(server.log.all.first?.headers["authorization"] == "Bearer \(Self.secretValue)")
            guard case .completed(let response) = outcome else {
                Issue.record("expected completed, got \(outcome)")
                return
            }
            #expect(!String(describing: outcome).contains(Self.secretValue))
            guard case .map(let echo)? = response["responseJson"], case .map(let sent)? = echo["headers"] else {
                Issue.record("no echo in \(response)")
                return
            }
            #expect(sent["authorization"] == .string("Bearer ***"))
        }
    }

    @Test func secretInURLStaysOutOfErrorMessages() async throws {
        try await Self.withServer { server in
            let template = server.url("/status/500?token={{secret:API_TOKEN}}")
            let outcome = await Self.connector().call(
                jobID: "job-6",
                input: ["url": .string(template), "method": .string("GET"), "bpmnErrorOnStatus": .bool(true)])
            #expect(server.log.all.first?.uri == "/status/500?token=\(Self.secretValue)")
            #expect(!String(describing: outcome).contains(Self.secretValue))
            guard case .bpmnError(_, let message, _) = outcome else {
                Issue.record("expected bpmnError, got \(outcome)")
                return
            }
            #expect(message == "HTTP 500 Internal Server Error from GET \(template)")

            let stopped = try await ConnectorTestServer.start()
            let refusedTemplate = stopped.url("/x?token={{secret:API_TOKEN}}")
            try await stopped.stop()
            let refused = await Self.connector().call(
                jobID: "job-6", input: ["url": .string(refusedTemplate), "method": .string("GET")])
            guard case .retryableFailure(let refusedMessage) = refused else {
                Issue.record("expected retryableFailure, got \(refused)")
                return
            }
            #expect(refusedMessage.hasPrefix("GET \(refusedTemplate) failed: "))
            #expect(!refusedMessage.contains(Self.secretValue))
        }
    }

    @Test func undefinedSecretIsPermanentFailureAndNothingIsSent() async throws {
        try await Self.withServer { server in
            let outcome = await Self.connector().call(
                jobID: "job-7",
                input: [
                    "url": .string(server.url("/echo")), "method": .string("GET"),
                    "headers": .map(["X-Key": .string("{{secret:MISSING_ONE}}")]),
                ])
            #expect(
                outcome
                    == .permanentFailure(
                        "secret 'MISSING_ONE' is not defined (looked in: environment variable BATON_SECRET_<NAME>)"))
            #expect(server.requestCount == 0)
        }
    }

    @Test func secretsFileAndMalformedReferences() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baton-secrets-\(UUID().uuidString)")
            .path
        try "# comment\n\nOTHER=1\nFILE_TOKEN = from-file=x\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let resolver = SecretResolver.standard(environment: ["BATON_SECRETS_FILE": path, "BATON_SECRET_ENV_ONE": "e"])
        var used: Set<String> = []
        #expect(
            try resolver.resolve("a {{secret:FILE_TOKEN}} b {{secret:ENV_ONE}}", used: &used) == "a  from-file=x b e")
        #expect(used == [" from-file=x", "e"])
        #expect(throws: SecretError.malformedReference("{{secret:bad name}}")) {
            try resolver.resolve("{{secret:bad name}}", used: &used)
        }
        #expect(throws: SecretError.malformedReference("{{secret:NEVER_CLOSED")) {
            try resolver.resolve("{{secret:NEVER_CLOSED", used: &used)
        }
        let missingFile = SecretResolver(sources: [.file(path: path + "-missing")])
        #expect(throws: SecretError.unreadableFile(path: path + "-missing")) {
            try missingFile.value(of: "X")
        }
    }

    // MARK: - Bad inputs

    @Test(
        arguments: [
            ([:], "input 'url' is missing"),
            (
                ["url": .string("http://127.0.0.1:1/x")],
                "input 'method' is missing (use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS)"
            ),
            (
                ["url": .string("http://127.0.0.1:1/x"), "method": .string("FETCH")],
                "unknown method 'FETCH' (use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS)"
            ),
            (["url": .integer(3), "method": .string("GET")], "input 'url' must be text, not Integer"),
            (
                ["url": .string("ftp://127.0.0.1/x"), "method": .string("GET")],
                "input 'url' must use http or https: 'ftp://127.0.0.1/x'"
            ),
            (
                ["url": .string("not a url"), "method": .string("GET")],
                "input 'url' is not a valid http or https URL: 'not a url'"
            ),
            (
                ["url": .string("http://127.0.0.1:1/x"), "method": .string("GET"), "headers": .string("a")],
                "input 'headers' must be a map of header names to text, not String"
            ),
            (
                [
                    "url": .string("http://127.0.0.1:1/x"), "method": .string("GET"),
                    "headers": .map(["Bad Name": .string("v")]),
                ],
                "header name 'Bad Name' is not a valid HTTP token"
            ),
            (
                [
                    "url": .string("http://127.0.0.1:1/x"), "method": .string("GET"),
                    "headers": .map(["X": .string("a\r\nb")]),
                ],
                "header 'X' has an invalid value: it contains a line break or NUL"
            ),
            (
                [
                    "url": .string("http://127.0.0.1:1/x"), "method": .string("GET"),
                    "bpmnErrorOnStatus": .string("3xx"),
                ],
                "input 'bpmnErrorOnStatus' must be true, false, or statuses and classes such as \"404, 5xx\"; "
                    + "cannot read '3xx'"
            ),
        ] as [([String: Value], String)])
    func badInputIsPermanentFailure(input: [String: Value], message: String) async {
        let outcome = await Self.connector().call(jobID: "job-8", input: input)
        #expect(outcome == .permanentFailure(message))
    }

    // MARK: - Backoff

    @Test func backoffStaysWithinTheExponentialCeiling() {
        var random = ConnectorSeededRandom(state: 42)
        for attempt in 1...12 {
            let ceiling = min(Duration.milliseconds(100) * (1 << (attempt - 1)), .seconds(10))
            for _ in 0..<200 {
                let delay = HTTPConnector.backoff(
                    attempt: attempt, base: .milliseconds(100), cap: .seconds(10), random: &random)
                #expect(delay >= .zero && delay <= ceiling, "attempt \(attempt): \(delay) outside 0...\(ceiling)")
            }
        }
    }

    @Test func backoffIsFullJitterOverTheWholeRange() {
        var random = ConnectorSeededRandom(state: 7)
        let delays = (0..<2_000).map { _ in
            HTTPConnector.backoff(attempt: 4, base: .milliseconds(100), cap: .seconds(60), random: &random)
        }
        // Ceiling 800 ms: full jitter reaches near zero and near the ceiling, and averages about half of it.
        #expect(delays.contains { $0 < .milliseconds(40) })
        #expect(delays.contains { $0 > .milliseconds(760) })
        let mean = delays.reduce(Duration.zero, +) / delays.count
        #expect(mean > .milliseconds(360) && mean < .milliseconds(440), "mean \(mean)")
    }

    @Test func backoffHandlesEdgeAttemptsAndIsRepeatable() {
        var first = ConnectorSeededRandom(state: 1)
        var second = ConnectorSeededRandom(state: 1)
        let base = Duration.milliseconds(500)
        let cap = Duration.seconds(30)
        #expect(
            HTTPConnector.backoff(attempt: 0, base: base, cap: cap, random: &first)
                == HTTPConnector.backoff(attempt: 1, base: base, cap: cap, random: &second))
        var random = ConnectorSeededRandom(state: 3)
        for attempt in [-5, 0, 1] {
            #expect(HTTPConnector.backoff(attempt: attempt, base: base, cap: cap, random: &random) <= base)
        }
        for attempt in [63, 64, 1_000, Int.max] {
            #expect(HTTPConnector.backoff(attempt: attempt, base: base, cap: cap, random: &random) <= cap)
        }
        #expect(HTTPConnector.backoff(attempt: 3, base: .zero, cap: cap, random: &random) == .zero)
        #expect(HTTPConnector.backoff(attempt: 3, base: base, cap: .zero, random: &random) == .zero)
    }
}
