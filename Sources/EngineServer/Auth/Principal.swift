/// The authenticated user of a request: who, in which groups, with which roles.
public struct Principal: Sendable, Hashable {
    /// The user id (recorded on every change as the actor).
    public var userID: String
    /// The ids of the user's groups.
    public var groups: [String]
    /// The roles the groups grant.
    public var roles: Set<Role>

    /// Creates a principal; the roles follow from the groups.
    public init(userID: String, groups: [String]) {
        self.userID = userID
        self.groups = groups.sorted()
        self.roles = Role.roles(ofGroups: groups)
    }

    /// Whether the user is an administrator.
    public var isAdmin: Bool { roles.contains(.admins) }
}
