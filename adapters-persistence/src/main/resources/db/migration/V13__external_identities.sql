-- Which subject of an external identity provider (SWITCHBOARD_JWKS_URL) signs in as which of our
-- users: a token's own tenant and role claims are never trusted, only this link.
CREATE TABLE external_identities (
    issuer     text        NOT NULL,
    subject    text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    tenant_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    linked_at  timestamptz NOT NULL,
    PRIMARY KEY (issuer, subject),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX external_identities_by_tenant ON external_identities (tenant_id, linked_at);
