-- Baton schema, version 14: fetch-and-lock with `usePriority` (ORDER BY priority DESC, created_at, id) read the topic
-- index of 0001 (topic, priority DESC, created_at), which lacks the id: the server had to sort each run of rows
-- with equal priority and creation time, and an incremental sort reads at least 32 rows before it returns any, so
-- each fetch of 10 joined three times the rows it locked and looked up their chain heads. This index gives the whole
-- order, so the scan stops at the tenth lockable task. It replaces the 0001 index, a prefix of it.
CREATE INDEX external_tasks_topic_priority ON external_tasks (topic, priority DESC, created_at, id);
DROP INDEX external_tasks_topic;
