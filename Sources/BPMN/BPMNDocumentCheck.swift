/// Parse and validate in one step, turning every failure into diagnostics: what `baton validate`, deployment and the
/// benchmarks use.
public struct BPMNDocumentCheck: Sendable {
    /// The parser (and its limits).
    public var parser: BPMNParser
    /// The validator.
    public var validator: BPMNValidator

    /// Creates a check.
    public init(parser: BPMNParser = BPMNParser(), validator: BPMNValidator = BPMNValidator()) {
        self.parser = parser
        self.validator = validator
    }

    /// Parses and validates a document held in memory.
    public func check(_ bytes: [UInt8]) -> BPMNCheckResult {
        do {
            let parsed = try parser.parse(bytes)
            return BPMNCheckResult(
                definitions: parsed.definitions,
                diagnostics: parsed.diagnostics + validator.validate(parsed.definitions))
        } catch {
            return BPMNCheckResult(definitions: nil, diagnostics: error.diagnostics)
        }
    }

    /// Parses and validates the file at `path`.
    public func check(contentsOfFile path: String) -> BPMNCheckResult {
        do {
            return check(try BPMNParser.readFile(path, limit: parser.limits.maxDocumentBytes))
        } catch {
            return BPMNCheckResult(definitions: nil, diagnostics: error.diagnostics)
        }
    }
}

/// The outcome of `BPMNDocumentCheck`: the model when the document could be read, and every diagnostic.
public struct BPMNCheckResult: Sendable, Hashable {
    /// The model, or nil when the document is not BPMN at all (not well-formed, wrong root, over a limit).
    public var definitions: Definitions?
    /// Every problem, sorted by position (errors before warnings at the same position).
    public var diagnostics: [Diagnostic]

    /// Creates a result; the diagnostics are sorted.
    public init(definitions: Definitions?, diagnostics: [Diagnostic]) {
        self.definitions = definitions
        self.diagnostics = diagnostics.sorted {
            ($0.location.line, $0.location.column, $0.severity == .error ? 0 : 1)
                < ($1.location.line, $1.location.column, $1.severity == .error ? 0 : 1)
        }
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
