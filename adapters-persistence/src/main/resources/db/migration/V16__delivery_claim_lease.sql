-- A claim is a lease (DeliveryLedger.CLAIM_LEASE, ADR 006): a row neither applied nor answered for longer than the
-- lease is taken over by the next delivery, so a crash between claim and apply loses nothing.
ALTER TABLE vapi_message_ledger ADD COLUMN applied_at timestamptz;
-- Rows from before: a failed delivery released its claim, so every row left was applied.
UPDATE vapi_message_ledger SET applied_at = claimed_at;
