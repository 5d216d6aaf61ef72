-- Baton schema, version 8: a tamper-evident hash chain over each instance's history (issue 7). Every history row
-- stores the SHA-256 of its canonical form together with the previous row's hash; the trigger computes both on
-- INSERT, whichever code path appends the row. `baton audit verify` and
-- GET /engine-rest/history/process-instance/{id}/audit recompute the chain independently (in Swift) and name the
-- first broken link.
--
-- Canonical form (fields joined by U+001F, NULL written as U+2205 '∅'):
--   process_instance_id, sequence, occurred_at (epoch milliseconds), type, element_id, element_instance_key,
--   actor, command, payload (the JSON text exactly as stored)
-- hash = hex(SHA-256(UTF-8(previous_hash or '' || U+001E || canonical)))

ALTER TABLE history_events ADD COLUMN previous_hash text, ADD COLUMN hash text;

CREATE FUNCTION history_event_canonical(e history_events) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT concat_ws(E'\x1f',
        e.process_instance_id::text,
        e.sequence::text,
        ((extract(epoch FROM e.occurred_at) * 1000)::bigint)::text,
        coalesce(e.type, '∅'),
        coalesce(e.element_id, '∅'),
        coalesce(e.element_instance_key::text, '∅'),
        coalesce(e.actor, '∅'),
        coalesce(e.command, '∅'),
        coalesce(e.payload::text, '∅'))
$$;

CREATE FUNCTION history_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous text;
BEGIN
    SELECT h.hash INTO previous FROM history_events h
    WHERE h.process_instance_id = NEW.process_instance_id AND h.sequence < NEW.sequence
    ORDER BY h.sequence DESC LIMIT 1;
    NEW.previous_hash := previous;
    NEW.hash := encode(sha256(convert_to(coalesce(previous, '') || E'\x1e' || history_event_canonical(NEW), 'UTF8')),
        'hex');
    RETURN NEW;
END;
$$;

CREATE TRIGGER history_events_chain BEFORE INSERT ON history_events
    FOR EACH ROW EXECUTE FUNCTION history_events_chain();
