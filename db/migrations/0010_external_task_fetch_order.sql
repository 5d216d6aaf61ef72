-- 0010: fetch-and-lock without `usePriority` (Camunda's default) hands out the oldest tasks first
-- (ORDER BY created_at, id). The topic index of 0001 is ordered by priority first, so that order needed a sort of
-- every available task of the topic on every fetch; this index yields it directly (the LIMIT stops after maxTasks
-- rows). docs/benchmarks.md (jobs) has the measurement.
CREATE INDEX external_tasks_topic_oldest ON external_tasks (topic, created_at, id);
