-- Baton schema, version 11: the engine hashes the history rows it writes itself. The chain and its canonical form
-- (0008) are unchanged; what changes is who computes them for the engine's own appends. The engine knows the hash
-- of the instance's last row (it reads it with the locked instance row), so it sends each row's previous_hash and
-- hash with the row, and the trigger runs only for rows inserted without a hash (every other writer: operational
-- rows, hand-written SQL). Running the PL/pgSQL trigger for every row cost more than half of an append (a lookup of
-- the previous row and the hashing, per row, in the server). Verification does not trust either writer: `baton
-- audit verify` and GET …/audit recompute every hash and every link from the stored columns.
DROP TRIGGER history_events_chain ON history_events;
CREATE TRIGGER history_events_chain BEFORE INSERT ON history_events
    FOR EACH ROW WHEN (NEW.hash IS NULL) EXECUTE FUNCTION history_events_chain();
