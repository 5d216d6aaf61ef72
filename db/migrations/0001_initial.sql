-- Baton schema, version 1.
-- Every runtime and history table carries process_instance_id (the future Citus distribution column, see
-- DESIGN.md "Scaling out"); definitions, deployments and identities are reference tables.

CREATE TABLE deployments (
    id              text PRIMARY KEY,
    name            text,
    source          text,
    tenant_id       text,
    deployed_at     timestamptz NOT NULL,
    deployed_by     text
);

CREATE TABLE resources (
    deployment_id   text NOT NULL REFERENCES deployments(id),
    name            text NOT NULL,
    content         bytea NOT NULL,
    sha256          text NOT NULL,
    PRIMARY KEY (deployment_id, name)
);

CREATE TABLE process_definitions (
    id              text PRIMARY KEY,                -- key:version:uuid, as Camunda
    key             text NOT NULL,
    version         integer NOT NULL,
    name            text,
    version_tag     text,
    deployment_id   text NOT NULL REFERENCES deployments(id),
    resource_name   text NOT NULL,
    sha256          text NOT NULL,                   -- of the resource, for duplicate filtering
    history_ttl_days integer,
    suspended       boolean NOT NULL DEFAULT false,
    startable       boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL,
    UNIQUE (key, version)
);
CREATE INDEX process_definitions_key ON process_definitions (key, version DESC);

CREATE TABLE process_instances (
    id              uuid PRIMARY KEY,
    process_instance_id uuid GENERATED ALWAYS AS (id) STORED,
    definition_id   text NOT NULL REFERENCES process_definitions(id),
    definition_key  text NOT NULL,
    business_key    text,
    state           text NOT NULL,                   -- active | completed | terminated
    suspended       boolean NOT NULL DEFAULT false,
    has_incident    boolean NOT NULL DEFAULT false,
    snapshot        json NOT NULL,                   -- the core's InstanceState (json: stored as written, no conversion)
    revision        integer NOT NULL,                -- bumped by every command (optimistic check)
    started_at      timestamptz NOT NULL,
    started_by      text,
    ended_at        timestamptz,
    super_instance_id uuid,                          -- the calling instance, for call activities
    super_element_key bigint
);
CREATE INDEX process_instances_definition ON process_instances (definition_id);
CREATE INDEX process_instances_key ON process_instances (definition_key);
CREATE INDEX process_instances_business_key ON process_instances (business_key) WHERE business_key IS NOT NULL;
CREATE INDEX process_instances_state ON process_instances (state);

-- Live element instances (tokens and scopes), projected from the snapshot for queries by activity.
CREATE TABLE element_instances (
    process_instance_id uuid NOT NULL,
    key             bigint NOT NULL,
    element_id      text NOT NULL,
    parent_key      bigint,
    activated_at    timestamptz NOT NULL,
    PRIMARY KEY (process_instance_id, key)
);
CREATE INDEX element_instances_element ON element_instances (element_id);

CREATE TABLE variables (
    process_instance_id uuid NOT NULL,
    scope_key       bigint NOT NULL,
    name            text NOT NULL,
    type            text NOT NULL,                   -- Camunda value type: String, Integer, Long, Double, Boolean, Json, Null, Date
    value           jsonb NOT NULL,
    text_value      text,                            -- for equality/like filters
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (process_instance_id, scope_key, name)
);
CREATE INDEX variables_name_value ON variables (name, text_value);

CREATE TABLE user_tasks (
    id              uuid PRIMARY KEY,
    process_instance_id uuid NOT NULL,
    element_instance_key bigint NOT NULL,
    element_id      text NOT NULL,
    name            text,
    definition_id   text NOT NULL,
    assignee        text,
    owner           text,
    delegation_state text,
    priority        integer NOT NULL,
    due_at          timestamptz,
    follow_up_at    timestamptz,
    form_key        text,
    created_at      timestamptz NOT NULL,
    UNIQUE (process_instance_id, element_instance_key)
);
CREATE INDEX user_tasks_instance ON user_tasks (process_instance_id);
CREATE INDEX user_tasks_assignee ON user_tasks (assignee) WHERE assignee IS NOT NULL;

CREATE TABLE task_candidates (
    task_id         uuid NOT NULL REFERENCES user_tasks(id) ON DELETE CASCADE,
    process_instance_id uuid NOT NULL,
    kind            text NOT NULL,                   -- user | group
    identity        text NOT NULL,
    PRIMARY KEY (task_id, kind, identity)
);
CREATE INDEX task_candidates_identity ON task_candidates (kind, identity);

CREATE TABLE external_tasks (
    id              uuid PRIMARY KEY,
    process_instance_id uuid NOT NULL,
    element_instance_key bigint NOT NULL,
    element_id      text NOT NULL,
    definition_id   text NOT NULL,
    definition_key  text NOT NULL,
    business_key    text,
    topic           text NOT NULL,
    priority        bigint NOT NULL DEFAULT 0,
    retries         integer,                         -- null until the first failure, as Camunda
    worker_id       text,
    lock_expires_at timestamptz,
    error_message   text,
    error_details   text,
    suspended       boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    UNIQUE (process_instance_id, element_instance_key)
);
CREATE INDEX external_tasks_topic ON external_tasks (topic, priority DESC, created_at);

CREATE TABLE jobs (
    id              uuid PRIMARY KEY,
    process_instance_id uuid,                        -- null for timer start events of a definition
    definition_id   text,
    kind            text NOT NULL,                   -- timer | timer-start | async | connector
    subscription_key bigint,                         -- the core's timer subscription
    element_instance_key bigint,
    element_id      text,
    due_at          timestamptz NOT NULL,
    retries         integer NOT NULL DEFAULT 3,
    lock_owner      text,
    lock_expires_at timestamptz,
    exception_message text,
    payload         jsonb,
    suspended       boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL
);
CREATE INDEX jobs_due ON jobs (due_at) WHERE lock_owner IS NULL AND NOT suspended;
CREATE INDEX jobs_instance ON jobs (process_instance_id);

CREATE TABLE event_subscriptions (
    process_instance_id uuid,                        -- null for message/signal start events of a definition
    definition_id   text,
    subscription_key bigint NOT NULL,
    kind            text NOT NULL,                   -- message | signal
    name            text NOT NULL,
    correlation_key text,
    element_id      text NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX event_subscriptions_pk ON event_subscriptions (process_instance_id, subscription_key)
    WHERE process_instance_id IS NOT NULL;
CREATE INDEX event_subscriptions_name ON event_subscriptions (kind, name, correlation_key);

CREATE TABLE incidents (
    id              uuid PRIMARY KEY,
    process_instance_id uuid NOT NULL,
    incident_key    bigint NOT NULL,
    element_instance_key bigint,
    element_id      text NOT NULL,
    definition_id   text NOT NULL,
    type            text NOT NULL,                   -- failedJob | failedExternalTask | expressionFailed | …
    message         text NOT NULL,
    job_id          uuid,
    created_at      timestamptz NOT NULL
);
CREATE INDEX incidents_instance ON incidents (process_instance_id);
CREATE INDEX incidents_type ON incidents (type);

-- Append-only history: every event the core emits, numbered per instance.
CREATE TABLE history_events (
    process_instance_id uuid NOT NULL,
    sequence        bigint NOT NULL,
    occurred_at     timestamptz NOT NULL,
    type            text NOT NULL,
    element_id      text,
    element_instance_key bigint,
    payload         json NOT NULL,                   -- json, not jsonb: appended far more often than queried
    actor           text,
    command         text NOT NULL,
    PRIMARY KEY (process_instance_id, sequence)
);

-- History is append-only (DESIGN.md "State in PostgreSQL"): the database itself refuses UPDATE, DELETE and TRUNCATE.
CREATE FUNCTION history_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER history_events_no_update_delete BEFORE UPDATE OR DELETE ON history_events
    FOR EACH ROW EXECUTE FUNCTION history_events_append_only();
CREATE TRIGGER history_events_no_truncate BEFORE TRUNCATE ON history_events
    FOR EACH STATEMENT EXECUTE FUNCTION history_events_append_only();

CREATE TABLE users (
    id              text PRIMARY KEY,
    first_name      text,
    last_name       text,
    email           text,
    password_hash   text
);

CREATE TABLE groups (
    id              text PRIMARY KEY,
    name            text,
    type            text
);

CREATE TABLE memberships (
    user_id         text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    group_id        text NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, group_id)
);
