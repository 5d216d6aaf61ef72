/// Checks a parsed model for problems that would stop it from deploying or running as the author meant.
public struct BPMNValidator: Sendable {
    /// Creates a validator.
    public init() {}

    /// Every problem found, in document order.
    public func validate(_ definitions: Definitions) -> [Diagnostic] {
        []
    }
}
