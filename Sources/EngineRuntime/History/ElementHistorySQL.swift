/// The SQL that folds element events into one row per element instance (shared by the activity instance, task and
/// variable queries).
enum ElementHistorySQL {
    /// One row per element instance of the instances `instanceCondition` (on `h.process_instance_id`) admits:
    /// `pid, key, element_id, parent_key, mi_body, started, ended, canceled, activated, task_id, task_created,
    /// assignee, owner, priority_text, due_text, follow_up_text, candidate_groups, candidate_users`.
    ///
    /// The latest `assignee`, `owner`, `priority`, `due` and `followUp` of any event on the element instance win, so
    /// later task events that carry those keys (claims, assignments) are reflected.
    static func elements(instanceCondition: String) -> String {
        """
        SELECT h.process_instance_id AS pid, h.element_instance_key AS key,
            max(h.element_id) FILTER (WHERE h.type = 'elementActivated') AS element_id,
            max(h.payload->>'parent') FILTER (WHERE h.type = 'elementActivated') AS parent_text,
            coalesce(bool_or(h.type = 'elementActivated' AND h.payload->>'multiInstanceBody' = 'true'), false)
                AS mi_body,
            min(h.occurred_at) FILTER (WHERE h.type = 'elementActivated') AS started,
            max(h.occurred_at) FILTER (WHERE h.type IN ('elementCompleted', 'elementTerminated')) AS ended,
            coalesce(bool_or(h.type = 'elementTerminated'), false) AS canceled,
            coalesce(bool_or(h.type = 'elementActivated'), false) AS activated,
            max(h.payload->>'taskId') FILTER (WHERE h.type = 'userTaskCreated') AS task_id,
            min(h.occurred_at) FILTER (WHERE h.type = 'userTaskCreated') AS task_created,
            \(latest("assignee")) AS assignee,
            \(latest("owner")) AS owner,
            \(latest("priority")) AS priority_text,
            \(latest("due")) AS due_text,
            \(latest("followUp")) AS follow_up_text,
            max(h.payload->>'candidateGroups') FILTER (WHERE h.type = 'userTaskCreated') AS candidate_groups,
            max(h.payload->>'candidateUsers') FILTER (WHERE h.type = 'userTaskCreated') AS candidate_users
        FROM history_events h
        WHERE h.element_instance_key IS NOT NULL AND (\(instanceCondition))
          AND h.type NOT IN ('variableCreated', 'variableUpdated', 'variableDeleted', 'flowTaken', 'joinFired',
              'joinDiscarded', 'multiInstanceStarted', 'instanceCreated')
        GROUP BY h.process_instance_id, h.element_instance_key
        """
    }

    /// The latest value of a payload key among the events of one element instance that carry it.
    private static func latest(_ key: String) -> String {
        "(array_agg(h.payload->>'\(key)' ORDER BY h.sequence DESC) FILTER (WHERE h.payload->'\(key)' IS NOT NULL))[1]"
    }

    /// The activity id of a folded element row `a` (a multi-instance body gets Camunda's `#multiInstanceBody`).
    static func activityID(_ a: String) -> String {
        "CASE WHEN \(a).mi_body THEN \(a).element_id || '#multiInstanceBody' ELSE \(a).element_id END"
    }

    /// The activity instance id of a folded element row `a` (see `HistoryIDs.activityInstance`).
    static func activityInstanceID(_ a: String) -> String {
        "(\(activityID(a)) || ':' || \(a).pid::text || ':' || \(a).key::text)"
    }

    /// The activity instance id of the parent of `a`, given the parent's row `pa` (LEFT JOINed): the process
    /// instance id when the parent is the process instance itself.
    static func parentActivityInstanceID(_ a: String, parent pa: String) -> String {
        "CASE WHEN \(pa).key IS NULL OR \(pa).parent_text IS NULL THEN \(a).pid::text "
            + "ELSE \(activityInstanceID(pa)) END"
    }
}
