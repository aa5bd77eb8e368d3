-- Text messages sent and received on a tenant's numbers (issue 11, docs/sms.md), and the
-- recipients who replied STOP to a tenant. Listed newest first per tenant, filtered by status,
-- direction and either end's number; delivery reports find a message by Twilio's SID.
CREATE TABLE sms_messages (
    id                   uuid        NOT NULL,
    tenant_id            uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    direction            text        NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    from_number          text        NOT NULL,
    to_number            text        NOT NULL,
    body                 text        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'UNDELIVERED',
                                                                'FAILED', 'CANCELED', 'RECEIVED')),
    phone_number_id      uuid,
    provider_message_id  text,
    error_code           integer,
    error_message        text,
    call_id              uuid,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    -- One row per Twilio message: a redelivered inbound webhook stores nothing new.
    CONSTRAINT sms_messages_provider_message_id_key UNIQUE (tenant_id, provider_message_id),
    -- Messages outlive the number and the call they belong to.
    FOREIGN KEY (tenant_id, phone_number_id) REFERENCES phone_numbers (tenant_id, id) ON DELETE SET NULL (phone_number_id),
    FOREIGN KEY (tenant_id, call_id) REFERENCES calls (tenant_id, id) ON DELETE SET NULL (call_id)
);
CREATE INDEX sms_messages_tenant_created_idx ON sms_messages (tenant_id, created_at DESC, id DESC);
CREATE INDEX sms_messages_tenant_status_created_idx ON sms_messages (tenant_id, status, created_at DESC);
CREATE INDEX sms_messages_tenant_from_created_idx ON sms_messages (tenant_id, from_number, created_at DESC);
CREATE INDEX sms_messages_tenant_to_created_idx ON sms_messages (tenant_id, to_number, created_at DESC);

CREATE TABLE sms_opt_outs (
    tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    number        text        NOT NULL,
    opted_out_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, number)
);
