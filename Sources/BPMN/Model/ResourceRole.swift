/// A resource role of an activity or process: `performer`, `humanPerformer`, `potentialOwner` or `resourceRole`.
/// Camunda 7 maps `humanPerformer` to the assignee and `potentialOwner` to candidate users and groups.
public struct ResourceRole: Sendable, Hashable, Codable {
    /// Which role element this is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `resourceRole`.
        case resourceRole
        /// `performer`.
        case performer
        /// `humanPerformer`.
        case humanPerformer
        /// `potentialOwner`.
        case potentialOwner
    }

    /// Which role element this is.
    public var kind: Kind
    /// The id.
    public var id: ElementID?
    /// The name.
    public var name: String?
    /// `resourceRef`.
    public var resourceRef: ElementID?
    /// The expression inside `resourceAssignmentExpression` (e.g. `user(kermit), group(management)` or `${boss}`).
    public var assignment: Expression?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a resource role.
    public init(
        kind: Kind, id: ElementID? = nil, name: String? = nil, resourceRef: ElementID? = nil,
        assignment: Expression? = nil, location: SourceLocation = .start
    ) {
        self.kind = kind
        self.id = id
        self.name = name
        self.resourceRef = resourceRef
        self.assignment = assignment
        self.location = location
    }
}
