-- Ids are random UUIDs and belong to one tenant: reusing one under another tenant is a bug (or a
-- forged request), refused as the in-memory fakes refuse it, instead of creating a second row
-- that shares the id. Lookups still go through the (tenant_id, id) primary keys.
ALTER TABLE users ADD CONSTRAINT users_id_key UNIQUE (id);
ALTER TABLE assistants ADD CONSTRAINT assistants_id_key UNIQUE (id);
ALTER TABLE phone_numbers ADD CONSTRAINT phone_numbers_id_key UNIQUE (id);
ALTER TABLE calls ADD CONSTRAINT calls_id_key UNIQUE (id);
ALTER TABLE appointments ADD CONSTRAINT appointments_id_key UNIQUE (id);
