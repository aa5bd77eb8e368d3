-- A call's timeline is read in the order things happened (at, then append order): its events
-- reach the table through a batching writer and through synchronous webhooks, of possibly
-- several instances, so append order alone no longer says what came first (ADR 007).
DROP INDEX call_events_call_idx;
CREATE INDEX call_events_call_idx ON call_events (tenant_id, call_id, at, id);
