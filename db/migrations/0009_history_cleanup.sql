-- Baton schema, version 9: history cleanup with signed tombstones (issue 7, docs/audit.md).
--
-- A finished instance's history may be removed — whole, never in part — only after a tombstone for it was written:
-- its definition, how many events its chain had and the last event's hash, when it ended and was removed, by whom
-- and why, signed by the engine with HMAC-SHA256 (the key: BATON_AUDIT_KEY, else the generated one in audit_keys).
-- The database checks the facts it can check (the instance is finished, the tombstone names exactly the rows being
-- removed); the signature is checked by `baton audit verify`, which holds the key.

CREATE TABLE history_tombstones (
    process_instance_id uuid PRIMARY KEY,
    definition_id   text NOT NULL,
    definition_key  text NOT NULL,
    event_count     bigint NOT NULL,
    head_hash       text,                            -- the last event's hash (null: the instance had no history)
    ended_at        timestamptz NOT NULL,
    removed_at      timestamptz NOT NULL,
    removed_by      text,                            -- the user who deleted it; null for history cleanup
    reason          text NOT NULL,                   -- cleanup | deleted
    key_id          text NOT NULL,                   -- fingerprint of the signing key
    signature       text NOT NULL                    -- hex HMAC-SHA256 of the signed fields (docs/audit.md)
);
CREATE INDEX history_tombstones_removed ON history_tombstones (removed_at);

-- Tombstones are append-only, as history is.
CREATE FUNCTION history_tombstones_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history_tombstones is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER history_tombstones_append_only BEFORE UPDATE OR DELETE ON history_tombstones
    FOR EACH ROW EXECUTE FUNCTION history_tombstones_append_only();
CREATE TRIGGER history_tombstones_no_truncate BEFORE TRUNCATE ON history_tombstones
    FOR EACH STATEMENT EXECUTE FUNCTION history_tombstones_append_only();

-- The generated signing key, used when BATON_AUDIT_KEY is not set (one row, created on first use).
CREATE TABLE audit_keys (
    singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    key_id          text NOT NULL,
    secret          text NOT NULL,                   -- hex
    created_at      timestamptz NOT NULL
);

-- UPDATE stays refused for every role. DELETE is refused unless the instance has a tombstone and has ended (the
-- trigger keeps its name from 0001, so a superuser disabling it goes around exactly this check).
CREATE FUNCTION history_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
        AND EXISTS (SELECT 1 FROM history_tombstones t WHERE t.process_instance_id = OLD.process_instance_id)
        AND EXISTS (SELECT 1 FROM process_instances p WHERE p.id = OLD.process_instance_id
                    AND p.state IN ('completed', 'terminated') AND p.ended_at IS NOT NULL)
    THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'history_events is append-only: % refused (only history cleanup removes history, after the tombstone of the finished instance is written)',
        TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
DROP TRIGGER history_events_no_update_delete ON history_events;
CREATE TRIGGER history_events_no_update_delete BEFORE UPDATE OR DELETE ON history_events
    FOR EACH ROW EXECUTE FUNCTION history_events_guard();

-- After a DELETE statement: every tombstoned instance it touched lost exactly the rows its tombstone names (their
-- number and the last one's hash) and has none left.
CREATE FUNCTION history_events_delete_whole() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    SELECT r.pid, r.n, r.head, t.event_count, t.head_hash,
           EXISTS (SELECT 1 FROM history_events h WHERE h.process_instance_id = r.pid) AS remaining
    INTO bad
    FROM (SELECT process_instance_id AS pid, count(*) AS n, (array_agg(hash ORDER BY sequence DESC))[1] AS head
          FROM removed GROUP BY process_instance_id) r
    JOIN history_tombstones t ON t.process_instance_id = r.pid
    WHERE t.event_count <> r.n OR t.head_hash IS DISTINCT FROM r.head
       OR EXISTS (SELECT 1 FROM history_events h WHERE h.process_instance_id = r.pid)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'history_events: DELETE refused for instance %: its tombstone names % events ending in %, the statement removed % ending in % (rows left: %)',
            bad.pid, bad.event_count, bad.head_hash, bad.n, bad.head, bad.remaining
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER history_events_delete_whole AFTER DELETE ON history_events
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION history_events_delete_whole();

-- Finds finished instances by end time (history cleanup).
CREATE INDEX process_instances_ended ON process_instances (ended_at) WHERE ended_at IS NOT NULL;
