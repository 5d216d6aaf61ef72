-- Baton schema, version 2: per-instance history numbering kept on the instance row, so appending history needs no
-- extra query; the start-event subscriptions of the latest definition versions.

ALTER TABLE process_instances ADD COLUMN history_sequence bigint NOT NULL DEFAULT 0;

CREATE INDEX event_subscriptions_definition ON event_subscriptions (definition_id) WHERE process_instance_id IS NULL;
