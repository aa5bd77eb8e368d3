-- The verdict of a call's last diagnosis (issue 13), kept on the call so the call list filters on
-- it with an index instead of reading every timeline. NULL until the call is diagnosed: when it
-- ends (with its summary) and whenever its diagnosis is read.
ALTER TABLE calls ADD COLUMN verdict text;
CREATE INDEX calls_tenant_verdict_created_idx ON calls (tenant_id, verdict, created_at DESC) WHERE verdict IS NOT NULL;
