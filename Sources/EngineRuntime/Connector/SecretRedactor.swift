import Expressions
import Foundation

/// Replaces resolved secret values with `***` in whatever leaves the connector (response variables, messages).
struct SecretRedactor: Sendable {
    /// What a secret value becomes.
    static let mask = "***"

    /// The values to hide, longest first so a secret that contains another is hidden whole.
    let values: [String]

    init(_ values: Set<String>) {
        self.values = values.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    func redact(_ text: String) -> String {
        var result = text
        for value in values where result.contains(value) {
            result = result.replacingOccurrences(of: value, with: Self.mask)
        }
        return result
    }

    func redact(_ value: Value) -> Value {
        guard !values.isEmpty else { return value }
        switch value {
        case .string(let text):
            return .string(redact(text))
        case .list(let items):
            return .list(items.map(redact))
        case .map(let entries):
            var result: [String: Value] = [:]
            for (key, item) in entries { result[redact(key)] = redact(item) }
            return .map(result)
        case .null, .bool, .integer, .decimal, .dateTime, .duration:
            return value
        }
    }
}
