import PostgresClient

/// The SQL of the audit timeline. Everything runs on one instance's rows, read once through the primary key
/// `(process_instance_id, sequence)` into the CTE `h` (narrow columns only); the element each event concerns, the
/// previous value of a variable and the previous assignee of a user task are derived from those rows (a window over
/// this instance only), then filters, ordering and paging apply. The payload fields an entry shows (variable name
/// and values, assignee, comment, annotation, error) and the hashes are read by primary key for the returned rows
/// only.
enum TimelineSQL {
    /// Variable event types.
    static let variableTypes = ["variableCreated", "variableUpdated", "variableDeleted"]
    /// User task event types that carry the task's assignee.
    static let userTaskTypes = ["userTaskCreated", "userTaskChanged"]
    /// Event types naming a subscription (`payload.subscription`) that was opened on an element.
    static let subscriptionTypes = ["subscriptionClosed", "timerFired", "messageCorrelated", "signalReceived"]

    /// A SELECT of the filtered, ordered, paged entries (`count` false) or of their number (`count` true), and its
    /// parameters. `instance` must be a canonical UUID.
    static func statement(instance: String, query: TimelineQuery, count: Bool) -> (String, [PostgresValue]) {
        var filter = HistoryFilterBuilder(parameters: [.text(instance)])
        if let after = query.occurredAfter {
            filter.add("t.time_ms >= \(filter.bind(.int(Int(after.epochMilliseconds))))")
        }
        if let before = query.occurredBefore {
            filter.add("t.time_ms <= \(filter.bind(.int(Int(before.epochMilliseconds))))")
        }
        filter.equal("t.actor", query.actor)
        filter.equal("t.element", query.elementID)
        filter.anyOf("t.type", query.types)
        // `h`: one pass over the instance's rows, keeping only narrow columns (no payload, no hashes) for the window
        // and the filters; the payload of the returned rows is read again by primary key at the end.
        let base = """
            WITH h AS MATERIALIZED (
                SELECT e.sequence, e.occurred_at, e.type, e.actor, e.element_id, e.element_instance_key AS key,
                    CASE WHEN e.type IN (\(list(variableTypes))) THEN 'v:' || coalesce(e.payload->>'name', '')
                        WHEN e.type IN (\(list(userTaskTypes))) THEN 'u' END AS chain,
                    CASE WHEN e.type IN (\(list(variableTypes))) THEN (e.payload->'value')::text END AS value_json,
                    CASE WHEN e.type IN (\(list(userTaskTypes))) THEN e.payload->>'assignee' END AS assignee,
                    CASE WHEN e.type IN (\(list(["subscriptionOpened"] + subscriptionTypes)))
                        THEN \(integer("e.payload->>'subscription'")) END AS sub,
                    CASE WHEN e.type IN ('incidentRaised', 'incidentResolved')
                        THEN \(integer("e.payload->>'incident'")) END AS inc
                FROM history_events e WHERE e.process_instance_id = $1::uuid),
            anchor AS (
                SELECT 'k' AS kind, h.key AS ref, min(h.element_id) AS element_id FROM h
                WHERE h.type IN ('elementActivated', 'instanceCreated') AND h.key IS NOT NULL GROUP BY h.key
                UNION ALL
                SELECT 's', h.sub, min(h.element_id) FROM h
                WHERE h.type = 'subscriptionOpened' AND h.sub IS NOT NULL GROUP BY h.sub
                UNION ALL
                SELECT 'i', h.inc, min(h.element_id) FROM h
                WHERE h.type = 'incidentRaised' AND h.inc IS NOT NULL GROUP BY h.inc),
            t AS (
                SELECT h.sequence, \(HistorySQL.millis("h.occurred_at")) AS time_ms, h.type, h.actor,
                    coalesce(h.element_id, ak.element_id, asub.element_id, ainc.element_id) AS element,
                    lag(h.value_json) OVER w AS previous_value, lag(h.assignee) OVER w AS previous_assignee
                FROM h
                LEFT JOIN anchor ak ON ak.kind = 'k' AND ak.ref = h.key
                LEFT JOIN anchor asub ON asub.kind = 's' AND asub.ref = h.sub
                LEFT JOIN anchor ainc ON ainc.kind = 'i' AND ainc.ref = h.inc
                WINDOW w AS (PARTITION BY h.chain, h.key ORDER BY h.sequence))
            """
        if count {
            return ("\(base) SELECT count(*)::int8 AS n FROM t \(filter.whereClause)", filter.parameters)
        }
        var tail = " ORDER BY t.sequence"
        if let first = query.firstResult, first > 0 { tail += " OFFSET \(first)" }
        if let max = query.maxResults { tail += " LIMIT \(max)" }
        // Page first (on the narrow rows), then read the payload fields of the returned rows only.
        let select = """
            \(base)
            SELECT p.sequence, p.time_ms, p.type, e.command, p.actor, p.element, e.payload->>'name' AS name,
                (e.payload->'value')::text AS value_json, (e.payload->'old')::text AS old_json, p.previous_value,
                e.payload->>'assignee' AS assignee, p.previous_assignee,
                coalesce(e.payload->>'comment', CASE WHEN p.type = 'taskCommentAdded' THEN e.payload->>'message' END)
                    AS comment,
                e.payload->>'annotation' AS annotation,
                CASE WHEN p.type IN ('errorThrown', 'escalationThrown') THEN e.payload->>'code'
                    WHEN p.type = 'incidentRaised' THEN e.payload->>'kind'
                    ELSE e.payload->>'errorCode' END AS error_code,
                CASE WHEN p.type IN ('errorThrown', 'escalationThrown', 'incidentRaised') THEN e.payload->>'message'
                    ELSE e.payload->>'errorMessage' END AS error_message,
                e.hash, e.previous_hash
            FROM (SELECT t.* FROM t \(filter.whereClause)\(tail)) p
            JOIN history_events e ON e.process_instance_id = $1::uuid AND e.sequence = p.sequence
            ORDER BY p.sequence
            """
        return (select, filter.parameters)
    }

    /// Whether the instance has any history at all.
    static let exists = "SELECT EXISTS (SELECT 1 FROM history_events WHERE process_instance_id = $1::uuid) AS found"

    /// Whether the instance has any history, and its definition (nil when the instance row is gone).
    static let head = """
        SELECT EXISTS (SELECT 1 FROM history_events WHERE process_instance_id = $1::uuid) AS found,
            (SELECT definition_id FROM process_instances WHERE id = $1::uuid) AS definition_id
        """

    /// A JSON text field as int8, NULL unless it is an integer (so a malformed payload cannot fail the query).
    private static func integer(_ text: String) -> String {
        "(CASE WHEN \(text) ~ '^-?[0-9]{1,18}$' THEN (\(text))::int8 END)"
    }

    private static func list(_ values: [String]) -> String { values.map { "'\($0)'" }.joined(separator: ", ") }
}
