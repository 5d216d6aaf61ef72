import EngineCore
import Expressions
import PostgresClient

/// One fetch-and-lock attempt: the selecting statement built from the topics, the lock, its history rows and the
/// variables of the locked tasks.
struct ExternalTaskFetch: Sendable {
    let workerID: String
    let maxTasks: Int
    let topics: [ExternalTaskTopic]
    let usePriority: Bool
    var sorting: [ExternalTaskFetchSorting] = []

    /// The longest long poll Camunda accepts (30 minutes).
    static let maximumResponseTimeout: Duration = .milliseconds(1_800_000)

    static func validate(
        workerID: String, maxTasks: Int, topics: [ExternalTaskTopic], asyncResponseTimeout: Duration?
    ) throws {
        if let timeout = asyncResponseTimeout, timeout > maximumResponseTimeout {
            throw EngineError.rejected(
                "The asynchronous response timeout cannot be set to a value greater than 1800000 milliseconds")
        }
        guard !workerID.isEmpty else { throw EngineError.rejected("workerId is required to fetch and lock tasks") }
        guard maxTasks >= 0 else { throw EngineError.rejected("maxTasks must be 0 or more, not \(maxTasks)") }
        for topic in topics where topic.lockDuration <= 0 {
            throw EngineError.rejected(
                "lockDuration of topic '\(topic.topicName)' must be more than 0 milliseconds, "
                    + "not \(topic.lockDuration)")
        }
    }

    /// Selects and locks the tasks; `cache` learns the new history heads of instances it holds, after commit.
    func run(
        now: DateTime, actor: String?, cache: InstanceCache? = nil, on connection: PostgresConnection
    ) throws -> [LockedExternalTask] {
        let (sql, parameters) = selectStatement(now: now)
        // The planner must read the candidates in index order and stop after maxTasks rows. With statistics from a
        // moment the table was (nearly) empty — a queue right after a burst of new tasks, before autovacuum's next
        // ANALYZE — it believes a sort of every available task is as cheap, and each fetch sorts thousands of rows
        // (50 ms instead of 0.3 ms in `baton-bench jobs`). Discouraging the sort for this transaction keeps the
        // index-ordered plan whatever the statistics say; a sort is still used when no index gives the order
        // (custom sorting, several topics), and for the few locked rows (the lock may return them out of order). A
        // sort still used carries the planner's penalty for a discouraged step, so large a cost that the server would
        // compile the plan to machine code (JIT, tenths of a second) on every fetch: JIT is off for the transaction.
        // Sequential scans are discouraged too: every statement of a fetch finds its rows through an index (the
        // locked tasks' instances, variables and element instances), and statistics taken while a table was small
        // made the cached plan of the variables' read scan the whole table, 12 ms per fetch once it had grown.
        // The generic plan is forced: a custom plan (one for the parameters, which the server keeps choosing because
        // it knows maxTasks) took 0.7 ms to plan, as long as the statement takes to run, on every fetch; the session's
        // one generic plan is built under the same settings and reused (`ExternalTaskFetchPlanTests`).
        // Sent with the SELECT (no round trip of its own).
        connection.sendWithNextStatement([
            PostgresStatement(
                """
                SELECT set_config('enable_sort', 'off', true), set_config('enable_seqscan', 'off', true),
                    set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true)
                """)
        ])
        let rows = try connection.query(sql, parameters)
        guard !rows.rows.isEmpty else { return [] }
        var tasks: [(task: LockedExternalTask, topic: Int)] = []
        var sequences: [String: Int] = [:]
        // Each instance's hash chain continues from the head read with its locked row; an instance whose head was
        // not visible (the row changed after the statement's snapshot) has no chain here: the trigger hashes its
        // rows.
        var chains: [String: HistoryChain] = [:]
        var first: [String: (sequence: Int, revision: Int)] = [:]
        var records: [LockRecord] = []
        for row in rows.rows {
            let topicIndex: Int = try row.decode("q")
            let topic = topics[topicIndex]
            let expiry = now.adding(milliseconds: topic.lockDuration)
            let task = LockedExternalTask(
                id: try row.decode("id"), topicName: try row.decode("topic"), workerID: workerID,
                lockExpirationTime: expiry,
                createTime: DateTime(epochMilliseconds: try row.decode("created_ms"), offsetSeconds: 0),
                retries: try row.decode("retries", as: Int?.self),
                errorMessage: try row.decode("error_message", as: String?.self),
                errorDetails: try row.decode("error_details", as: String?.self), priority: try row.decode("priority"),
                activityID: try row.decode("element_id"), elementInstanceKey: try row.decode("element_instance_key"),
                processInstanceID: try row.decode("pid"), processDefinitionID: try row.decode("definition_id"),
                processDefinitionKey: try row.decode("definition_key"),
                businessKey: try row.decode("business_key", as: String?.self), variables: [:])
            tasks.append((task, topicIndex))
            let instance = task.processInstanceID
            let stored: Int = try row.decode("seq")
            if sequences[instance] == nil {
                first[instance] = (stored, try row.decode("rev"))
                let head: String? = try row.decode("head")
                if stored == 0 || head != nil { chains[instance] = HistoryChain(instanceID: instance, head: head) }
            }
            let sequence = (sequences[instance] ?? stored) + 1
            sequences[instance] = sequence
            let payload = Value.map([
                "externalTaskId": .string(task.id), "topic": .string(task.topicName), "workerId": .string(workerID),
                "lockExpirationTime": .string(expiry.iso8601),
            ]).jsonText
            var link: (previous: String?, hash: String)?
            if var chain = chains[instance] {
                link = chain.append(
                    sequence: sequence, occurredAtMilliseconds: now.epochMilliseconds, type: "externalTaskLocked",
                    elementID: task.activityID, elementInstanceKey: task.elementInstanceKey, actor: actor,
                    command: "fetchAndLock", payloadJSON: payload)
                chains[instance] = chain
            }
            records.append((instance, sequence, task, payload, link))
        }
        try write(records: records, now: now, actor: actor, on: connection)
        if let cache {
            for (instance, start) in first {
                if let sequence = sequences[instance], let head = chains[instance]?.head {
                    cache.stageHistory(
                        instance, revision: start.revision, from: start.sequence, to: sequence, head: head,
                        on: ObjectIdentifier(connection))
                } else {
                    cache.forget(instance, on: ObjectIdentifier(connection))
                }
            }
        }
        let variables = try ExternalTaskVariables.read(
            for: tasks.map { ($0.task, topics[$0.topic]) }, on: connection)
        return tasks.enumerated().map { index, entry in
            var task = entry.task
            task.variables = variables[index]
            return task
        }
    }

    /// One `externalTaskLocked` row: its instance, sequence, task, payload text and place in the hash chain.
    private typealias LockRecord = (
        instance: String, sequence: Int, task: LockedExternalTask, payload: String,
        link: (previous: String?, hash: String)?
    )

    private func write(records: [LockRecord], now: DateTime, actor: String?, on connection: PostgresConnection) throws {
        // Rows of one instance in the order they were numbered; instances in a stable order.
        var history = HistoryRows()
        for record in records.sorted(by: { ($0.instance, $0.sequence) < ($1.instance, $1.sequence) }) {
            history.append(
                instanceID: record.instance, sequence: record.sequence, type: "externalTaskLocked",
                elementID: record.task.activityID, elementInstanceKey: record.task.elementInstanceKey,
                payloadJSON: record.payload, link: record.link)
        }
        // Sent with the next statement (the variables' read, or the COMMIT). The tasks' lock and the instances'
        // history sequence were written by the selecting statement.
        connection.sendWithNextStatement([
            history.insert(instanceID: nil, occurredAt: now, actor: actor, command: "fetchAndLock")
        ])
    }

    /// The selecting statement: every topic is one OR-ed condition with its filters; `q` says which topic matched
    /// first (its lock duration and variable selection apply). It also locks the tasks for the worker and moves each
    /// instance's history sequence on by the number of its tasks (their `externalTaskLocked` rows follow).
    func selectStatement(now: DateTime) -> (String, [PostgresValue]) {
        // Each topic's lock expiry, the instant the worker is told (an interval product would go through floating
        // point and could miss it by microseconds for durations of centuries).
        let expiries = topics.map { now.adding(milliseconds: $0.lockDuration).iso8601 }
        var parameters: [PostgresValue] = [SQLText.instant(now), .int(maxTasks), .text(workerID), .textArray(expiries)]
        func bind(_ value: PostgresValue) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        var conditions: [String] = []
        for topic in topics {
            var parts = ["t.topic = \(bind(.text(topic.topicName)))"]
            if let businessKey = topic.businessKey { parts.append("t.business_key = \(bind(.text(businessKey)))") }
            if let ids = topic.processDefinitionIDs {
                parts.append("t.definition_id = ANY(\(bind(.textArray(ids)))::text[])")
            }
            if let keys = topic.processDefinitionKeys {
                parts.append("t.definition_key = ANY(\(bind(.textArray(keys)))::text[])")
            }
            for (name, value) in topic.processVariables.sorted(by: { $0.key < $1.key }) {
                let match: String
                switch value {
                case .null: match = "v.type = 'Null'"
                case .list, .map: match = "v.value = \(bind(.text(SnapshotCodec.json(value))))::jsonb"
                default: match = "v.text_value = \(bind(SQLText.optional(SQLText.filterText(value))))"
                }
                parts.append(
                    """
                    EXISTS (SELECT 1 FROM variables v WHERE v.process_instance_id = t.process_instance_id
                      AND v.scope_key = 1 AND v.name = \(bind(.text(name))) AND \(match))
                    """)
            }
            conditions.append("(" + parts.joined(separator: " AND ") + ")")
        }
        let which = conditions.enumerated().map { "WHEN \($0.element) THEN \($0.offset)" }.joined(separator: " ")
        let order = ((usePriority ? ["t.priority DESC"] : []) + sorting.map(\.sql) + ["t.created_at", "t.id"])
            .joined(separator: ", ")
        // The tasks and their instance rows are locked together (a task whose instance row a step holds is passed
        // over and does not count towards maxTasks); the chain heads are looked up for the locked rows only, outside
        // the locking query. Looked up inside it, a head was read for every candidate, also for the many a
        // concurrent fetch holds and SKIP LOCKED then passes over (five for each one locked with eight workers).
        // The lock and the sequences are written by the same statement, on the rows it locked (each found once,
        // instead of again through arrays of their ids in two more statements). A row locked here that a transaction
        // committed after this statement's snapshot is updated in its latest version, the one locked.
        let sql = """
            WITH locked AS MATERIALIZED (
                SELECT t.*, p.history_sequence AS seq, p.revision AS rev, CASE \(which) END AS q
                FROM external_tasks t JOIN process_instances p ON p.id = t.process_instance_id
                WHERE NOT t.suspended AND NOT p.suspended AND p.state = 'active'
                  AND (t.lock_expires_at IS NULL OR t.lock_expires_at < $1::timestamptz)
                  AND (t.retries IS NULL OR t.retries > 0)
                  AND (\(conditions.joined(separator: " OR ")))
                ORDER BY \(order) LIMIT $2
                FOR UPDATE OF t, p SKIP LOCKED
            ), task_lock AS (
                UPDATE external_tasks t SET worker_id = $3,
                    lock_expires_at = ($4::text[])[l.q + 1]::timestamptz
                FROM locked l WHERE t.id = l.id
            ), history_sequence AS (
                UPDATE process_instances p SET history_sequence = p.history_sequence + l.n
                FROM (SELECT process_instance_id, count(*) AS n FROM locked GROUP BY process_instance_id) l
                WHERE p.id = l.process_instance_id
            )
            SELECT t.id::text AS id, t.process_instance_id::text AS pid, t.element_instance_key, t.element_id,
                t.definition_id, t.definition_key, t.business_key, t.topic, t.priority, t.retries, t.error_message,
                t.error_details, (extract(epoch FROM t.created_at) * 1000)::int8 AS created_ms, t.seq, t.rev,
                (SELECT h.hash FROM history_events h
                 WHERE h.process_instance_id = t.process_instance_id AND h.sequence = t.seq) AS head, t.q
            FROM locked t
            ORDER BY \(order)
            """
        return (sql, parameters)
    }
}
