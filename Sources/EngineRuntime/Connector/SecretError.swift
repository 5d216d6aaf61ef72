/// Why a secret reference could not be resolved. Messages name the secret, never a value.
public enum SecretError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No source defines the secret.
    case notDefined(name: String, searched: [String])
    /// `{{secret:` without a closing `}}`, or a name that is not letters, digits and `_`.
    case malformedReference(String)
    /// The secrets file could not be read.
    case unreadableFile(path: String)

    /// What happened, for people.
    public var description: String {
        switch self {
        case .notDefined(let name, let searched):
            "secret '\(name)' is not defined (looked in: \(searched.joined(separator: ", ")))"
        case .malformedReference(let text):
            "malformed secret reference '\(text)' (write {{secret:NAME}} with NAME made of letters, digits and _)"
        case .unreadableFile(let path):
            "the secrets file '\(path)' cannot be read"
        }
    }
}
