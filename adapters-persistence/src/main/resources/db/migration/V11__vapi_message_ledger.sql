-- Which Vapi server messages (and which of their tool calls) were taken on: one row per key,
-- claimed with INSERT … ON CONFLICT DO NOTHING, so of concurrent deliveries exactly one applies
-- the message or runs the tool (ADR 006). Keyed by Vapi's call id, which is known before our call row.
CREATE TABLE vapi_message_ledger (
    tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    vapi_call_id  text        NOT NULL,
    -- A message's key (SHA-256 of its canonical JSON), or 'tool-call:<toolCallId>'.
    message_key   text        NOT NULL,
    claimed_at    timestamptz NOT NULL,
    -- A tool call's answer, replayed to every other delivery; NULL until its winner stored it.
    answered_at   timestamptz,
    tool_call_id  text,
    tool_name     text,
    result        text,
    error         text,
    PRIMARY KEY (tenant_id, vapi_call_id, message_key),
    CONSTRAINT vapi_message_ledger_answer CHECK ((answered_at IS NULL) = (tool_call_id IS NULL))
);
