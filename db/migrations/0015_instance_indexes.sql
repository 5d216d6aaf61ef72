-- Baton schema, version 15: fewer index entries per process instance. An instance's last update changes `state` and
-- `ended_at`, so it cannot stay on its page as a heap-only update: the new row version is entered in every index of
-- the table whose predicate it meets. Of the 0001 indexes, two did no work a query needed:
-- - `process_instances_key (definition_key)` repeats what `process_instances_definition (definition_id)` gives: a
--   query by definition key now finds the definitions of that key (`process_definitions_key`) and their instances
--   through the definition id;
-- - `process_instances_state (state)` indexed a column of three values, nearly all of them `completed` in a
--   long-running engine; the queries that filter on state look for running instances, by definition. The partial
--   index below holds running instances only, so an ending instance leaves it instead of entering a new entry.
-- An ending instance now enters 3 index entries instead of 5 (primary key, definition, ended), a new one 3
-- instead of 4 (primary key, definition, running); a business key adds one to both, as before.
DROP INDEX process_instances_key;
DROP INDEX process_instances_state;
CREATE INDEX process_instances_active ON process_instances (definition_id) WHERE state = 'active';
