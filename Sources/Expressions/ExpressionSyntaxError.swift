/// Expression text that cannot be parsed: what is wrong, and where in the text (1-based column).
public struct ExpressionSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. "expected ')' but found end of expression".
    public var message: String
    /// 1-based column in the expression text where the problem was found.
    public var column: Int
    /// The expression text.
    public var source: String

    /// Creates a syntax error.
    public init(message: String, column: Int, source: String) {
        self.message = message
        self.column = column
        self.source = source
    }

    /// `message at column N of 'source'`.
    public var description: String { "\(message) at column \(column) of '\(source)'" }
}
