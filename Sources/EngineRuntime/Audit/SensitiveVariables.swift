import Foundation

/// Which variables are sensitive, by name pattern: `*` matches any run of characters, `?` one character, and the
/// match ignores case (`*password*` matches `dbPassword`). Sensitive values are stored and hashed as they are —
/// the audit chain covers the real value — and masked where people without the `admins` or `auditors` role read
/// them (docs/audit.md "Sensitive variables").
///
/// Patterns come from the configuration (`BATON_SENSITIVE_VARIABLES`, `baton serve --sensitive-variables`) and
/// per process from its `camunda:properties`: `<camunda:property name="sensitiveVariables" value="iban, card*"/>`.
public struct SensitiveVariables: Sendable, Hashable {
    /// The name of the process extension property that lists a process's own patterns.
    public static let propertyName = "sensitiveVariables"

    /// The patterns, as given.
    public let patterns: [String]
    private let lowered: [[Character]]

    /// No sensitive variables.
    public static let none = SensitiveVariables(patterns: [])

    /// Patterns as they are (blank ones are dropped).
    public init(patterns: [String]) {
        let kept = patterns.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        self.patterns = kept
        self.lowered = kept.map { Array($0.lowercased()) }
    }

    /// Patterns from a list separated by commas (or whitespace), as in the environment variable and the property.
    public init(list: String) {
        self.init(patterns: list.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }).map(String.init))
    }

    /// Both sets of patterns.
    public func union(_ other: SensitiveVariables) -> SensitiveVariables {
        other.patterns.isEmpty ? self : SensitiveVariables(patterns: patterns + other.patterns)
    }

    /// Whether any pattern matches the whole name.
    public func contains(_ name: String) -> Bool {
        guard !lowered.isEmpty else { return false }
        let text = Array(name.lowercased())
        return lowered.contains { Self.glob($0, text) }
    }

    /// Iterative glob matching with backtracking to the last `*` (linear in practice, no recursion).
    private static func glob(_ pattern: [Character], _ text: [Character]) -> Bool {
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
