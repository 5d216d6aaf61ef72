/// One problem found in a BPMN document, with where it is and which element it concerns.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        /// The document cannot be deployed until this is fixed.
        case error
        /// The document deploys, but something is probably not what the author meant.
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    /// How serious the problem is.
    public var severity: Severity
    /// Which rule found it (stable, documented in `docs/validation.md`).
    public var rule: DiagnosticRule
    /// What is wrong, why, and where possible what to do instead.
    public var message: String
    /// Where it is.
    public var location: SourceLocation
    /// The id of the element concerned, when it has one.
    public var elementID: ElementID?

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, _ rule: DiagnosticRule, _ message: String, at location: SourceLocation,
        element elementID: ElementID? = nil
    ) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.location = location
        // A made-up id names nothing a modeler can find; the location says where the element is.
        self.elementID = elementID?.isGenerated == true ? nil : elementID
    }

    /// `LINE:COLUMN: error|warning: message [elementId]`.
    public var description: String {
        var text = "\(location.line):\(location.column): \(severity.rawValue): \(message)"
        if let elementID, !elementID.rawValue.isEmpty { text += " [\(elementID.rawValue)]" }
        return text
    }

    /// `FILE:LINE:COLUMN: error|warning: message [elementId]`.
    public func formatted(path: String) -> String { "\(path):\(description)" }
}

/// The rules that produce diagnostics. Each is documented in `docs/validation.md`.
public enum DiagnosticRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// The bytes are not well-formed XML.
    case notWellFormed = "not-well-formed"
    /// The DOCTYPE declares entities (refused: no entity expansion).
    case entityDeclaration = "entity-declaration"
    /// The DOCTYPE declares attribute lists, whose defaults would silently change the document (refused).
    case attributeDeclaration = "attribute-declaration"
    /// The file cannot be read (missing, a directory, no permission), or a directory holds no BPMN file.
    case unreadableFile = "unreadable-file"
    /// An element in the BPMN namespace that BPMN 2.0 does not define where it stands (a typo, or a part Baton
    /// does not model); it is kept verbatim but ignored.
    case unknownElement = "unknown-element"
    /// The document breaks a size, depth or element-count limit.
    case limitExceeded = "limit-exceeded"
    /// The root is not `definitions` in the BPMN 2.0 namespace.
    case wrongRoot = "wrong-root"
    /// An element has no `id`, or an attribute has a value of the wrong type.
    case invalidAttribute = "invalid-attribute"
    /// Two elements share an id.
    case duplicateID = "duplicate-id"
    /// A reference names an element that does not exist (or of the wrong kind).
    case danglingReference = "dangling-reference"
    /// A sequence flow leaves or enters the wrong element or container.
    case flowMismatch = "flow-mismatch"
    /// The outgoing flows of an exclusive or inclusive gateway do not let it choose: a flow with no condition that
    /// is not the default, a default or single flow with a condition, or no outgoing flow at all.
    case unconditionedGatewayFlow = "unconditioned-gateway-flow"
    /// A boundary event is attached to something that is not an activity, or to an activity in another container.
    case boundaryNotOnActivity = "boundary-not-on-activity"
    /// An executable process or sub-process has no start event that can start it, or start events the engine
    /// cannot choose between.
    case missingStartEvent = "missing-start-event"
    /// A flow node can never be reached.
    case unreachableNode = "unreachable-node"
    /// The element uses something Baton cannot execute (Java classes, Groovy/JavaScript/Python scripts, …).
    case notExecutable = "not-executable"
    /// A timer event definition has no time expression.
    case timerWithoutValue = "timer-without-value"
    /// The document has processes, but none is marked `isExecutable="true"`, so nothing in it will run.
    case noExecutableProcess = "no-executable-process"
    /// The element is valid BPMN but Baton does not execute it yet (compensation, transactions, conditional events,
    /// complex gateways, ad-hoc sub-processes, standard loops, DMN decisions).
    case unsupportedElement = "unsupported-element"
    /// An expression (condition, assignee, topic, mapping, …) has a syntax error or uses something outside the
    /// supported JUEL/FEEL subset.
    case invalidExpression = "invalid-expression"
    /// A literal timer value is not a valid ISO 8601 date, duration, repeating interval or cron expression.
    case invalidTimer = "invalid-timer"
}
