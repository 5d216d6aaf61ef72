import BPMN
import EngineCore
import Expressions
import PostgresClient

extension Engine {
    /// The jobs matching `query`, in its order, one page of them.
    public func jobs(_ query: JobQuery, page: QueryPage = .all) async throws -> [JobInfo] {
        try page.validate()
        let now = clock.now()
        return try await pool.withConnection { connection in
            var conditions = Self.conditions(query, now: now)
            let order = query.sorting.map { sort -> String in
                let column: String
                switch sort.key {
                case .jobId: column = "j.id"
                case .jobPriority: column = "0"
                case .jobRetries: column = "j.retries"
                case .jobDueDate: column = "j.due_at"
                case .processInstanceId: column = "j.process_instance_id"
                case .processDefinitionId: column = "j.definition_id"
                case .processDefinitionKey: column = "d.key"
                }
                return "\(column) \(sort.ascending ? "ASC NULLS FIRST" : "DESC NULLS LAST")"
            }
            let tail = conditions.tail(order: order, tieBreaker: "j.id", page: page)
            let rows = try connection.query(
                "SELECT \(JobInfo.columns) \(JobInfo.from) \(conditions.whereClause) \(tail)", conditions.parameters)
            return try rows.rows.map { try self.jobInfo($0, on: connection) }
        }
    }

    /// How many jobs match `query`.
    public func countJobs(_ query: JobQuery) async throws -> Int {
        let now = clock.now()
        return try await pool.withConnection { connection in
            let conditions = Self.conditions(query, now: now)
            return try connection.query(
                "SELECT count(*) AS n \(JobInfo.from) \(conditions.whereClause)", conditions.parameters
            ).rows.first?.decode("n") ?? 0
        }
    }

    /// One job; `.notFound` ("Job with id X does not exist") when there is none.
    public func job(_ id: String) async throws -> JobInfo {
        try await pool.withConnection { connection in
            guard let uuid = Self.jobUUID(id),
                let row = try connection.query(
                    "SELECT \(JobInfo.columns) \(JobInfo.from) WHERE j.id = $1::uuid", [.text(uuid)]
                ).rows.first
            else { throw Self.jobNotFound(id) }
            return try self.jobInfo(row, on: connection)
        }
    }

    /// The failure text of a job (Baton keeps the message, no Java stack trace); nil when it never failed.
    public func jobStacktrace(_ id: String) async throws -> String? {
        try await job(id).exceptionMessage
    }

    /// Sets when a job is due (nil: now); the job runs at that time. History records who moved it, from when
    /// (`jobDueDateSet`).
    public func setJobDueDate(_ id: String, dueDate: DateTime?, origin: CommandOrigin = .engine) async throws {
        let now = clock.now()
        let due = dueDate ?? now
        try await transaction { connection in
            guard let uuid = Self.jobUUID(id),
                let row = try connection.query(
                    """
                    WITH old AS (SELECT id, due_at FROM jobs WHERE id = $1::uuid FOR UPDATE)
                    UPDATE jobs j SET due_at = $2::timestamptz FROM old WHERE j.id = old.id
                    RETURNING \(Self.jobHistoryColumns), \(HistorySQL.millis("old.due_at")) AS previous_ms
                    """,
                    [.text(uuid), .text(due.iso8601)]
                ).rows.first
            else { throw Self.jobNotFound(id) }
            let previous = try row.time("previous_ms").map { Value.string($0.iso8601) } ?? .null
            try Self.appendJobHistory(
                row, type: "jobDueDateSet", payload: ["dueDate": .string(due.iso8601), "previousDueDate": previous],
                origin: origin, command: "setJobDueDate", now: now, cache: self.instanceCache, on: connection)
            try connection.notify(channel: JobExecutor.channel)
        }
    }

    /// Suspends or activates one job: a suspended job is not run. (Suspending its process instance suspends all of
    /// its jobs; activating a job of a suspended instance does not make it run: the instance refuses.) History
    /// records who did it (`jobSuspended` / `jobActivated`).
    public func setJobSuspended(_ id: String, suspended: Bool, origin: CommandOrigin = .engine) async throws {
        let now = clock.now()
        try await transaction { connection in
            guard let uuid = Self.jobUUID(id),
                let row = try connection.query(
                    "UPDATE jobs j SET suspended = $2 WHERE id = $1::uuid RETURNING \(Self.jobHistoryColumns)",
                    [.text(uuid), .bool(suspended)]
                ).rows.first
            else { throw Self.jobNotFound(id) }
            try Self.appendJobHistory(
                row, type: suspended ? "jobSuspended" : "jobActivated", payload: [:], origin: origin,
                command: suspended ? "suspendJob" : "activateJob", now: now, cache: self.instanceCache, on: connection)
            if !suspended { try connection.notify(channel: JobExecutor.channel) }
        }
    }

    /// Deletes a job that no executor is running (Camunda refuses while one is). The work it stood for does not
    /// happen: a deleted timer never fires; an open `failedJob` incident of its element stays open. History records
    /// who deleted it (`jobDeleted`).
    public func deleteJob(_ id: String, origin: CommandOrigin = .engine) async throws {
        let now = clock.now()
        try await transaction { connection in
            guard let uuid = Self.jobUUID(id),
                let row = try connection.query(
                    """
                    SELECT lock_owner, lock_expires_at >= $2::timestamptz AS held FROM jobs
                    WHERE id = $1::uuid FOR UPDATE
                    """, [.text(uuid), .text(now.iso8601)]
                ).rows.first
            else { throw Self.jobNotFound(id) }
            if try row.decode("held", as: Bool?.self) == true {
                let holder = try row.decode("lock_owner", as: String?.self) ?? "another executor"
                throw EngineError.rejected(
                    "Cannot delete job \(id) while it is being executed (by '\(holder)'). Try again later.")
            }
            let deleted = try connection.query(
                "DELETE FROM jobs j WHERE id = $1::uuid RETURNING \(Self.jobHistoryColumns)", [.text(uuid)])
            if let deletedRow = deleted.rows.first {
                try Self.appendJobHistory(
                    deletedRow, type: "jobDeleted", payload: [:], origin: origin, command: "deleteJob", now: now,
                    cache: self.instanceCache, on: connection)
            }
        }
    }

    /// The columns `appendJobHistory` reads, for a `RETURNING` clause on `jobs j`.
    static let jobHistoryColumns = """
        j.id::text AS job_id, j.kind AS job_kind, j.process_instance_id::text AS job_pid,
        j.element_id AS job_element, j.element_instance_key AS job_key
        """

    /// Appends an operator's change of a job to its instance's history (timer-start jobs belong to no instance:
    /// their changes are not in any instance's history).
    static func appendJobHistory(
        _ row: PostgresRow, type: String, payload: [String: Value], origin: CommandOrigin, command: String,
        now: DateTime, cache: InstanceCache?, on connection: PostgresConnection
    ) throws {
        guard let instanceID = try row.decode("job_pid", as: String?.self) else { return }
        var fields = payload
        fields["jobId"] = .string(try row.decode("job_id"))
        fields["kind"] = .string(try row.decode("job_kind"))
        try OperationalHistory(connection: connection, cache: cache).append(
            instanceID: instanceID, type: type, elementID: try row.decode("job_element", as: String?.self),
            elementInstanceKey: try row.decode("job_key", as: Int?.self), payload: fields, actor: origin.actor,
            command: command, now: now)
    }

    static func jobUUID(_ id: String) -> String? { ExternalTaskRecord.canonicalID(id) }

    /// Camunda's 404 text for a job.
    static func jobNotFound(_ id: String) -> EngineError { .notFound("Job with id \(id) does not exist") }

    private func jobInfo(_ row: PostgresRow, on connection: PostgresConnection) throws -> JobInfo {
        var info = try JobInfo(row: row)
        var behavior: NodeBehavior?
        if let definitionID = info.processDefinitionID, let elementID = info.activityID,
            let definition = try? definition(definitionID, on: connection),
            let node = definition.process.nodeIndexByID[ElementID(elementID)]
        {
            behavior = definition.process[node].behavior
        }
        info.jobDefinitionType = JobInfo.jobDefinitionType(kind: info.kind, behavior: behavior)
        return info
    }

    private static func conditions(_ query: JobQuery, now: DateTime) -> QueryConditions {
        var conditions = QueryConditions()
        if let id = query.jobID { conditions.equal("j.id::text", jobUUID(id) ?? id) }
        if let ids = query.jobIDs { conditions.any("j.id::text", ids.map { jobUUID($0) ?? $0 }) }
        conditions.equal("j.process_instance_id::text", query.processInstanceID?.lowercased())
        conditions.any("j.process_instance_id::text", query.processInstanceIDs?.map { $0.lowercased() })
        conditions.equal("j.definition_id", query.processDefinitionID)
        conditions.equal("d.key", query.processDefinitionKey)
        conditions.equal("j.element_id", query.activityID)
        if query.withRetriesLeft { conditions.add("j.retries > 0") }
        if query.noRetriesLeft { conditions.add("j.retries <= 0") }
        if query.executable {
            conditions.add("j.retries > 0 AND j.due_at <= \(conditions.bind(.text(now.iso8601)))::timestamptz")
        }
        if query.timers { conditions.add("j.kind IN ('timer', 'timer-start')") }
        if query.messages { conditions.add("j.kind IN ('async', 'connector')") }
        if let after = query.dueAfter {
            conditions.add("j.due_at > \(conditions.bind(.text(after.iso8601)))::timestamptz")
        }
        if let before = query.dueBefore {
            conditions.add("j.due_at < \(conditions.bind(.text(before.iso8601)))::timestamptz")
        }
        if query.withException { conditions.add("j.exception_message IS NOT NULL") }
        if let failed = query.failedActivityID {
            conditions.add("j.exception_message IS NOT NULL AND j.element_id = \(conditions.bind(.text(failed)))")
        }
        if query.active { conditions.add("NOT j.suspended") }
        if query.suspended { conditions.add("j.suspended") }
        return conditions
    }
}

extension JobInfo {
    /// The tables of a job query.
    static let from = "FROM jobs j LEFT JOIN process_definitions d ON d.id = j.definition_id"

    /// The select list.
    static let columns = """
        j.id::text AS id, j.kind, j.process_instance_id::text AS pid, j.definition_id, d.key AS definition_key,
        j.element_id, j.element_instance_key, j.exception_message, j.retries,
        \(epochMilliseconds("j.due_at")) AS due_ms, j.suspended, \(epochMilliseconds("j.created_at")) AS created_ms,
        j.lock_owner
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        kind = try row.decode("kind")
        jobDefinitionType = ""
        processInstanceID = try row.decode("pid", as: String?.self)
        processDefinitionID = try row.decode("definition_id", as: String?.self)
        processDefinitionKey = try row.decode("definition_key", as: String?.self)
        activityID = try row.decode("element_id", as: String?.self)
        elementInstanceKey = try row.decode("element_instance_key", as: Int?.self)
        exceptionMessage = try row.decode("exception_message", as: String?.self)
        failedActivityID = exceptionMessage == nil ? nil : activityID
        retries = try row.decode("retries")
        dueDate = DateTime(epochMilliseconds: try row.decode("due_ms"), offsetSeconds: 0)
        suspended = try row.decode("suspended")
        priority = 0
        createTime = DateTime(epochMilliseconds: try row.decode("created_ms"), offsetSeconds: 0)
        lockOwner = try row.decode("lock_owner", as: String?.self)
    }

    /// Camunda's `jobDefinitionType` for a Baton job: timers by the element that waits (`timer-transition` on a
    /// boundary event, `timer-intermediate-transition` on an intermediate catch event, `timer-start-event` for a
    /// timer start event, `timer-start-event-subprocess` for an event sub-process's start); asynchronous
    /// continuations and connector calls are `async-continuation` (Camunda runs a connector inside the activity's
    /// execution: with `asyncBefore`, that is the async continuation's job).
    public static func jobDefinitionType(kind: String, behavior: NodeBehavior?) -> String {
        switch kind {
        case "timer-start":
            return "timer-start-event"
        case "timer":
            switch behavior {
            case .boundaryEvent?: return "timer-transition"
            case .startEvent?: return "timer-start-event-subprocess"
            default: return "timer-intermediate-transition"
            }
        default:
            return "async-continuation"
        }
    }
}
