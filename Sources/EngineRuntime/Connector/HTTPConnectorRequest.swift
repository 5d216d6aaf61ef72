import Expressions
import Foundation

/// A request read from a connector's inputs, with secrets resolved. Only `url`, `headers` and `body` hold resolved
/// values; `displayURL` is the input as written, for messages.
struct HTTPConnectorRequest: Sendable {
    /// The methods the connector sends.
    static let methods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

    var method: String
    /// The URL with secrets resolved: never put it in a message.
    var url: String
    /// The `url` input as written (secret references unresolved).
    var displayURL: String
    /// `host:port`, the circuit breaker's key.
    var hostKey: String
    /// Header names and values (secrets resolved), sorted by name; `Idempotency-Key` is left out (set per call).
    var headers: [(name: String, value: String)]
    /// The body, if any.
    var body: [UInt8]?
    /// Which statuses become BPMN errors.
    var errorMapping: StatusErrorMapping
    /// Every resolved secret value, to be redacted from whatever comes back.
    var secretValues: Set<String>

    /// Reads the inputs `url`, `method`, `headers`, `payload` and `bpmnErrorOnStatus`.
    init(input: [String: Value], secrets: SecretResolver) throws(ConnectorInputError) {
        var used: Set<String> = []
        func resolve(_ text: String) throws(ConnectorInputError) -> String {
            do { return try secrets.resolve(text, used: &used) } catch { throw .secret(error) }
        }

        guard let urlInput = input["url"], urlInput != .null else { throw .missingURL }
        guard case .string(let urlTemplate) = urlInput else {
            throw .notText(input: "url", type: urlInput.typeName)
        }
        displayURL = urlTemplate
        guard let methodInput = input["method"], methodInput != .null else { throw .missingMethod }
        guard case .string(let methodText) = methodInput else {
            throw .notText(input: "method", type: methodInput.typeName)
        }
        method = methodText.trimmingCharacters(in: .whitespaces).uppercased()
        guard Self.methods.contains(method) else { throw .unknownMethod(methodText) }
        errorMapping = try StatusErrorMapping(input: input["bpmnErrorOnStatus"])

        url = try resolve(urlTemplate.trimmingCharacters(in: .whitespaces))
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased() else {
            throw .invalidURL(urlTemplate)
        }
        guard scheme == "http" || scheme == "https" else { throw .unsupportedScheme(urlTemplate) }
        guard let host = parsed.host, !host.isEmpty else { throw .invalidURL(urlTemplate) }
        hostKey = "\(host.lowercased()):\(parsed.port ?? (scheme == "https" ? 443 : 80))"

        headers = []
        var contentTypeGiven = false
        switch input["headers"] {
        case nil, .null:
            break
        case .map(let entries):
            for (name, value) in entries.sorted(by: { $0.key < $1.key }) {
                guard Self.isToken(name) else { throw .invalidHeaderName(name) }
                let text: String
                switch value {
                case .null: continue
                case .string(let string): text = try resolve(string)
                case .bool, .integer, .decimal: text = value.jsonText
                case .dateTime(let dateTime): text = dateTime.iso8601
                case .duration(let duration): text = duration.iso8601
                case .list, .map:
                    throw .invalidHeaderValue(name: name, reason: "a \(value.typeName) is not a header value")
                }
                guard !text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
                    throw .invalidHeaderValue(name: name, reason: "it contains a line break or NUL")
                }
                if name.lowercased() == "idempotency-key" { continue }  // the connector sets it to the job id
                if name.lowercased() == "content-type" { contentTypeGiven = true }
                headers.append((name, text))
            }
        case .some(let other):
            throw .invalidHeaders(type: other.typeName)
        }

        switch input["payload"] {
        case nil, .null:
            body = nil
        case .string(let text):
            body = Array(try resolve(text).utf8)
        case .some(let structured):
            let resolved = try Self.resolveStrings(in: structured, with: resolve)
            body = Array(resolved.jsonText.utf8)
            if case .list = structured, !contentTypeGiven { headers.append(("Content-Type", "application/json")) }
            if case .map = structured, !contentTypeGiven { headers.append(("Content-Type", "application/json")) }
        }
        secretValues = used
    }

    private static func resolveStrings(
        in value: Value, with resolve: (String) throws(ConnectorInputError) -> String
    ) throws(ConnectorInputError) -> Value {
        switch value {
        case .string(let text):
            return .string(try resolve(text))
        case .list(let items):
            var result: [Value] = []
            for item in items { result.append(try resolveStrings(in: item, with: resolve)) }
            return .list(result)
        case .map(let entries):
            var result: [String: Value] = [:]
            for (key, item) in entries { result[key] = try resolveStrings(in: item, with: resolve) }
            return .map(result)
        case .null, .bool, .integer, .decimal, .dateTime, .duration:
            return value
        }
    }

    /// Whether `name` is an RFC 9110 token.
    static func isToken(_ name: String) -> Bool {
        let extra: Set<Character> = ["!", "#", "$", "%", "&", "'", "*", "+", "-", ".", "^", "_", "`", "|", "~"]
        return !name.isEmpty && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || extra.contains($0) }
    }
}
