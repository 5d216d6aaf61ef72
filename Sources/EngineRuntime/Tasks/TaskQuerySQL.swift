import EngineCore
import Expressions
import PostgresClient

/// Turns a `TaskQuery` into SQL over `user_tasks t JOIN process_instances p` with numbered parameters.
struct TaskQuerySQL {
    private(set) var conditions: [String] = []
    private(set) var parameters: [PostgresValue] = []

    /// Builds the conditions; parameters are numbered after `parameters` (for or-queries nested in a query).
    init(_ query: TaskQuery, after parameters: [PostgresValue] = []) throws {
        self.parameters = parameters
        try addIDs(query)
        addPeople(query)
        addTask(query)
        for condition in query.processVariables { try addVariable(condition, task: false, query) }
        for condition in query.taskVariables { try addVariable(condition, task: true, query) }
        if let visibility = query.visibleTo {
            let user = bind(.text(visibility.userID))
            let groups = bind(.textArray(visibility.groups))
            // A correlated aggregate over the task's own candidate rows (primary key lookup), not EXISTS: inside
            // the OR, PostgreSQL may run an EXISTS as a hashed subplan that first collects the candidate rows of
            // every task of the caller's groups — thousands per request once a group has many open tasks (11–36 ms
            // per REST task completion in `baton-bench rest`).
            conditions.append(
                """
                (t.assignee = \(user) OR (SELECT bool_or((c.kind = 'user' AND c.identity = \(user))
                    OR (c.kind = 'group' AND c.identity = ANY(\(groups))))
                  FROM task_candidates c WHERE c.task_id = t.id))
                """)
        }
        for or in query.orQueries {
            let alternatives = try TaskQuerySQL(or, after: self.parameters)
            guard !alternatives.conditions.isEmpty else { continue }
            self.parameters = alternatives.parameters
            conditions.append("(" + alternatives.conditions.map { "(\($0))" }.joined(separator: "\n  OR ") + ")")
        }
    }

    /// `WHERE …` (empty when nothing filters).
    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: "\n  AND ") }

    mutating func bind(_ value: PostgresValue) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    private mutating func equal(_ column: String, _ value: String?, cast: String = "") {
        guard let value else { return }
        conditions.append("\(column) = \(bind(.text(value)))\(cast)")
    }

    private mutating func any(_ column: String, _ values: [String]?, cast: String = "") {
        guard let values else { return }
        conditions.append("\(column) = ANY(\(bind(.textArray(values)))::text[]\(cast))")
    }

    private mutating func like(_ column: String, _ pattern: String?, ignoreCase: Bool = false, negated: Bool = false) {
        guard let pattern else { return }
        let parameter = bind(.text(pattern))
        let op = (negated ? "NOT " : "") + (ignoreCase ? "ILIKE" : "LIKE")
        conditions.append(
            negated ? "(\(column) IS NULL OR \(column) \(op) \(parameter))" : "\(column) \(op) \(parameter)")
    }

    private mutating func compare(_ column: String, _ op: String, _ date: DateTime?) {
        guard let date else { return }
        conditions.append("\(column) \(op) \(bind(.text(date.iso8601)))::timestamptz")
    }

    /// Ids that are not UUIDs match nothing (rather than failing the cast).
    private mutating func uuids(_ column: String, _ ids: [String]?) {
        guard let ids else { return }
        any(column, ids.compactMap(TaskRecord.canonicalID), cast: "::uuid[]")
    }

    private mutating func addIDs(_ query: TaskQuery) throws {
        uuids("t.id", query.taskID.map { [$0] })
        uuids("t.id", query.taskIDIn)
        uuids("t.process_instance_id", query.processInstanceID.map { [$0] })
        uuids("t.process_instance_id", query.processInstanceIDIn)
        uuids("t.process_instance_id", query.executionID.map { [$0] })
        equal("p.business_key", query.processInstanceBusinessKey)
        any("p.business_key", query.processInstanceBusinessKeyIn)
        like("p.business_key", query.processInstanceBusinessKeyLike)
        equal("t.definition_id", query.processDefinitionID)
        // By key through the definitions of that key: process_instances has no index on the key (migration 0015).
        for keys in [query.processDefinitionKey.map { [$0] }, query.processDefinitionKeyIn].compactMap({ $0 }) {
            conditions.append(
                "p.definition_id IN (SELECT d.id FROM process_definitions d WHERE d.key = ANY("
                    + "\(bind(.textArray(keys)))::text[]))")
        }
    }

    private mutating func addPeople(_ query: TaskQuery) {
        equal("t.assignee", query.assignee)
        like("t.assignee", query.assigneeLike)
        any("t.assignee", query.assigneeIn)
        if let excluded = query.assigneeNotIn {
            conditions.append(
                "t.assignee IS NOT NULL AND NOT (t.assignee = ANY(\(bind(.textArray(excluded)))::text[]))")
        }
        equal("t.owner", query.owner)
        var groups: [String]?
        if let group = query.candidateGroup { groups = [group] }
        if let list = query.candidateGroups { groups = (groups ?? []) + list }
        // Candidate filters return unassigned tasks only unless assigned ones are asked for (kept in one condition,
        // so an or-query keeps the rule with its candidate filter).
        let unassignedOnly = query.includeAssignedTasks ? "" : " AND t.assignee IS NULL"
        if let groups {
            conditions.append(
                """
                (EXISTS (SELECT 1 FROM task_candidates c WHERE c.task_id = t.id AND c.kind = 'group'
                  AND c.identity = ANY(\(bind(.textArray(groups)))::text[]))\(unassignedOnly))
                """)
        }
        if let user = query.candidateUser {
            let parameter = bind(.text(user))
            conditions.append(
                """
                (EXISTS (SELECT 1 FROM task_candidates c WHERE c.task_id = t.id AND ((c.kind = 'user'
                  AND c.identity = \(parameter)) OR (c.kind = 'group' AND c.identity IN
                  (SELECT m.group_id FROM memberships m WHERE m.user_id = \(parameter)))))\(unassignedOnly))
                """)
        }
        if let user = query.involvedUser {
            let parameter = bind(.text(user))
            conditions.append(
                """
                (t.assignee = \(parameter) OR t.owner = \(parameter) OR EXISTS (SELECT 1 FROM task_candidates c
                  WHERE c.task_id = t.id AND c.kind = 'user' AND c.identity = \(parameter)))
                """)
        }
        if query.assigned { conditions.append("t.assignee IS NOT NULL") }
        if query.unassigned { conditions.append("t.assignee IS NULL") }
        let candidates = "SELECT 1 FROM task_candidates c WHERE c.task_id = t.id AND c.kind = "
        if query.withCandidateGroups { conditions.append("EXISTS (\(candidates)'group')") }
        if query.withoutCandidateGroups { conditions.append("NOT EXISTS (\(candidates)'group')") }
        if query.withCandidateUsers { conditions.append("EXISTS (\(candidates)'user')") }
        if query.withoutCandidateUsers { conditions.append("NOT EXISTS (\(candidates)'user')") }
        equal("t.delegation_state", query.delegationState?.rawValue)
    }

    private mutating func addTask(_ query: TaskQuery) {
        equal("t.element_id", query.taskDefinitionKey)
        any("t.element_id", query.taskDefinitionKeyIn)
        like("t.element_id", query.taskDefinitionKeyLike)
        equal("t.name", query.name)
        like("t.name", query.nameLike, ignoreCase: true)
        if let name = query.nameNotEqual {
            conditions.append("(t.name IS NULL OR t.name <> \(bind(.text(name))))")
        }
        like("t.name", query.nameNotLike, ignoreCase: true, negated: true)
        equal("t.description", query.description)
        like("t.description", query.descriptionLike, ignoreCase: true)
        if let priority = query.priority { conditions.append("t.priority = \(bind(.int(priority)))") }
        if let priority = query.minPriority { conditions.append("t.priority >= \(bind(.int(priority)))") }
        if let priority = query.maxPriority { conditions.append("t.priority <= \(bind(.int(priority)))") }
        compare("t.due_at", "=", query.dueDate)
        compare("t.due_at", ">", query.dueAfter)
        compare("t.due_at", "<", query.dueBefore)
        if query.withoutDueDate { conditions.append("t.due_at IS NULL") }
        compare("t.follow_up_at", "=", query.followUpDate)
        compare("t.follow_up_at", ">", query.followUpAfter)
        compare("t.follow_up_at", "<", query.followUpBefore)
        if let date = query.followUpBeforeOrNotExistent {
            conditions.append("(t.follow_up_at IS NULL OR t.follow_up_at < \(bind(.text(date.iso8601)))::timestamptz)")
        }
        compare("t.created_at", "=", query.createdOn)
        compare("t.created_at", ">", query.createdAfter)
        compare("t.created_at", "<", query.createdBefore)
        if query.active { conditions.append("NOT p.suspended") }
        if query.suspended { conditions.append("p.suspended") }
    }

    private mutating func addVariable(_ condition: VariableCondition, task: Bool, _ query: TaskQuery) throws {
        let scope =
            task
            ? "v.scope_key = t.element_instance_key"
            : """
            NOT EXISTS (SELECT 1 FROM element_instances e WHERE e.process_instance_id = v.process_instance_id
              AND e.key = v.scope_key)
            """
        let nameParameter = bind(.text(condition.name))
        let name =
            query.variableNamesIgnoreCase ? "lower(v.name) = lower(\(nameParameter))" : "v.name = \(nameParameter)"
        let value = try valueCondition(condition, ignoreCase: query.variableValuesIgnoreCase)
        conditions.append(
            """
            EXISTS (SELECT 1 FROM variables v WHERE v.process_instance_id = t.process_instance_id AND \(scope)
              AND \(name) AND \(value))
            """)
    }

    private mutating func valueCondition(_ condition: VariableCondition, ignoreCase: Bool) throws -> String {
        let op: String
        switch condition.operator {
        case .eq: op = "="
        case .neq: op = "<>"
        case .gt: op = ">"
        case .gteq: op = ">="
        case .lt: op = "<"
        case .lteq: op = "<="
        case .like: op = "LIKE"
        case .notLike: op = "NOT LIKE"
        }
        let isLike = condition.operator == .like || condition.operator == .notLike
        let isEquality = condition.operator == .eq || condition.operator == .neq
        func refuse(_ what: String) -> TaskError {
            .invalidArgument(
                "Invalid variable condition '\(condition.name) \(condition.operator.rawValue)': \(what) cannot be "
                    + "compared with '\(condition.operator.rawValue)'")
        }
        switch condition.value {
        case .string(let text):
            let parameter = bind(.text(text))
            if ignoreCase { return "v.type = 'String' AND lower(v.text_value) \(op) lower(\(parameter))" }
            return "v.type = 'String' AND v.text_value \(op) \(parameter)"
        case .integer, .decimal:
            guard !isLike, let text = SQLText.filterText(condition.value) else { throw refuse("a number") }
            return """
                CASE WHEN v.type IN ('Integer', 'Long', 'Short', 'Double') THEN v.text_value::numeric \(op) \
                \(bind(.text(text)))::numeric ELSE false END
                """
        case .bool(let flag):
            guard isEquality else { throw refuse("a boolean") }
            return "v.type = 'Boolean' AND v.text_value \(op) \(bind(.text(flag ? "true" : "false")))"
        case .null:
            guard isEquality else { throw refuse("null") }
            return condition.operator == .eq ? "v.type = 'Null'" : "v.type <> 'Null'"
        case .dateTime(let date):
            guard !isLike else { throw refuse("a date") }
            return """
                CASE WHEN v.type = 'Date' THEN v.text_value::timestamptz \(op) \
                \(bind(.text(date.iso8601)))::timestamptz \
                ELSE false END
                """
        case .duration, .list, .map:
            throw refuse("a value of this type")
        }
    }

    /// `ORDER BY …` for the sorting, with creation time and id as tie-breakers.
    static func orderBy(_ sorting: [TaskSorting]) -> String {
        var keys = sorting.map { sort -> String in
            let column: String =
                switch sort.key {
                case .instanceId, .executionId: "t.process_instance_id"
                case .dueDate: "t.due_at"
                case .followUpDate: "t.follow_up_at"
                case .assignee: "t.assignee"
                case .created: "t.created_at"
                case .lastUpdated: "t.last_updated"
                case .description: "t.description"
                case .id: "t.id"
                case .name: "t.name"
                case .nameCaseInsensitive: "lower(t.name)"
                case .priority: "t.priority"
                case .processDefinitionKey: "p.definition_key"
                case .processDefinitionId: "t.definition_id"
                case .taskDefinitionKey: "t.element_id"
                }
            return column + (sort.ascending ? " ASC" : " DESC")
        }
        keys += ["t.created_at ASC", "t.id ASC"]
        return "ORDER BY " + keys.joined(separator: ", ")
    }
}

extension Engine {
    /// The open tasks matching a query, sorted and paged. An invalid variable condition throws
    /// `TaskError.invalidArgument`.
    public func queryTasks(_ query: TaskQuery) async throws -> [TaskRecord] {
        var sql = try TaskQuerySQL(query)
        var text =
            "SELECT \(TaskRecord.columns) FROM \(TaskRecord.from)\n\(sql.whereClause)\n"
            + TaskQuerySQL.orderBy(query.sorting)
        if let maxResults = query.maxResults { text += " LIMIT \(sql.bind(.int(max(0, maxResults))))" }
        if let firstResult = query.firstResult, firstResult > 0 { text += " OFFSET \(sql.bind(.int(firstResult)))" }
        let parameters = sql.parameters
        let statement = text
        return try await pool.withConnection { connection in
            try connection.query(statement, parameters).rows.map(TaskRecord.init(row:))
        }
    }

    /// How many open tasks match a query (sorting and paging ignored).
    public func countTasks(_ query: TaskQuery) async throws -> Int {
        let sql = try TaskQuerySQL(query)
        let statement = "SELECT count(*) AS n FROM \(TaskRecord.from)\n\(sql.whereClause)"
        let parameters = sql.parameters
        return try await pool.withConnection { connection in
            try connection.query(statement, parameters).rows.first?.decode("n") ?? 0
        }
    }
}
