-- The one socket of each kind a call may ever have (relay, stream). Claimed with one INSERT … ON
-- CONFLICT DO NOTHING, so of two instances reached by the same handshake (a replay) only one
-- admits it; before, each instance remembered its own claims in memory.
CREATE TABLE call_socket_claims (
    tenant_id   uuid        NOT NULL,
    call_id     uuid        NOT NULL,
    kind        text        NOT NULL,
    claimed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, call_id, kind),
    FOREIGN KEY (tenant_id, call_id) REFERENCES calls (tenant_id, id) ON DELETE CASCADE
);
