/// The `sourceRef` and `targetRef` of a sequence or message flow, which must be present and name an element of the
/// expected kind.
struct FlowEnds {
    /// `sequence flow 'f1'` or `message flow 'm1'`.
    var owner: String
    /// The flow's id, to report.
    var element: ElementID?
    /// Where the flow starts.
    var location: SourceLocation
    /// What the ends must name, e.g. `flow node`.
    var expected: String

    /// One error per end that is missing (saying `why` it is needed) or that `resolves` rejects (saying how to `fix`
    /// it).
    func diagnostics(
        _ ends: [(attribute: String, reference: ElementID?, why: String, fix: String)], _ index: ModelIndex,
        resolves: (ElementID) -> Bool
    ) -> [Diagnostic] {
        ends.compactMap { end in
            guard let reference = end.reference else {
                return Diagnostic(
                    .error, .danglingReference,
                    "\(owner) has no \(end.attribute); \(end.why) — add \(end.attribute) or delete the flow",
                    at: location, element: element)
            }
            guard !resolves(reference) else { return nil }
            return Diagnostic(
                .error, .danglingReference,
                "\(owner) has \(end.attribute) '\(reference)', which "
                    + index.resolution(of: reference, expected: expected) + "; \(end.fix)",
                at: location, element: element)
        }
    }
}
