import Expressions

/// What one connector call came to, for the job executor to act on.
///
/// None of the strings or values carries a resolved secret: secrets are resolved only for the request on the wire,
/// and every occurrence of a resolved value in the response or in a message is replaced by `***`.
public enum ConnectorOutcome: Sendable, Hashable {
    /// The call succeeded: complete the task with `.completeConnector(key, response:)`.
    ///
    /// `response` holds `statusCode` (integer), `response` (the body as text), `headers` (map of lower-cased header
    /// names to text) and, when the response is JSON, `responseJson` (the parsed body).
    case completed(response: [String: Value])
    /// The status was mapped to a BPMN error (input `bpmnErrorOnStatus`): throw it with
    /// `.throwError(key, code:, message:, variables:)` so a boundary event can catch it. `code` is `HTTP_<status>`;
    /// `variables` are the same response variables as for `completed`.
    case bpmnError(code: String, message: String, variables: [String: Value])
    /// The call may succeed later (network error, timeout, 5xx or 429 without mapping, circuit open): retry the job
    /// with backoff, then raise an incident when the retries are used up.
    case retryableFailure(String)
    /// The call can never succeed as modelled (missing or invalid input, unknown method, undefined secret): raise an
    /// incident at once, without retrying.
    case permanentFailure(String)
}
