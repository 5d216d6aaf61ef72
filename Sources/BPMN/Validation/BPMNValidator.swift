/// Checks a parsed model for problems that would stop it from deploying or running as the author meant.
///
/// The document is indexed once (`ModelIndex`), then each rule under `Validation/Rules/` looks at the index.
/// `docs/validation.md` lists every rule with its severity, meaning, an example message and the fix.
public struct BPMNValidator: Sendable {
    /// The rules, in the order their findings are reported at one position.
    static let rules: [any ValidationRule] = [
        NoExecutableProcessRule(),
        DanglingReferenceRule(),
        RequiredReferenceRule(),
        CalledElementRule(),
        FlowMismatchRule(),
        EventGatewayTargetRule(),
        LinkEventRule(),
        UnconditionedGatewayFlowRule(),
        BoundaryAttachmentRule(),
        MissingStartEventRule(),
        StartEventRule(),
        UnreachableNodeRule(),
        NotExecutableRule(),
        TimerWithoutValueRule(),
    ]

    /// Creates a validator.
    public init() {}

    /// Every problem found, in document order.
    public func validate(_ definitions: Definitions) -> [Diagnostic] {
        let index = ModelIndex(definitions)
        let found = Self.rules.flatMap { $0.check(index) }
        return found.enumerated().sorted { lhs, rhs in
            (lhs.element.location.line, lhs.element.location.column, lhs.offset)
                < (rhs.element.location.line, rhs.element.location.column, rhs.offset)
        }.map(\.element)
    }
}
