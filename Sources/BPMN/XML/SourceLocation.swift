/// A position in a source document: 1-based line and column (column counted in characters).
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column number, counted in Unicode characters of the line.
    public var column: Int

    /// Creates a location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The location used when nothing better is known (line 1, column 1).
    public static let start = SourceLocation(line: 1, column: 1)

    public var description: String { "\(line):\(column)" }
}
