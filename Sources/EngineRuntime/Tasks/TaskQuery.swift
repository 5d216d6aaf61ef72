import EngineCore
import Expressions

/// Filters, sorting and paging for open user tasks (Camunda's `TaskQueryDto`, the parts Baton serves). Every
/// filter that is set must hold (they are ANDed); nil and empty lists do not filter.
public struct TaskQuery: Sendable, Hashable {
    // MARK: Ids

    /// The task id.
    public var taskID: String?
    /// Any of these task ids.
    public var taskIDIn: [String]?
    /// The process instance id.
    public var processInstanceID: String?
    /// Any of these process instance ids.
    public var processInstanceIDIn: [String]?
    /// The business key of the process instance.
    public var processInstanceBusinessKey: String?
    /// Any of these business keys.
    public var processInstanceBusinessKeyIn: [String]?
    /// A `LIKE` pattern for the business key.
    public var processInstanceBusinessKeyLike: String?
    /// The process definition id.
    public var processDefinitionID: String?
    /// The process definition key.
    public var processDefinitionKey: String?
    /// Any of these process definition keys.
    public var processDefinitionKeyIn: [String]?
    /// The execution id (in Baton, the process instance id).
    public var executionID: String?

    // MARK: People

    /// The assignee.
    public var assignee: String?
    /// A `LIKE` pattern for the assignee.
    public var assigneeLike: String?
    /// Any of these assignees.
    public var assigneeIn: [String]?
    /// None of these assignees (tasks without an assignee do not match, as in Camunda).
    public var assigneeNotIn: [String]?
    /// The owner.
    public var owner: String?
    /// A candidate group.
    public var candidateGroup: String?
    /// Any of these candidate groups.
    public var candidateGroups: [String]?
    /// A candidate user, directly or through the user's groups (the `memberships` table).
    public var candidateUser: String?
    /// Whether `candidateUser`/`candidateGroup(s)` also return assigned tasks (they return unassigned ones only
    /// otherwise).
    public var includeAssignedTasks = false
    /// The assignee, the owner or a candidate user.
    public var involvedUser: String?
    /// Only tasks with an assignee.
    public var assigned = false
    /// Only tasks without an assignee.
    public var unassigned = false
    /// Only tasks with at least one candidate group.
    public var withCandidateGroups = false
    /// Only tasks without candidate groups.
    public var withoutCandidateGroups = false
    /// Only tasks with at least one candidate user.
    public var withCandidateUsers = false
    /// Only tasks without candidate users.
    public var withoutCandidateUsers = false
    /// The delegation state.
    public var delegationState: DelegationState?

    // MARK: Task

    /// The task definition key (the BPMN id).
    public var taskDefinitionKey: String?
    /// Any of these task definition keys.
    public var taskDefinitionKeyIn: [String]?
    /// A `LIKE` pattern for the task definition key.
    public var taskDefinitionKeyLike: String?
    /// The name.
    public var name: String?
    /// A `LIKE` pattern for the name (case-insensitive, as in Camunda).
    public var nameLike: String?
    /// Not this name.
    public var nameNotEqual: String?
    /// Not this `LIKE` pattern (case-insensitive).
    public var nameNotLike: String?
    /// The description.
    public var description: String?
    /// A `LIKE` pattern for the description (case-insensitive).
    public var descriptionLike: String?
    /// The priority.
    public var priority: Int?
    /// At least this priority.
    public var minPriority: Int?
    /// At most this priority.
    public var maxPriority: Int?
    /// Due at exactly this time.
    public var dueDate: DateTime?
    /// Due after this time.
    public var dueAfter: DateTime?
    /// Due before this time.
    public var dueBefore: DateTime?
    /// Only tasks without a due date.
    public var withoutDueDate = false
    /// Follow-up at exactly this time.
    public var followUpDate: DateTime?
    /// Follow-up after this time.
    public var followUpAfter: DateTime?
    /// Follow-up before this time.
    public var followUpBefore: DateTime?
    /// Follow-up before this time, or no follow-up date.
    public var followUpBeforeOrNotExistent: DateTime?
    /// Created at exactly this time.
    public var createdOn: DateTime?
    /// Created after this time.
    public var createdAfter: DateTime?
    /// Created before this time.
    public var createdBefore: DateTime?
    /// Only tasks of active process instances.
    public var active = false
    /// Only tasks of suspended process instances.
    public var suspended = false

    // MARK: Variables

    /// Conditions on the variables of the process instance's own scope.
    public var processVariables: [VariableCondition] = []
    /// Conditions on the task's local variables.
    public var taskVariables: [VariableCondition] = []
    /// Compare variable names case-insensitively.
    public var variableNamesIgnoreCase = false
    /// Compare string values case-insensitively.
    public var variableValuesIgnoreCase = false

    // MARK: Alternatives

    /// Or-queries (Camunda's `orQueries`): within each, the filters that are set are ORed; each or-query as a whole
    /// is ANDed with the rest of the query. Their sorting, paging, visibility and own or-queries are ignored.
    public var orQueries: [TaskQuery] = []

    // MARK: Authorization

    /// Only tasks this user may see as a reviewer: the user is the assignee or a candidate user, or one of the
    /// groups is a candidate group.
    public var visibleTo: TaskVisibility?

    // MARK: Sorting and paging

    /// The sort order, first key first; ties are broken by creation time and id.
    public var sorting: [TaskSorting] = []
    /// How many matches to skip.
    public var firstResult: Int?
    /// The most matches to return.
    public var maxResults: Int?

    /// A query that matches every open task.
    public init() {}
}

/// Restricts a task query to what a user (with groups) may see.
public struct TaskVisibility: Sendable, Hashable {
    /// The user.
    public var userID: String
    /// The user's groups.
    public var groups: [String]

    /// Creates a restriction.
    public init(userID: String, groups: [String]) {
        self.userID = userID
        self.groups = groups
    }
}

/// A condition on a variable: `name operator value` (Camunda's `VariableQueryParameterDto`).
public struct VariableCondition: Sendable, Hashable {
    /// The comparison.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        /// Equal.
        case eq
        /// Not equal (the variable exists with another value).
        case neq
        /// Greater than.
        case gt
        /// Greater than or equal.
        case gteq
        /// Less than.
        case lt
        /// Less than or equal.
        case lteq
        /// SQL `LIKE` on string values.
        case like
        /// SQL `NOT LIKE` on string values.
        case notLike
    }

    /// The variable name.
    public var name: String
    /// The comparison.
    public var `operator`: Operator
    /// The value compared with.
    public var value: Value

    /// Creates a condition.
    public init(name: String, operator: Operator, value: Value) {
        self.name = name
        self.operator = `operator`
        self.value = value
    }
}

/// One sort key of a task query.
public struct TaskSorting: Sendable, Hashable {
    /// What to sort by (Camunda's `sortBy` values).
    public enum Key: String, Sendable, Hashable, CaseIterable {
        /// The process instance id.
        case instanceId
        /// The due date.
        case dueDate
        /// The follow-up date.
        case followUpDate
        /// The execution id (the process instance id).
        case executionId
        /// The assignee.
        case assignee
        /// The creation time.
        case created
        /// The time of the last change.
        case lastUpdated
        /// The description.
        case description
        /// The task id.
        case id
        /// The name.
        case name
        /// The name, case-insensitively.
        case nameCaseInsensitive
        /// The priority.
        case priority
        /// The process definition key.
        case processDefinitionKey
        /// The process definition id.
        case processDefinitionId
        /// The task definition key.
        case taskDefinitionKey
    }

    /// What to sort by.
    public var key: Key
    /// Ascending (true) or descending.
    public var ascending: Bool

    /// Creates a sort key.
    public init(_ key: Key, ascending: Bool = true) {
        self.key = key
        self.ascending = ascending
    }
}
