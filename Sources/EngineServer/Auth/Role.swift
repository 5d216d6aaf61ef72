/// What a user may do, from the groups they belong to (issue 6): each role is a group of the same id.
public enum Role: String, Sendable, Hashable, CaseIterable {
    /// Everything (also Camunda's `camunda-admin` group).
    case admins
    /// Deploy and start processes.
    case analysts
    /// See, claim and complete the user tasks they are assignee, candidate user or candidate group of, and read the
    /// instances of those tasks.
    case reviewers
    /// Fetch, lock and complete external tasks.
    case workers
    /// Read history and audit data, nothing else.
    case auditors

    /// The roles a set of group ids grants.
    public static func roles(ofGroups groups: some Sequence<String>) -> Set<Role> {
        var roles: Set<Role> = []
        for group in groups {
            if group == "camunda-admin" { roles.insert(.admins) }
            if let role = Role(rawValue: group) { roles.insert(role) }
        }
        return roles
    }
}
