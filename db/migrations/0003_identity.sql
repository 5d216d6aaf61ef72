-- Baton schema, version 3: API tokens for bearer authentication, the role groups, and the Idempotency-Key record
-- of the REST API.

CREATE TABLE api_tokens (
    id              uuid PRIMARY KEY,
    user_id         text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name            text,
    token_hash      text NOT NULL UNIQUE,                -- hex SHA-256 of the token; the token itself is never stored
    created_at      timestamptz NOT NULL,
    created_by      text
);

INSERT INTO groups (id, name, type) VALUES
    ('admins', 'Administrators', 'SYSTEM'),
    ('analysts', 'Analysts', 'SYSTEM'),
    ('reviewers', 'Reviewers', 'WORKFLOW'),
    ('workers', 'Workers', 'SYSTEM'),
    ('auditors', 'Auditors', 'SYSTEM');

-- One row per (user, key): reserved with a null status before the request runs, completed with the response.
CREATE TABLE idempotency_keys (
    user_id         text NOT NULL,
    key             text NOT NULL,
    method          text NOT NULL,
    path            text NOT NULL,
    request_hash    text NOT NULL,
    status          integer,
    content_type    text,
    body            bytea,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
