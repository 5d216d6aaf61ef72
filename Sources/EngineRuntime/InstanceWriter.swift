import EngineCore
import Expressions
import Foundation
import PostgresClient

/// Writes what one step changed: the instance row (snapshot, revision, state), the query tables projected from the
/// state (element instances, variables, user tasks and candidates, external tasks, message/signal subscriptions,
/// timer jobs, incidents) as the difference between the old and the new state, and the step's history events.
/// Multi-row changes go as one statement per table (`unnest` over arrays).
struct InstanceWriter {
    let connection: PostgresConnection
    /// The statements of this write, sent together in one pipeline with the transaction's next statement.
    let batch = StatementBatch()
    /// The ids given to the rows this write creates (tasks, external tasks, incidents, timer jobs), recorded in the
    /// matching history events so that history names them as the runtime tables and the REST API do.
    private let createdIDs = CreatedIDs()
    let instanceID: String
    let definition: CachedDefinition
    let now: DateTime
    let actor: String?
    let command: String
    /// Which of the step's events go to history.
    var historyLevel: HistoryLevel = .full
    /// The instance's hash chain, when the engine knows its head: the rows are written with their hashes. Nil: the
    /// trigger hashes them (migration 0011).
    var chain: HistoryChain?
    /// Set when the step ran on a cached instance that was not read (`InstanceCache`): the instance row is updated
    /// only if it still has the revision and history sequence the step started from and is not suspended, and this
    /// external task is deleted (or locked, when the step keeps it) only if still as cached; otherwise the statement
    /// fails the transaction (`InstanceGuard`). The instance row is locked first, as on the ordinary path.
    var cachedGuard: InstanceGuard.ExternalTaskCondition?

    var process: ExecutableProcess { definition.process }

    /// What a write left in the database, for the engine's `InstanceCache`.
    struct Outcome {
        /// The instance's history sequence after the write.
        var historySequence: Int
        /// The hash of its last history row after the write; nil when the trigger hashed this write's rows (or the
        /// instance has no history).
        var historyHead: String?
        /// The ids given to new external tasks, by element instance key.
        var createdExternalTasks: [Int: String]
        /// Whether the instance ended (completed or terminated) with this write.
        var ended: Bool
    }

    @discardableResult
    func write(
        old: InstanceState, new: InstanceState, events: [InstanceEvent], isNew: Bool, revision: Int,
        historySequence: Int, startedBy: String?, superInstance: (id: String, elementKey: Int)?,
        leading: [LeadingHistoryRow] = []
    ) throws -> Outcome {
        let events = historyLevel == .full ? events : events.filter(historyLevel.records)
        let lastSequence = historySequence + leading.count + events.count
        let state: String = new.status == .notStarted ? "active" : new.status.rawValue
        let ended = new.status == .completed || new.status == .terminated
        if isNew {
            try batch.add(
                """
                INSERT INTO process_instances (id, definition_id, definition_key, business_key, state, has_incident,
                    snapshot, revision, started_at, started_by, ended_at, super_instance_id, super_element_key,
                    history_sequence)
                VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::json, $8, $9::timestamptz, $10, $11::timestamptz,
                    $12::uuid, $13, $14)
                """,
                [
                    .text(instanceID), .text(definition.id), .text(definition.key), SQLText.optional(new.businessKey),
                    .text(state), .bool(!new.incidents.isEmpty), .text(new.snapshotJSON), .int(revision),
                    SQLText.instant(now), SQLText.optional(startedBy), ended ? SQLText.instant(now) : .null,
                    SQLText.optional(superInstance?.id), SQLText.optional(superInstance?.elementKey),
                    .int(lastSequence),
                ])
        } else if let condition = cachedGuard {
            try batch.add(
                """
                WITH updated AS (
                    UPDATE process_instances SET state = $2, has_incident = $3, snapshot = $4::json, revision = $5,
                        ended_at = COALESCE(ended_at, $6::timestamptz), history_sequence = $7
                    WHERE id = $1::uuid AND revision = $8 AND history_sequence = $9 AND NOT suspended
                    RETURNING 1)
                \(InstanceGuard.check("the row", instance: 1, in: "updated"))
                """,
                [
                    .text(instanceID), .text(state), .bool(!new.incidents.isEmpty), .text(new.snapshotJSON),
                    .int(revision), ended ? SQLText.instant(now) : .null, .int(lastSequence), .int(revision - 1),
                    .int(historySequence),
                ])
            // The task's guard next, so that a wrong worker fails the transaction before any other write.
            let key = ElementInstanceKey(condition.elementInstanceKey)
            let deleting = old.externalTasks[key] != nil && new.externalTasks[key] == nil
            batch.add(InstanceGuard.externalTask(condition, deleting: deleting))
        } else {
            try batch.add(
                """
                UPDATE process_instances SET state = $2, has_incident = $3, snapshot = $4::json, revision = $5,
                    ended_at = COALESCE(ended_at, $6::timestamptz), history_sequence = $7
                WHERE id = $1::uuid
                """,
                [
                    .text(instanceID), .text(state), .bool(!new.incidents.isEmpty), .text(new.snapshotJSON),
                    .int(revision), ended ? SQLText.instant(now) : .null, .int(lastSequence),
                ])
        }
        try writeElements(old, new)
        try writeVariables(old, new)
        try writeUserTasks(old, new)
        try writeExternalTasks(old, new)
        try writeSubscriptions(old, new)
        try writeIncidents(old, new)
        let head = try writeHistory(events, from: historySequence, leading: leading)
        // Sent with the transaction's next statement (usually its COMMIT): no round trip of their own.
        connection.sendWithNextStatement(batch.statements)
        return Outcome(
            historySequence: lastSequence, historyHead: head, createdExternalTasks: createdIDs.externalTasks,
            ended: ended)
    }

    private func deleteKeys(_ table: String, _ column: String, _ keys: [Int]) throws {
        guard !keys.isEmpty else { return }
        if keys.count == 1 {
            // One key (the usual case) as a plain equality: with `= ANY($2)` the server judged its generic plan
            // dearer than a plan for the actual array and planned the statement again on every call.
            try batch.add(
                "DELETE FROM \(table) WHERE process_instance_id = $1::uuid AND \(column) = $2",
                [.text(instanceID), .int(keys[0])])
            return
        }
        try batch.add(
            "DELETE FROM \(table) WHERE process_instance_id = $1::uuid AND \(column) = ANY($2::int8[])",
            [.text(instanceID), .intArray(keys)])
    }

    private func writeElements(_ old: InstanceState, _ new: InstanceState) throws {
        let added = new.elements.values.filter { $0.parent != nil && old.elements[$0.key] == nil }
            .sorted { $0.key < $1.key }
        let removed = old.elements.keys.filter { new.elements[$0] == nil }.map(\.rawValue).sorted()
        try deleteKeys("element_instances", "key", removed)
        guard !added.isEmpty else { return }
        try batch.add(
            """
            INSERT INTO element_instances (process_instance_id, key, element_id, parent_key, activated_at)
            SELECT $1::uuid, k, e, p, $5::timestamptz FROM unnest($2::int8[], $3::text[], $4::int8[]) AS t(k, e, p)
            """,
            [
                .text(instanceID), .intArray(added.map { $0.key.rawValue }),
                .textArray(added.map { process[$0.node].id.rawValue }), .intArray(added.map { $0.parent?.rawValue }),
                SQLText.instant(now),
            ])
    }

    private func writeVariables(_ old: InstanceState, _ new: InstanceState) throws {
        var changed: [(scope: Int, name: String, value: Value)] = []
        var removed: [(scope: Int, name: String)] = []
        for (scope, values) in new.variables {
            let before = old.variables[scope] ?? [:]
            for (name, value) in values where before[name] != value {
                changed.append((scope.rawValue, name, value))
            }
        }
        for (scope, values) in old.variables {
            let after = new.variables[scope] ?? [:]
            for name in values.keys where after[name] == nil { removed.append((scope.rawValue, name)) }
        }
        if !removed.isEmpty {
            try batch.add(
                """
                DELETE FROM variables v USING unnest($2::int8[], $3::text[]) AS t(s, n)
                WHERE v.process_instance_id = $1::uuid AND v.scope_key = t.s AND v.name = t.n
                """, [.text(instanceID), .intArray(removed.map(\.scope)), .textArray(removed.map(\.name))])
        }
        guard !changed.isEmpty else { return }
        changed.sort { ($0.scope, $0.name) < ($1.scope, $1.name) }
        guard changed.count <= ValuesList.maximumRows else {
            try batch.add(
                """
                INSERT INTO variables (process_instance_id, scope_key, name, type, value, text_value, updated_at)
                SELECT $1::uuid, s, n, t, v::jsonb, x, $2::timestamptz
                FROM unnest($3::int8[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(s, n, t, v, x)
                \(Self.variableConflict)
                """,
                [
                    .text(instanceID), SQLText.instant(now), .intArray(changed.map(\.scope)),
                    .textArray(changed.map(\.name)), .textArray(changed.map { SQLText.typeName($0.value) }),
                    .textArray(changed.map { SnapshotCodec.json($0.value) }),
                    .textArray(changed.map { SQLText.filterText($0.value) }),
                ])
            return
        }
        var parameters: [PostgresValue] = [.text(instanceID), SQLText.instant(now)]
        parameters.reserveCapacity(2 + 5 * changed.count)
        for variable in changed {
            parameters += [
                .int(variable.scope), .text(variable.name), .text(SQLText.typeName(variable.value)),
                .text(SnapshotCodec.json(variable.value)), SQLText.optional(SQLText.filterText(variable.value)),
            ]
        }
        batch.add(PostgresStatement(Self.variableValues.sql(rows: changed.count), parameters))
    }

    /// A changed variable replaces the stored one.
    private static let variableConflict = """
        ON CONFLICT (process_instance_id, scope_key, name)
        DO UPDATE SET type = EXCLUDED.type, value = EXCLUDED.value, text_value = EXCLUDED.text_value,
            updated_at = EXCLUDED.updated_at
        """

    private static let variableValues = ValuesList(
        "INSERT INTO variables (process_instance_id, scope_key, name, type, value, text_value, updated_at) VALUES",
        columns: ["$1::uuid", "?", "?", "?", "?::jsonb", "?", "$2::timestamptz"], shared: 2, suffix: variableConflict)

    private func writeUserTasks(_ old: InstanceState, _ new: InstanceState) throws {
        let removed = old.userTasks.keys.filter { new.userTasks[$0] == nil }.map(\.rawValue).sorted()
        try deleteKeys("user_tasks", "element_instance_key", removed)
        for key in new.userTasks.keys.sorted() where old.userTasks[key] == nil {
            guard let details = new.userTasks[key], let element = new.elements[key] else { continue }
            let taskID = RandomID.uuid()
            createdIDs.userTasks[key.rawValue] = taskID
            let node = process[element.node]
            try batch.add(
                """
                INSERT INTO user_tasks (id, process_instance_id, element_instance_key, element_id, name, definition_id,
                    assignee, priority, due_at, follow_up_at, form_key, created_at, owner, delegation_state,
                    description)
                VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10::timestamptz, $11,
                    $12::timestamptz, $13, $14, $15)
                """,
                [
                    .text(taskID), .text(instanceID), .int(key.rawValue), .text(node.id.rawValue),
                    SQLText.optional(details.name ?? node.name), .text(definition.id),
                    SQLText.optional(details.assignee), .int(details.priority), SQLText.time(details.dueDate),
                    SQLText.time(details.followUpDate), SQLText.optional(details.formKey), SQLText.instant(now),
                    SQLText.optional(details.owner), SQLText.optional(details.delegationState?.rawValue),
                    SQLText.optional(details.description),
                ])
            let candidates = details.candidateUsers.map { ("user", $0) } + details.candidateGroups.map { ("group", $0) }
            guard !candidates.isEmpty else { continue }
            try batch.add(
                """
                INSERT INTO task_candidates (task_id, process_instance_id, kind, identity)
                SELECT $1::uuid, $2::uuid, k, i FROM unnest($3::text[], $4::text[]) AS t(k, i) ON CONFLICT DO NOTHING
                """,
                [.text(taskID), .text(instanceID), .textArray(candidates.map(\.0)), .textArray(candidates.map(\.1))])
        }
        try writeChangedUserTasks(old, new)
    }

    private func writeExternalTasks(_ old: InstanceState, _ new: InstanceState) throws {
        var removed = old.externalTasks.keys.filter { new.externalTasks[$0] == nil }.map(\.rawValue).sorted()
        if let condition = cachedGuard {
            removed.removeAll { $0 == condition.elementInstanceKey }  // deleted by its guard (`write`)
        }
        try deleteKeys("external_tasks", "element_instance_key", removed)
        let added = new.externalTasks.keys.filter { old.externalTasks[$0] == nil }.sorted()
        guard !added.isEmpty else { return }
        var ids: [String?] = []
        var keys: [Int?] = []
        var elements: [String?] = []
        var topics: [String?] = []
        var priorities: [Int?] = []
        var retries: [Int?] = []
        for key in added {
            guard let details = new.externalTasks[key], let element = new.elements[key] else { continue }
            let taskID = RandomID.uuid()
            createdIDs.externalTasks[key.rawValue] = taskID
            ids.append(taskID)
            keys.append(key.rawValue)
            elements.append(process[element.node].id.rawValue)
            topics.append(details.topic)
            priorities.append(details.priority)
            retries.append(details.retries)
        }
        // Wakes long-polling workers after commit.
        try batch.add("SELECT pg_notify($1, '')", [.text(ExternalTaskWakeups.channel)])
        try batch.add(
            """
            INSERT INTO external_tasks (id, process_instance_id, element_instance_key, element_id, definition_id,
                definition_key, business_key, topic, priority, retries, created_at)
            SELECT i::uuid, $1::uuid, k, e, $2, $3, $4, t, p, r, $11::timestamptz
            FROM unnest($5::text[], $6::int8[], $7::text[], $8::text[], $9::int8[], $10::int8[]) AS u(i, k, e, t, p, r)
            """,
            [
                .text(instanceID), .text(definition.id), .text(definition.key), SQLText.optional(new.businessKey),
                .textArray(ids), .intArray(keys), .textArray(elements), .textArray(topics), .intArray(priorities),
                .intArray(retries), SQLText.instant(now),
            ])
    }

    private func writeSubscriptions(_ old: InstanceState, _ new: InstanceState) throws {
        let removed = old.subscriptions.filter { new.subscriptions[$0.key] == nil }
        let removedEvents = removed.filter { if case .timer = $0.value.trigger { false } else { true } }
            .map(\.key.rawValue).sorted()
        let removedTimers = removed.filter { if case .timer = $0.value.trigger { true } else { false } }
            .map(\.key.rawValue).sorted()
        try deleteKeys("event_subscriptions", "subscription_key", removedEvents)
        try deleteKeys("jobs", "subscription_key", removedTimers)
        var addedTimer = false
        defer {
            // Wakes idle job executors (after commit) so a timer due soon is not left to the next poll.
            if addedTimer { try? batch.add("SELECT pg_notify($1, '')", [.text(JobExecutor.channel)]) }
        }
        for key in new.subscriptions.keys.sorted() where old.subscriptions[key] == nil {
            guard let subscription = new.subscriptions[key] else { continue }
            let elementID = process[subscription.catcher].id.rawValue
            switch subscription.trigger {
            case .message(let name, let correlationKey):
                try insertSubscription(key, subscription, name: name, correlationKey: correlationKey, elementID: elementID)
            case .signal(let name):
                try insertSubscription(key, subscription, name: name, correlationKey: nil, elementID: elementID)
            case .timer(let due, _):
                addedTimer = true
                let jobID = RandomID.uuid()
                createdIDs.timerJobs[key.rawValue] = jobID
                try batch.add(
                    """
                    INSERT INTO jobs (id, process_instance_id, definition_id, kind, subscription_key,
                        element_instance_key, element_id, due_at, created_at)
                    VALUES ($1::uuid, $2::uuid, $3, 'timer', $4, $5, $6, $7::timestamptz, $8::timestamptz)
                    """,
                    [
                        .text(jobID), .text(instanceID), .text(definition.id), .int(key.rawValue),
                        .int(subscription.owner.rawValue), .text(elementID), SQLText.instant(due), SQLText.instant(now),
                    ])
            }
        }
    }

    private func insertSubscription(
        _ key: SubscriptionKey, _ subscription: Subscription, name: String, correlationKey: String?, elementID: String
    ) throws {
        let kind: String
        if case .signal = subscription.trigger { kind = "signal" } else { kind = "message" }
        try batch.add(
            """
            INSERT INTO event_subscriptions (process_instance_id, definition_id, subscription_key, kind, name,
                correlation_key, element_id, created_at)
            VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::timestamptz)
            """,
            [
                .text(instanceID), .text(definition.id), .int(key.rawValue), .text(kind), .text(name),
                SQLText.optional(correlationKey), .text(elementID), SQLText.instant(now),
            ])
    }

    private func writeIncidents(_ old: InstanceState, _ new: InstanceState) throws {
        let removed = old.incidents.keys.filter { new.incidents[$0] == nil }.map(\.rawValue).sorted()
        try deleteKeys("incidents", "incident_key", removed)
        for key in new.incidents.keys.sorted() where old.incidents[key] == nil {
            guard let incident = new.incidents[key] else { continue }
            let incidentID = RandomID.uuid()
            createdIDs.incidents[key.rawValue] = incidentID
            try batch.add(
                """
                INSERT INTO incidents (id, process_instance_id, incident_key, element_instance_key, element_id,
                    definition_id, type, message, created_at)
                VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9::timestamptz)
                """,
                [
                    .text(incidentID), .text(instanceID), .int(key.rawValue),
                    .int(incident.element.rawValue), .text(process[incident.node].id.rawValue), .text(definition.id),
                    .text(incident.kind.rawValue), .text(incident.message), SQLText.instant(now),
                ])
        }
    }

    /// Returns the chain's head after the rows (nil when the trigger hashes them).
    private func writeHistory(
        _ events: [InstanceEvent], from first: Int, leading: [LeadingHistoryRow]
    ) throws -> String? {
        guard !events.isEmpty || !leading.isEmpty else { return chain?.head }
        // One array per column, expanded by the server (`unnest`); the payloads' JSON text is stored as written, so
        // the hash computed over it here is the one the trigger would compute.
        var chain = self.chain
        let millis = now.epochMilliseconds
        var rows = HistoryRows()
        func append(_ sequence: Int, _ type: String, _ elementID: String?, _ key: Int?, _ payload: Value) {
            let payloadJSON = payload.jsonText
            var link: (previous: String?, hash: String)?
            if var linked = chain {
                link = linked.append(
                    sequence: sequence, occurredAtMilliseconds: millis, type: type, elementID: elementID,
                    elementInstanceKey: key, actor: actor, command: command, payloadJSON: payloadJSON)
                chain = linked
            }
            rows.append(
                sequence: sequence, type: type, elementID: elementID, elementInstanceKey: key, payloadJSON: payloadJSON,
                link: link)
        }
        for (offset, row) in leading.enumerated() {
            append(first + offset + 1, row.type, row.elementID, row.elementInstanceKey, row.payload)
        }
        var sequence = first + leading.count
        for event in events {
            var record = event.historyRecord(in: process)
            createdIDs.annotate(&record, event)
            sequence += 1
            append(sequence, record.type, record.elementID, record.elementInstanceKey, record.payload)
        }
        batch.add(rows.insert(instanceID: instanceID, occurredAt: now, actor: actor, command: command))
        return chain?.head
    }
}

/// A history row of the operation that led to a step (not an event of the step itself), written with the step's
/// events and numbered before them.
struct LeadingHistoryRow {
    var type: String
    var elementID: String?
    var elementInstanceKey: Int?
    var payload: Value
}

/// The ids an instance write gave to new rows, by element instance, incident or subscription key.
final class CreatedIDs {
    var userTasks: [Int: String] = [:]
    var externalTasks: [Int: String] = [:]
    var incidents: [Int: String] = [:]
    var timerJobs: [Int: String] = [:]

    /// Adds the id of the row an event created to its history record (`taskId`, `externalTaskId`, `incidentId`,
    /// `jobId`).
    func annotate(_ record: inout HistoryRecord, _ event: InstanceEvent) {
        let added: (String, String?)
        switch event {
        case .userTaskCreated(let key, _): added = ("taskId", userTasks[key.rawValue])
        case .externalTaskCreated(let key, _): added = ("externalTaskId", externalTasks[key.rawValue])
        case .incidentRaised(let key, _): added = ("incidentId", incidents[key.rawValue])
        case .subscriptionOpened(let key, _): added = ("jobId", timerJobs[key.rawValue])
        default: return
        }
        guard let id = added.1, case .map(var payload) = record.payload else { return }
        payload[added.0] = .string(id)
        record.payload = .map(payload)
    }
}

/// Statements collected for one pipeline.
final class StatementBatch {
    private(set) var statements: [PostgresStatement] = []

    func add(_ sql: String, _ parameters: [PostgresValue] = []) throws {
        statements.append(PostgresStatement(sql, parameters))
    }

    func add(_ statement: PostgresStatement) {
        statements.append(statement)
    }
}
