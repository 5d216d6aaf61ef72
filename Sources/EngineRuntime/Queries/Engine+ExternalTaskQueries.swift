import Expressions
import PostgresClient

extension Engine {
    /// The external tasks matching `query`, in its order, one page of them.
    public func externalTasks(_ query: ExternalTaskQuery, page: QueryPage = .all) async throws -> [ExternalTaskInfo] {
        try page.validate()
        let now = clock.now()
        return try await pool.withConnection { connection in
            var conditions = Self.conditions(query, now: now)
            let order = query.sorting.map { sort -> String in
                let column: String
                switch sort.key {
                case .id: column = "t.id"
                case .lockExpirationTime: column = "t.lock_expires_at"
                case .processInstanceId: column = "t.process_instance_id"
                case .processDefinitionId: column = "t.definition_id"
                case .processDefinitionKey: column = "t.definition_key"
                case .taskPriority: column = "t.priority"
                case .createTime: column = "t.created_at"
                }
                return "\(column) \(sort.ascending ? "ASC NULLS FIRST" : "DESC NULLS LAST")"
            }
            let tail = conditions.tail(order: order, tieBreaker: "t.id", page: page)
            let rows = try connection.query(
                """
                SELECT \(ExternalTaskInfo.columns) FROM external_tasks t \(conditions.whereClause) \(tail)
                """, conditions.parameters)
            return try rows.rows.map { try ExternalTaskInfo(row: $0) }
        }
    }

    /// How many external tasks match `query`.
    public func countExternalTasks(_ query: ExternalTaskQuery) async throws -> Int {
        let now = clock.now()
        return try await pool.withConnection { connection in
            let conditions = Self.conditions(query, now: now)
            return try connection.query(
                "SELECT count(*) AS n FROM external_tasks t \(conditions.whereClause)", conditions.parameters
            ).rows.first?.decode("n") ?? 0
        }
    }

    /// One external task; `.notFound` ("External task with id X does not exist") when there is none.
    public func externalTask(_ id: String) async throws -> ExternalTaskInfo {
        guard let uuid = ExternalTaskRecord.canonicalID(id) else { throw ExternalTaskRecord.notFound(id) }
        return try await pool.withConnection { connection in
            guard
                let row = try connection.query(
                    "SELECT \(ExternalTaskInfo.columns) FROM external_tasks t WHERE t.id = $1::uuid", [.text(uuid)]
                ).rows.first
            else { throw ExternalTaskRecord.notFound(id) }
            return try ExternalTaskInfo(row: row)
        }
    }

    /// The error details of a task's last failure (nil when none were reported); `.notFound` for no such task.
    public func externalTaskErrorDetails(_ id: String) async throws -> String? {
        guard let uuid = ExternalTaskRecord.canonicalID(id) else { throw ExternalTaskRecord.notFound(id) }
        return try await pool.withConnection { connection in
            guard
                let row = try connection.query(
                    "SELECT error_details FROM external_tasks WHERE id = $1::uuid", [.text(uuid)]
                ).rows.first
            else { throw ExternalTaskRecord.notFound(id) }
            return try row.decode("error_details", as: String?.self)
        }
    }

    /// The distinct topic names of existing tasks, sorted (Camunda's `GET /external-task/topic-names`); the flags
    /// keep only topics with locked tasks, unlocked tasks, or tasks with retries left.
    public func externalTaskTopicNames(
        withLockedTasks: Bool = false, withUnlockedTasks: Bool = false, withRetriesLeft: Bool = false
    ) async throws -> [String] {
        var query = ExternalTaskQuery()
        query.locked = withLockedTasks
        query.notLocked = withUnlockedTasks
        query.withRetriesLeft = withRetriesLeft
        let now = clock.now()
        let filter = query
        return try await pool.withConnection { connection in
            let conditions = Self.conditions(filter, now: now)
            return try connection.query(
                "SELECT DISTINCT t.topic FROM external_tasks t \(conditions.whereClause) ORDER BY t.topic",
                conditions.parameters
            ).rows.map { try $0.decode("topic") }
        }
    }

    private static func conditions(_ query: ExternalTaskQuery, now: DateTime) -> QueryConditions {
        var conditions = QueryConditions()
        if let id = query.externalTaskID {
            conditions.equal("t.id::text", ExternalTaskRecord.canonicalID(id) ?? id)
        }
        if let ids = query.externalTaskIDs {
            conditions.any("t.id::text", ids.map { ExternalTaskRecord.canonicalID($0) ?? $0 })
        }
        conditions.equal("t.topic", query.topicName)
        conditions.equal("t.worker_id", query.workerID)
        if query.locked {
            conditions.add("t.lock_expires_at >= \(conditions.bind(.text(now.iso8601)))::timestamptz")
        }
        if query.notLocked {
            let now = conditions.bind(.text(now.iso8601))
            conditions.add("(t.lock_expires_at IS NULL OR t.lock_expires_at < \(now)::timestamptz)")
        }
        if query.withRetriesLeft { conditions.add("(t.retries IS NULL OR t.retries > 0)") }
        if query.noRetriesLeft { conditions.add("t.retries = 0") }
        conditions.equal("t.element_id", query.activityID)
        conditions.any("t.element_id", query.activityIDs)
        conditions.equal("t.process_instance_id::text", query.processInstanceID?.lowercased())
        conditions.equal("t.definition_id", query.processDefinitionID)
        conditions.equal("t.definition_key", query.processDefinitionKey)
        if let priority = query.priorityAtLeast { conditions.add("t.priority >= \(conditions.bind(.int(priority)))") }
        if let priority = query.priorityAtMost { conditions.add("t.priority <= \(conditions.bind(.int(priority)))") }
        if let before = query.lockExpirationBefore {
            conditions.add("t.lock_expires_at < \(conditions.bind(.text(before.iso8601)))::timestamptz")
        }
        if let after = query.lockExpirationAfter {
            conditions.add("t.lock_expires_at > \(conditions.bind(.text(after.iso8601)))::timestamptz")
        }
        if query.active { conditions.add("NOT t.suspended") }
        if query.suspended { conditions.add("t.suspended") }
        return conditions
    }
}

extension ExternalTaskInfo {
    /// The select list on `external_tasks t`.
    static let columns = """
        t.id::text AS id, t.topic, t.worker_id, \(epochMilliseconds("t.lock_expires_at")) AS lock_ms,
        \(epochMilliseconds("t.created_at")) AS created_ms, t.retries, t.error_message, t.priority, t.suspended,
        t.element_id, t.element_instance_key, t.process_instance_id::text AS pid, t.definition_id, t.definition_key,
        t.business_key
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        topicName = try row.decode("topic")
        workerID = try row.decode("worker_id", as: String?.self)
        lockExpirationTime = DateTime.fromMilliseconds(try row.decode("lock_ms", as: Int64?.self))
        createTime = DateTime(epochMilliseconds: try row.decode("created_ms"), offsetSeconds: 0)
        retries = try row.decode("retries", as: Int?.self)
        errorMessage = try row.decode("error_message", as: String?.self)
        priority = try row.decode("priority")
        suspended = try row.decode("suspended")
        activityID = try row.decode("element_id")
        elementInstanceKey = try row.decode("element_instance_key")
        processInstanceID = try row.decode("pid")
        processDefinitionID = try row.decode("definition_id")
        processDefinitionKey = try row.decode("definition_key")
        businessKey = try row.decode("business_key", as: String?.self)
    }
}
