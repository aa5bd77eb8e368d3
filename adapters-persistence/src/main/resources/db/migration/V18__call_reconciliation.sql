-- When a call without a final status was last checked against Twilio (ReconcileCalls, ADR 007).
-- Claimed with UPDATE … FOR UPDATE SKIP LOCKED, so two instances never check one call at once.
ALTER TABLE calls ADD COLUMN reconciled_at timestamptz;
CREATE INDEX calls_unfinished_idx ON calls (created_at)
    WHERE status NOT IN ('COMPLETED', 'BUSY', 'FAILED', 'NO_ANSWER', 'CANCELED');
