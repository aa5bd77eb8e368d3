-- Switchboard schema, version 1.
--
-- Tenant-owned tables key on (tenant_id, id): every lookup filters by tenant first, child rows
-- reference their parent through (tenant_id, parent_id) so a row can never point at another
-- tenant's parent, and the tenant is the natural distribution column should the data ever
-- move to a sharded PostgreSQL (Citus).
--
-- "ON DELETE SET NULL (column)" needs PostgreSQL 15 or later.

-- btree_gist lets one exclusion constraint mix equality on tenant_id with range overlap.
-- It is a trusted extension: a database owner may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE tenants (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (btrim(name) <> ''),
    timezone    text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE users (
    id             uuid        NOT NULL,
    tenant_id      uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    -- Stored lower-cased by the domain; login looks users up by e-mail alone.
    email          text        NOT NULL,
    password_hash  text        NOT NULL,
    role           text        NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE assistants (
    id               uuid        NOT NULL,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name             text        NOT NULL,
    persona          text,
    system_prompt    text        NOT NULL,
    first_message    text,
    language         text        NOT NULL,
    voice            jsonb       NOT NULL,
    transcriber      jsonb       NOT NULL,
    model            jsonb       NOT NULL,
    enabled_tools    text[]      NOT NULL DEFAULT '{}',
    dtmf_policy      jsonb       NOT NULL,
    transfer_number  text,
    runtime          text        NOT NULL CHECK (runtime IN ('RELAY', 'STREAM', 'VAPI')),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX assistants_tenant_name_idx ON assistants (tenant_id, name);

CREATE TABLE phone_numbers (
    id                    uuid        NOT NULL,
    tenant_id             uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    number                text        NOT NULL,
    label                 text,
    assistant_id          uuid,
    twilio_sid            text,
    vapi_phone_number_id  text,
    created_at            timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    -- Incoming calls are routed by the number dialled, so a number has one owner platform-wide.
    CONSTRAINT phone_numbers_number_key UNIQUE (number),
    FOREIGN KEY (tenant_id, assistant_id) REFERENCES assistants (tenant_id, id) ON DELETE SET NULL (assistant_id)
);
CREATE INDEX phone_numbers_assistant_idx ON phone_numbers (tenant_id, assistant_id) WHERE assistant_id IS NOT NULL;

CREATE TABLE calls (
    id                uuid        NOT NULL,
    tenant_id         uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    direction         text        NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    from_number       text        NOT NULL,
    to_number         text        NOT NULL,
    runtime           text        NOT NULL CHECK (runtime IN ('RELAY', 'STREAM', 'VAPI')),
    assistant_id      uuid,
    phone_number_id   uuid,
    provider_call_id  text,
    status            text        NOT NULL CHECK (status IN ('QUEUED', 'INITIATED', 'RINGING', 'IN_PROGRESS',
                                                             'COMPLETED', 'BUSY', 'FAILED', 'NO_ANSWER', 'CANCELED')),
    created_at        timestamptz NOT NULL,
    answered_at       timestamptz,
    ended_at          timestamptz,
    duration_seconds  integer     CHECK (duration_seconds >= 0),
    -- Unconstrained numeric keeps the scale the carrier gave (0.0425 stays 0.0425).
    cost_amount       numeric,
    cost_currency     char(3),
    ended_reason      text,
    recording_url     text,
    summary           text,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT calls_cost_pair CHECK ((cost_amount IS NULL) = (cost_currency IS NULL)),
    CONSTRAINT calls_provider_call_id_key UNIQUE (tenant_id, provider_call_id),
    -- Calls outlive the assistant and number that carried them.
    FOREIGN KEY (tenant_id, assistant_id) REFERENCES assistants (tenant_id, id) ON DELETE SET NULL (assistant_id),
    FOREIGN KEY (tenant_id, phone_number_id) REFERENCES phone_numbers (tenant_id, id) ON DELETE SET NULL (phone_number_id)
);
CREATE INDEX calls_tenant_created_idx ON calls (tenant_id, created_at DESC, id DESC);
CREATE INDEX calls_tenant_status_created_idx ON calls (tenant_id, status, created_at DESC);
CREATE INDEX calls_tenant_number_created_idx ON calls (tenant_id, phone_number_id, created_at DESC) WHERE phone_number_id IS NOT NULL;
CREATE INDEX calls_tenant_assistant_idx ON calls (tenant_id, assistant_id) WHERE assistant_id IS NOT NULL;

CREATE TABLE call_events (
    -- Append order is timeline order, also between events stamped with the same instant.
    id         bigserial   PRIMARY KEY,
    tenant_id  uuid        NOT NULL,
    call_id    uuid        NOT NULL,
    at         timestamptz NOT NULL,
    type       text        NOT NULL CHECK (btrim(type) <> ''),
    data       jsonb       NOT NULL DEFAULT '{}',
    FOREIGN KEY (tenant_id, call_id) REFERENCES calls (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX call_events_call_idx ON call_events (tenant_id, call_id, id);

CREATE TABLE call_messages (
    id           uuid        NOT NULL,
    tenant_id    uuid        NOT NULL,
    call_id      uuid        NOT NULL,
    -- Ties between turns stamped with the same instant keep insertion order.
    seq          bigserial   NOT NULL,
    speaker      text        NOT NULL CHECK (speaker IN ('CALLER', 'AGENT', 'TOOL', 'SYSTEM')),
    text         text        NOT NULL,
    at           timestamptz NOT NULL,
    interrupted  boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, call_id) REFERENCES calls (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX call_messages_call_idx ON call_messages (tenant_id, call_id, at, seq);

CREATE TABLE appointments (
    id            uuid        NOT NULL,
    tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    call_id       uuid,
    client_name   text        NOT NULL,
    client_phone  text,
    service_type  text,
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    status        text        NOT NULL CHECK (status IN ('BOOKED', 'CANCELED')),
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT appointments_period CHECK (ends_at > starts_at),
    FOREIGN KEY (tenant_id, call_id) REFERENCES calls (tenant_id, id) ON DELETE SET NULL (call_id),
    -- Two booked appointments of one tenant never overlap, even when two calls book at once:
    -- the second insert waits for the first to commit, then fails with SQLState 23P01.
    CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
        tenant_id WITH =,
        tstzrange(starts_at, ends_at) WITH &&
    ) WHERE (status = 'BOOKED')
);
CREATE INDEX appointments_tenant_starts_idx ON appointments (tenant_id, starts_at);

CREATE TABLE connections (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    provider    text        NOT NULL CHECK (provider IN ('TWILIO', 'VAPI', 'ANTHROPIC', 'OPENAI', 'GOOGLE')),
    settings    jsonb       NOT NULL DEFAULT '{}',
    -- Field name -> ciphertext sealed by the app's SecretVault; never plaintext.
    secrets     jsonb       NOT NULL DEFAULT '{}',
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, provider)
);
