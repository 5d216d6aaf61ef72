import PostgresClient

/// The SQL of the audit timeline. Everything runs on one instance's rows, read once through the primary key
/// `(process_instance_id, sequence)` into the CTE `h`; the element each event concerns, the previous value of a
/// variable and the previous assignee of a user task are derived from those rows (a window over this instance
/// only), then filters, ordering and paging apply.
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
        let base = """
            WITH h AS MATERIALIZED (
                SELECT e.sequence, e.occurred_at, e.type, e.command, e.actor, e.element_id,
                    e.element_instance_key AS key, e.payload, e.hash, e.previous_hash
                FROM history_events e WHERE e.process_instance_id = $1::uuid),
            anchor AS (
                SELECT a.kind, a.ref, min(a.element_id) AS element_id FROM (
                    SELECT 'k' AS kind, h.key AS ref, h.element_id FROM h
                    WHERE h.type IN ('elementActivated', 'instanceCreated')
                    UNION ALL
                    SELECT 's', \(integer("h.payload->>'subscription'")), h.element_id FROM h
                    WHERE h.type = 'subscriptionOpened'
                    UNION ALL
                    SELECT 'i', \(integer("h.payload->>'incident'")), h.element_id FROM h
                    WHERE h.type = 'incidentRaised') a
                WHERE a.ref IS NOT NULL AND a.element_id IS NOT NULL GROUP BY a.kind, a.ref),
            c AS (
                SELECT h.*,
                    CASE WHEN h.type IN (\(list(variableTypes))) THEN 'v:' || coalesce(h.payload->>'name', '')
                        WHEN h.type IN (\(list(userTaskTypes))) THEN 'u' END AS chain,
                    CASE WHEN h.type IN (\(list(subscriptionTypes)))
                        THEN \(integer("h.payload->>'subscription'")) END AS sub,
                    CASE WHEN h.type = 'incidentResolved' THEN \(integer("h.payload->>'incident'")) END AS inc
                FROM h),
            t AS (
                SELECT c.sequence, \(HistorySQL.millis("c.occurred_at")) AS time_ms, c.type, c.command, c.actor,
                    coalesce(c.element_id, ak.element_id, asub.element_id, ainc.element_id) AS element,
                    c.payload, c.hash, c.previous_hash,
                    lag(CASE WHEN c.chain LIKE 'v:%' THEN (c.payload->'value')::text END) OVER w AS previous_value,
                    lag(CASE WHEN c.chain = 'u' THEN c.payload->>'assignee' END) OVER w AS previous_assignee
                FROM c
                LEFT JOIN anchor ak ON ak.kind = 'k' AND ak.ref = c.key
                LEFT JOIN anchor asub ON asub.kind = 's' AND asub.ref = c.sub
                LEFT JOIN anchor ainc ON ainc.kind = 'i' AND ainc.ref = c.inc
                WINDOW w AS (PARTITION BY c.chain, c.key ORDER BY c.sequence))
            """
        if count {
            return ("\(base) SELECT count(*)::int8 AS n FROM t \(filter.whereClause)", filter.parameters)
        }
        var tail = " ORDER BY t.sequence"
        if let first = query.firstResult, first > 0 { tail += " OFFSET \(first)" }
        if let max = query.maxResults { tail += " LIMIT \(max)" }
        let select = """
            \(base)
            SELECT t.sequence, t.time_ms, t.type, t.command, t.actor, t.element, t.payload::text AS payload,
                (t.payload->'value')::text AS value_json, (t.payload->'old')::text AS old_json, t.previous_value,
                t.previous_assignee, t.hash, t.previous_hash
            FROM t \(filter.whereClause)\(tail)
            """
        return (select, filter.parameters)
    }

    /// Whether the instance has any history at all.
    static let exists = "SELECT EXISTS (SELECT 1 FROM history_events WHERE process_instance_id = $1::uuid) AS found"

    /// The instance's definition (nil when the instance row is gone).
    static let definition = "SELECT definition_id FROM process_instances WHERE id = $1::uuid"

    /// A JSON text field as int8, NULL unless it is an integer (so a malformed payload cannot fail the query).
    private static func integer(_ text: String) -> String {
        "(CASE WHEN \(text) ~ '^-?[0-9]{1,18}$' THEN (\(text))::int8 END)"
    }

    private static func list(_ values: [String]) -> String { values.map { "'\($0)'" }.joined(separator: ", ") }
}
