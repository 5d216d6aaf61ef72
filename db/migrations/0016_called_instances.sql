-- Baton schema, version 16: the instances a call activity started, found by their caller. Cancelling a called
-- process (the caller ends or its call activity is interrupted) and the REST filters `superProcessInstance` and
-- `leafProcessInstances` look up instances by `super_instance_id`, which had no index: each lookup read every
-- running instance (through the state index of 0001, since 0015 the partial index of running instances). Only
-- called instances have a caller, so the index is partial: an instance without one adds no entry.
CREATE INDEX process_instances_super ON process_instances (super_instance_id) WHERE super_instance_id IS NOT NULL;
