-- The agent's tools: each tenant's availability rules and its knowledge documents.
--
-- Version 2.1: V2 was taken when the tools arrived; 2.1 keeps them before later migrations.

-- A tenant's opening hours, service durations, slot granularity and closed dates, as one JSON
-- document written and read whole by PostgresAvailabilityRepository (see AvailabilityRulesJson).
CREATE TABLE availability_rules (
    tenant_id   uuid        PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    rules       jsonb       NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Which text search configuration stems a document: French and English by their primary
-- subtag, 'simple' (lower-casing only) for every other language. IMMUTABLE so generated
-- columns and indexes may use it; schema-qualified so it does not depend on search_path.
CREATE FUNCTION knowledge_text_search_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN CASE lower(split_part(language, '-', 1))
        WHEN 'fr' THEN 'pg_catalog.french'::regconfig
        WHEN 'en' THEN 'pg_catalog.english'::regconfig
        ELSE 'pg_catalog.simple'::regconfig
    END;

-- GIN over (tenant_id, search_vector): every search filters by tenant first.
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TABLE knowledge_documents (
    id             uuid        NOT NULL,
    tenant_id      uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    title          text        NOT NULL CHECK (btrim(title) <> ''),
    content        text        NOT NULL CHECK (btrim(content) <> ''),
    language       text        NOT NULL CHECK (language ~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$'),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    search_config  regconfig   GENERATED ALWAYS AS (knowledge_text_search_config(language)) STORED,
    -- Title words weigh more than body words in ts_rank.
    search_vector  tsvector    GENERATED ALWAYS AS (
        setweight(to_tsvector(knowledge_text_search_config(language), title), 'A')
        || setweight(to_tsvector(knowledge_text_search_config(language), content), 'B')) STORED,
    PRIMARY KEY (tenant_id, id),
    -- Like every other id: random, and never reused under another tenant.
    CONSTRAINT knowledge_documents_id_key UNIQUE (id)
);
CREATE INDEX knowledge_documents_search_idx ON knowledge_documents USING gin (tenant_id, search_vector);
CREATE INDEX knowledge_documents_tenant_title_idx ON knowledge_documents (tenant_id, title);
