/// The SQL that numbers variable events into variable instances: a variable instance is one lifetime of a name in a
/// scope, from its `variableCreated` event to the next one (a variable removed and set again is a new instance).
enum VariableHistorySQL {
    /// CTEs `ve` (one row per variable event: `pid, seq, occurred_at, type, scope, name, value_json, gen, revision,
    /// created_seq`) and `ai` (folded element instances, for activity instance and task ids), for the instances
    /// `instanceCondition` (on `h.process_instance_id`) admits.
    static func events(instanceCondition: String) -> String {
        """
        ai AS (\(ElementHistorySQL.elements(instanceCondition: instanceCondition))),
        numbered AS (
            SELECT h.process_instance_id AS pid, h.sequence AS seq, h.occurred_at, h.type, h.command,
                h.element_instance_key AS scope, h.payload->>'name' AS name, (h.payload->'value')::text AS value_json,
                count(*) FILTER (WHERE h.type = 'variableCreated') OVER (
                    PARTITION BY h.process_instance_id, h.element_instance_key, h.payload->>'name' ORDER BY h.sequence)
                    AS gen
            FROM history_events h
            WHERE h.type IN ('variableCreated', 'variableUpdated', 'variableDeleted') AND (\(instanceCondition))),
        ve AS (
            SELECT n.*, row_number() OVER g - 1 AS revision, min(n.seq) OVER g AS created_seq
            FROM numbered n
            WINDOW g AS (PARTITION BY n.pid, n.scope, n.name, n.gen ORDER BY n.seq))
        """
    }

    /// The activity instance id of a variable's scope `scope` in instance `pid`, given the scope's folded row `sa`
    /// (LEFT JOINed): the process instance id for process variables.
    static func scopeActivityInstanceID(_ row: String, scopeRow sa: String) -> String {
        """
        CASE WHEN \(sa).key IS NULL OR \(sa).parent_text IS NULL THEN \(row).pid::text
        ELSE \(ElementHistorySQL.activityInstanceID(sa)) END
        """
    }
}
