/// The script and expression languages Baton can evaluate: its JUEL-style and FEEL-style expression subsets.
/// Everything else (Groovy, JavaScript, Python, Ruby, XPath, …) needs a script engine Baton does not have.
enum ScriptLanguage {
    /// Names of expression languages, compared case-insensitively.
    private static let expressionNames: Set<String> = ["juel", "feel", "feel-scala", "el", "uel", "expression"]

    /// Whether a `scriptFormat` or `language` value names an expression language Baton evaluates. Language URIs
    /// naming FEEL or JUEL (e.g. `https://www.omg.org/spec/FEEL/20140401`) count too.
    static func isExpressionLanguage(_ name: String) -> Bool {
        let lowered = name.trimmingWhitespace().lowercased()
        if expressionNames.contains(lowered) { return true }
        return lowered.contains("://") && (lowered.contains("feel") || lowered.contains("juel"))
    }
}
