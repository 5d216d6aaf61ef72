import EngineCore
import EngineRuntime
import Expressions

/// Reads a `TaskQuery` from `GET /task` parameters or a `POST /task` body (contract §2.5), plus sorting and paging.
enum TaskQueryReader {
    /// The `sortBy` values served.
    static let sortKeys = Set(TaskSorting.Key.allCases.map(\.rawValue))

    /// The query of a request.
    static func query(_ request: APIRequest) throws -> TaskQuery {
        let filters = try request.filters()
        let post = request.method == .post
        var query = try criteria(filters, post: post)
        if post, let or = filters.raw("orQueries"), !or.isNull {
            guard let items = or.arrayValue, items.allSatisfy({ $0.objectValue != nil }) else {
                throw RESTError.invalidRequest("'orQueries' must be an array of task query objects")
            }
            query.orQueries = try items.map { try criteria(QueryFilters(body: $0), post: true) }
        }
        query.sorting = try request.sorting(allowed: sortKeys).compactMap { key in
            TaskSorting.Key(rawValue: key.by).map { TaskSorting($0, ascending: key.ascending) }
        }
        let paging = try request.paging()
        query.firstResult = paging.firstResult
        query.maxResults = paging.maxResults
        return query
    }

    /// The filters of a query (also of one or-query).
    static func criteria(_ filters: QueryFilters, post: Bool) throws -> TaskQuery {
        var query = TaskQuery()
        query.taskID = try filters.string("taskId")
        query.taskIDIn = try filters.strings("taskIdIn")
        query.processInstanceID = try filters.string("processInstanceId")
        query.processInstanceIDIn = try filters.strings("processInstanceIdIn")
        query.processInstanceBusinessKey = try filters.string("processInstanceBusinessKey")
        query.processInstanceBusinessKeyIn = try filters.strings("processInstanceBusinessKeyIn")
        query.processInstanceBusinessKeyLike = try filters.string("processInstanceBusinessKeyLike")
        query.processDefinitionID = try filters.string("processDefinitionId")
        query.processDefinitionKey = try filters.string("processDefinitionKey")
        query.processDefinitionKeyIn = try filters.strings("processDefinitionKeyIn")
        query.executionID = try filters.string("executionId")
        query.assignee = try filters.string("assignee")
        query.assigneeLike = try filters.string("assigneeLike")
        query.assigneeIn = try filters.strings("assigneeIn")
        query.assigneeNotIn = try filters.strings("assigneeNotIn")
        query.owner = try filters.string("owner")
        query.candidateGroup = try filters.string("candidateGroup")
        query.candidateGroups = try filters.strings("candidateGroups")
        query.candidateUser = try filters.string("candidateUser")
        query.includeAssignedTasks = try filters.flag("includeAssignedTasks")
        query.involvedUser = try filters.string("involvedUser")
        query.assigned = try filters.flag("assigned")
        query.unassigned = try filters.flag("unassigned")
        query.withCandidateGroups = try filters.flag("withCandidateGroups")
        query.withoutCandidateGroups = try filters.flag("withoutCandidateGroups")
        query.withCandidateUsers = try filters.flag("withCandidateUsers")
        query.withoutCandidateUsers = try filters.flag("withoutCandidateUsers")
        if let state = try filters.string("delegationState") {
            guard let parsed = DelegationState(rawValue: state.uppercased()) else {
                throw RESTError.invalidRequest(
                    "Cannot set query parameter 'delegationState' to value '\(state)': expected PENDING or RESOLVED")
            }
            query.delegationState = parsed
        }
        query.taskDefinitionKey = try filters.string("taskDefinitionKey")
        query.taskDefinitionKeyIn = try filters.strings("taskDefinitionKeyIn")
        query.taskDefinitionKeyLike = try filters.string("taskDefinitionKeyLike")
        query.name = try filters.string("name")
        query.nameLike = try filters.string("nameLike")
        query.nameNotEqual = try filters.string("nameNotEqual")
        query.nameNotLike = try filters.string("nameNotLike")
        query.description = try filters.string("description")
        query.descriptionLike = try filters.string("descriptionLike")
        query.priority = try filters.int("priority")
        query.minPriority = try filters.int("minPriority")
        query.maxPriority = try filters.int("maxPriority")
        query.dueDate = try filters.date("dueDate")
        query.dueAfter = try filters.date("dueAfter")
        query.dueBefore = try filters.date("dueBefore")
        query.withoutDueDate = try filters.flag("withoutDueDate")
        query.followUpDate = try filters.date("followUpDate")
        query.followUpAfter = try filters.date("followUpAfter")
        query.followUpBefore = try filters.date("followUpBefore")
        query.followUpBeforeOrNotExistent = try filters.date("followUpBeforeOrNotExistent")
        query.createdOn = try filters.date("createdOn")
        query.createdAfter = try filters.date("createdAfter")
        query.createdBefore = try filters.date("createdBefore")
        query.active = try filters.flag("active")
        query.suspended = try filters.flag("suspended")
        query.variableNamesIgnoreCase = try filters.flag("variableNamesIgnoreCase")
        query.variableValuesIgnoreCase = try filters.flag("variableValuesIgnoreCase")
        query.processVariables = try conditions("processVariables", post: post, filters)
        query.taskVariables = try conditions("taskVariables", post: post, filters)
        return query
    }

    /// Variable conditions: `name_op_value,…` on GET, `[{name, operator, value}]` on POST.
    static func conditions(_ field: String, post: Bool, _ filters: QueryFilters) throws -> [VariableCondition] {
        if post {
            guard let raw = filters.raw(field), !raw.isNull else { return [] }
            guard let items = raw.arrayValue else {
                throw RESTError.invalidRequest("'\(field)' must be an array of {name, operator, value}")
            }
            return try items.map { item in
                guard let name = item["name"]?.stringValue, let op = item["operator"]?.stringValue else {
                    throw RESTError.invalidRequest("Each entry of '\(field)' needs 'name' and 'operator'")
                }
                return VariableCondition(
                    name: name, operator: try operatorNamed(op, field),
                    value: VariableCodec.value(item["value"] ?? .null))
            }
        }
        guard let entries = try filters.strings(field) else { return [] }
        return try entries.map { entry in
            let parts = entry.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else {
                throw RESTError.invalidRequest(
                    "Cannot set query parameter '\(field)' to value '\(entry)': expected name_operator_value")
            }
            return VariableCondition(
                name: parts[0], operator: try operatorNamed(parts[1], field), value: text(parts[2]))
        }
    }

    private static func operatorNamed(_ name: String, _ field: String) throws -> VariableCondition.Operator {
        guard let op = VariableCondition.Operator(rawValue: name) else {
            throw RESTError.invalidRequest(
                "Invalid variable comparator specified for '\(field)': \(name) (expected eq, neq, gt, gteq, lt, "
                    + "lteq, like or notLike)")
        }
        return op
    }

    /// A value from a query string: a number or boolean when it reads as one (as Camunda converts), else text.
    private static func text(_ raw: String) -> Value {
        if let number = Int(raw) { return .integer(number) }
        if raw.contains("."), let number = Double(raw) { return .decimal(number) }
        if raw == "true" || raw == "false" { return .bool(raw == "true") }
        return .string(raw)
    }
}
