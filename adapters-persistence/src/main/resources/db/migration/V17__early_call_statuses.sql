-- Carrier status callbacks that matched no stored call when they arrived (the voice webhook still
-- running, or run by another instance): kept here and applied once the call exists, instead of
-- being dropped (ADR 007). Taken with DELETE … FOR UPDATE SKIP LOCKED, so two instances never
-- apply one twice.
CREATE TABLE early_call_statuses (
    id                bigserial   PRIMARY KEY,
    tenant_id         uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    provider_call_id  text        NOT NULL,
    status            text        NOT NULL,
    duration_seconds  integer,
    at                timestamptz,
    callback          jsonb       NOT NULL DEFAULT '{}',
    received_at       timestamptz NOT NULL
);
CREATE INDEX early_call_statuses_call_idx ON early_call_statuses (tenant_id, provider_call_id);
