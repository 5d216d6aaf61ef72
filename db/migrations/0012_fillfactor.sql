-- Baton schema, version 12: room on each page for updated rows. The runtime tables are updated far more than they
-- grow (an instance row on every step and every fetch, a task row on every lock): with full pages (fillfactor 100,
-- the default) every update writes the new row version to another page and a new entry into each of the table's
-- indexes (six for process_instances). With free space left on the page, an update that changes no indexed column
-- stays on the page and touches no index (a "heap-only tuple" update).
ALTER TABLE process_instances SET (fillfactor = 70);
ALTER TABLE external_tasks SET (fillfactor = 70);
ALTER TABLE user_tasks SET (fillfactor = 80);
ALTER TABLE jobs SET (fillfactor = 80);
ALTER TABLE variables SET (fillfactor = 80);
