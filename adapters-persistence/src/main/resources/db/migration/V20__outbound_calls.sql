-- Outbound calls (issue 11). What the business asked for when it asked us to place a call, kept
-- with the call: its context (JSON object), its reference, its Idempotency-Key, and how dialing
-- goes. The dialer claims due rows with FOR UPDATE SKIP LOCKED and a lease (lease_until), so two
-- instances or threads never dial one call twice. A busy / no-answer call tried again is a new
-- call (a new row here, same first_call_id); followed_up marks the one that got its next try.
CREATE TABLE outbound_calls (
    tenant_id              uuid        NOT NULL,
    call_id                uuid        NOT NULL,
    context                jsonb       NOT NULL DEFAULT '{}',
    reference              text,
    idempotency_key        text,
    idempotency_expires_at timestamptz,
    attempt                integer     NOT NULL CHECK (attempt >= 1),
    max_attempts           integer     NOT NULL CHECK (max_attempts >= 1),
    retry_spacing_seconds  integer     NOT NULL CHECK (retry_spacing_seconds >= 0),
    first_call_id          uuid        NOT NULL,
    dial_state             text        NOT NULL CHECK (dial_state IN ('WAITING', 'DIALING', 'PLACED', 'UNCONFIRMED', 'DONE')),
    not_before             timestamptz NOT NULL,
    lease_until            timestamptz,
    failed_tries           integer     NOT NULL DEFAULT 0,
    dialed_at              timestamptz,
    cancel_requested       boolean     NOT NULL DEFAULT false,
    followed_up            boolean     NOT NULL DEFAULT false,
    error_code             integer,
    error_message          text,
    PRIMARY KEY (tenant_id, call_id),
    FOREIGN KEY (tenant_id, call_id) REFERENCES calls (tenant_id, id) ON DELETE CASCADE
);
-- One call per key and tenant: the constraint, not a check beforehand, decides between two
-- requests with the same key. An expired key is cleared before its next use.
CREATE UNIQUE INDEX outbound_calls_idempotency_key ON outbound_calls (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX outbound_calls_reference_idx ON outbound_calls (tenant_id, reference) WHERE reference IS NOT NULL;
CREATE INDEX outbound_calls_due_idx ON outbound_calls (not_before) WHERE dial_state IN ('WAITING', 'DIALING', 'UNCONFIRMED');
CREATE INDEX outbound_calls_dialing_idx ON outbound_calls (tenant_id, dialed_at) WHERE dial_state IN ('DIALING', 'PLACED');

-- A tenant's limits on placing calls; a tenant without a row gets the platform's defaults.
CREATE TABLE outbound_limits (
    tenant_id             uuid    PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    max_concurrent_calls  integer NOT NULL CHECK (max_concurrent_calls BETWEEN 1 AND 1000),
    calls_per_second      integer NOT NULL CHECK (calls_per_second BETWEEN 1 AND 100),
    calling_hours_start   time    NOT NULL,
    calling_hours_end     time    NOT NULL
);

-- An assistant's outbound settings: machine detection, voicemail message, retries of busy / no-answer.
ALTER TABLE assistants ADD COLUMN outbound jsonb NOT NULL DEFAULT '{}';
