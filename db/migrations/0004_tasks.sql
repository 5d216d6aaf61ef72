-- Baton schema, version 4: what the task list needs beside the core's projection of user tasks: a description and
-- the time of the last change of each task, comments on tasks, and indexes for the task queries.

ALTER TABLE user_tasks ADD COLUMN description text;
ALTER TABLE user_tasks ADD COLUMN last_updated timestamptz;     -- the last change of the task's fields, null before

CREATE INDEX user_tasks_created ON user_tasks (created_at);
CREATE INDEX user_tasks_element ON user_tasks (element_id);

-- Comments outlive their task (Camunda keeps them in history), so there is no foreign key to user_tasks.
CREATE TABLE task_comments (
    id              uuid PRIMARY KEY,
    task_id         uuid NOT NULL,
    process_instance_id uuid,
    user_id         text,
    message         text NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX task_comments_task ON task_comments (task_id, created_at);
