/// Why a connector's inputs cannot make a request. Every case is a permanent failure: retrying cannot help.
enum ConnectorInputError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingURL
    case notText(input: String, type: String)
    case invalidURL(String)
    case unsupportedScheme(String)
    case missingMethod
    case unknownMethod(String)
    case invalidHeaders(type: String)
    case invalidHeaderName(String)
    case invalidHeaderValue(name: String, reason: String)
    case invalidErrorMapping(String)
    case secret(SecretError)

    /// What is wrong, for people (shown in incidents); never contains a resolved secret.
    var description: String {
        switch self {
        case .missingURL:
            "input 'url' is missing"
        case .notText(let input, let type):
            "input '\(input)' must be text, not \(type)"
        case .invalidURL(let url):
            "input 'url' is not a valid http or https URL: '\(url)'"
        case .unsupportedScheme(let url):
            "input 'url' must use http or https: '\(url)'"
        case .missingMethod:
            "input 'method' is missing (use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS)"
        case .unknownMethod(let method):
            "unknown method '\(method)' (use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS)"
        case .invalidHeaders(let type):
            "input 'headers' must be a map of header names to text, not \(type)"
        case .invalidHeaderName(let name):
            "header name '\(name)' is not a valid HTTP token"
        case .invalidHeaderValue(let name, let reason):
            "header '\(name)' has an invalid value: \(reason)"
        case .invalidErrorMapping(let value):
            "input 'bpmnErrorOnStatus' must be true, false, or statuses and classes such as \"404, 5xx\"; "
                + "cannot read '\(value)'"
        case .secret(let error):
            error.description
        }
    }
}
