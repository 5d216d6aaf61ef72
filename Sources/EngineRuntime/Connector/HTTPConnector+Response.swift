import Expressions
import Foundation

extension HTTPConnector {
    /// Why a call got no usable response.
    enum CallFailure: Error, Sendable {
        /// The whole call took longer than the configured timeout.
        case timedOut
        /// The response body was larger than the limit (bytes).
        case bodyTooLarge(Int)
        /// The HTTP client failed (connection refused, reset, DNS, TLS, …).
        case transport(String)
        /// The calling task was cancelled.
        case cancelled

        func description(timeout: Duration, redactor: SecretRedactor) -> String {
            switch self {
            case .timedOut: "no complete response within \(HTTPConnector.milliseconds(timeout)) ms"
            case .bodyTooLarge(let limit): "the response body is larger than \(limit) bytes"
            case .transport(let reason): redactor.redact(reason)
            case .cancelled: "the call was cancelled"
            }
        }
    }

    /// A response as received.
    struct RawResponse: Sendable {
        var status: Int
        var reason: String
        var headers: [(String, String)]
        var body: [UInt8]

        /// `statusCode`, `response`, `headers` and (for a JSON body) `responseJson`, with secrets redacted.
        func variables(redactor: SecretRedactor) -> [String: Value] {
            var headerMap: [String: String] = [:]
            for (name, value) in headers {
                let key = name.lowercased()
                headerMap[key] = headerMap[key].map { $0 + ", " + value } ?? value
            }
            let text = redactor.redact(String(decoding: body, as: UTF8.self))
            var variables: [String: Value] = [
                "statusCode": .integer(status),
                "response": .string(text),
                "headers": redactor.redact(.map(headerMap.mapValues { .string($0) })),
            ]
            if Self.isJSON(headerMap["content-type"]), let json = Value(jsonText: text) {
                variables["responseJson"] = json
            }
            return variables
        }

        /// Whether a content type is `application/json` or `…+json`.
        static func isJSON(_ contentType: String?) -> Bool {
            guard let contentType else { return false }
            let mediaType = contentType.split(separator: ";").first.map(String.init) ?? ""
            let lower = mediaType.trimmingCharacters(in: .whitespaces).lowercased()
            return lower == "application/json" || lower.hasSuffix("+json")
        }
    }
}
