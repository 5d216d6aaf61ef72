/// One criterion of fetch-and-lock's `sorting` (Camunda: `[{sortBy: "createTime", sortOrder: "asc"|"desc"}]`),
/// applied after the priority when `usePriority`.
public struct ExternalTaskFetchSorting: Sendable, Hashable {
    /// What can be sorted by (Camunda supports only the creation time).
    public enum Key: String, Sendable, Hashable, CaseIterable {
        /// The task's creation time.
        case createTime
    }

    /// The sort key.
    public var sortBy: Key
    /// Ascending (oldest first) or descending.
    public var ascending: Bool

    /// Creates a criterion.
    public init(sortBy: Key = .createTime, ascending: Bool) {
        self.sortBy = sortBy
        self.ascending = ascending
    }

    /// Reads Camunda's `{sortBy, sortOrder}` texts; the reason as a failure when either is unknown.
    public static func parse(sortBy: String?, sortOrder: String?) -> Result<ExternalTaskFetchSorting, EngineError> {
        guard let sortBy, let key = Key(rawValue: sortBy) else {
            return .failure(
                .rejected("sortBy of fetch-and-lock sorting must be 'createTime', not '\(sortBy ?? "null")'"))
        }
        switch sortOrder {
        case "asc": return .success(.init(sortBy: key, ascending: true))
        case "desc": return .success(.init(sortBy: key, ascending: false))
        default:
            return .failure(
                .rejected(
                    "sortOrder of fetch-and-lock sorting must be 'asc' or 'desc', not '\(sortOrder ?? "null")'"))
        }
    }

    /// The SQL order term on the `external_tasks t` row.
    var sql: String {
        switch sortBy {
        case .createTime: "t.created_at \(ascending ? "ASC" : "DESC")"
        }
    }
}
