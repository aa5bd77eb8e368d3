-- What each tenant used of the platform's own LLM keys per UTC day (issue 9 §3, PlatformKeyQuota).
-- Counted with one upsert per step, so the daily limits hold across instances.
CREATE TABLE platform_key_days (
    tenant_id      uuid    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    day            date    NOT NULL,
    calls          integer NOT NULL DEFAULT 0 CHECK (calls >= 0),
    output_tokens  bigint  NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
    PRIMARY KEY (tenant_id, day)
);

-- The decision taken for each call at its first platform-paid reply, so a call is counted once
-- and its later replies get the same answer. Kept like the days (small rows, one per call).
CREATE TABLE platform_key_calls (
    call_id    uuid    PRIMARY KEY,
    tenant_id  uuid    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    day        date    NOT NULL,
    admitted   boolean NOT NULL
);
