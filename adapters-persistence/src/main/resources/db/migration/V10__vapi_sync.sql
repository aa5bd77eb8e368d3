-- Vapi sync state: one row per assistant, what its last sync or drift check established.
-- V10 leaves room below for other features' migrations (Flyway allows gaps; order is by number).
CREATE TABLE vapi_sync_states (
    tenant_id          uuid        NOT NULL,
    assistant_id       uuid        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('SYNCED', 'FAILED', 'DRIFTED')),
    at                 timestamptz NOT NULL,
    -- What failed or drifted, naming the step; NULL when synced.
    error              text,
    -- Vapi's id, kept on failure so the next sync updates that assistant instead of creating another.
    vapi_assistant_id  text,
    config_version     text,
    config_hash        text,
    PRIMARY KEY (tenant_id, assistant_id),
    FOREIGN KEY (tenant_id, assistant_id) REFERENCES assistants (tenant_id, id) ON DELETE CASCADE
);
-- Server messages name the Vapi assistant; this finds ours.
CREATE INDEX vapi_sync_states_vapi_idx ON vapi_sync_states (tenant_id, vapi_assistant_id) WHERE vapi_assistant_id IS NOT NULL;
