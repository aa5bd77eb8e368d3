-- The call recorder names each timeline event it writes, so a batch retried after a commit whose
-- answer was lost (the connection cut during the commit) is not stored twice. Events written
-- directly (webhooks, the API) carry no key; the index leaves those rows out.
ALTER TABLE call_events ADD COLUMN write_key uuid;
CREATE UNIQUE INDEX call_events_write_key_idx ON call_events (write_key) WHERE write_key IS NOT NULL;
