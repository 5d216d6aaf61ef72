-- 0007: what the REST process-definition DTO shows and the deployment routes filter on.
-- category = the definitions' targetNamespace, description = the process documentation; the candidate starters
-- drive `?startableBy=` on GET /process-definition. Rows deployed before this migration keep nulls/empty lists.
ALTER TABLE process_definitions ADD COLUMN category text;
ALTER TABLE process_definitions ADD COLUMN description text;
ALTER TABLE process_definitions ADD COLUMN candidate_starter_groups text[] NOT NULL DEFAULT '{}';
ALTER TABLE process_definitions ADD COLUMN candidate_starter_users text[] NOT NULL DEFAULT '{}';
CREATE INDEX deployments_name ON deployments (name, deployed_at DESC);
