import Foundation

/// Resolves secret references in connector inputs at call time.
///
/// A reference is written `{{secret:NAME}}` inside any text input (the url, a header value, a payload string),
/// where `NAME` is letters, digits and `_`, starting with a letter or `_`. The process engine records inputs
/// before resolution, so history keeps the reference, never the value.
public struct SecretResolver: Sendable {
    /// Where secret values come from.
    public enum Source: Sendable, Hashable {
        /// Variables `<prefix><NAME>` of this environment (normally the process's).
        case environment([String: String], prefix: String)
        /// A file of `NAME=value` lines (blank lines and lines starting with `#` are skipped), read at each call so
        /// a rotated secret is picked up without a restart.
        case file(path: String)
        /// Fixed values by name (for tests and embedding).
        case values([String: String])
    }

    /// The environment variable prefix: secret `API_TOKEN` is read from `BATON_SECRET_API_TOKEN`.
    public static let environmentPrefix = "BATON_SECRET_"
    /// The environment variable that names a secrets file for `standard`.
    public static let fileVariable = "BATON_SECRETS_FILE"

    /// The sources, asked in order; the first that defines a name wins.
    public let sources: [Source]

    /// A resolver over the given sources, asked in order.
    public init(sources: [Source]) {
        self.sources = sources
    }

    /// The process environment (`BATON_SECRET_<NAME>`), then the file named by `BATON_SECRETS_FILE` if it is set.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> SecretResolver {
        var sources: [Source] = [.environment(environment, prefix: environmentPrefix)]
        if let path = environment[fileVariable], !path.isEmpty { sources.append(.file(path: path)) }
        return SecretResolver(sources: sources)
    }

    /// The value of secret `name`.
    public func value(of name: String) throws(SecretError) -> String {
        for source in sources {
            switch source {
            case .environment(let environment, let prefix):
                if let value = environment[prefix + name] { return value }
            case .values(let values):
                if let value = values[name] { return value }
            case .file(let path):
                if let value = try Self.read(name, fromFile: path) { return value }
            }
        }
        throw .notDefined(name: name, searched: sources.map(\.summary))
    }

    /// `text` with every `{{secret:NAME}}` replaced by its value; the values used are added to `used`.
    public func resolve(_ text: String, used: inout Set<String>) throws(SecretError) -> String {
        let opening = "{{secret:"
        guard text.contains(opening) else { return text }
        var output = ""
        var rest = Substring(text)
        while let start = rest.range(of: opening) {
            output += rest[..<start.lowerBound]
            let afterOpening = rest[start.upperBound...]
            guard let end = afterOpening.range(of: "}}") else {
                throw .malformedReference(String(rest[start.lowerBound...].prefix(40)))
            }
            let name = String(afterOpening[..<end.lowerBound])
            guard Self.isValidName(name) else { throw .malformedReference(opening + name + "}}") }
            let value = try value(of: name)
            if !value.isEmpty { used.insert(value) }
            output += value
            rest = afterOpening[end.upperBound...]
        }
        output += rest
        return output
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
        }
    }

    private static func read(_ name: String, fromFile path: String) throws(SecretError) -> String? {
        let contents: String
        do {
            contents = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: path)
        }
        for line in contents.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            if key == name { return String(trimmed[trimmed.index(after: equals)...]) }
        }
        return nil
    }
}

extension SecretResolver.Source {
    /// Where this source looks, without any value, for error messages.
    var summary: String {
        switch self {
        case .environment(_, let prefix): "environment variable \(prefix)<NAME>"
        case .file(let path): "secrets file \(path)"
        case .values: "configured values"
        }
    }
}
