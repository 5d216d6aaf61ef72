/// Why an identity operation failed.
public enum IdentityError: Error, Sendable, CustomStringConvertible {
    /// The user or group id is empty or has characters that are not allowed.
    case invalidID(String)
    /// A user or group with that id exists already.
    case exists(String)
    /// The named user or group does not exist.
    case notFound(String)

    /// What happened.
    public var description: String {
        switch self {
        case .invalidID(let message), .exists(let message), .notFound(let message): message
        }
    }

    /// The REST answer.
    public var restError: RESTError {
        switch self {
        case .invalidID(let message): .invalidRequest(message)
        case .exists(let message): .badUserRequest(message)
        case .notFound(let message): .notFound(message)
        }
    }
}
