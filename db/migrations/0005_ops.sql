-- Baton schema, version 5: an operator's note on an incident (Camunda's incident annotation).

ALTER TABLE incidents ADD COLUMN annotation text;
