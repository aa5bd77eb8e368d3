-- Sent texts whose delivery reports never came are read back from Twilio (RecheckStuckSms, issue 11):
-- when each was last read, so instances take turns and a message Twilio still queues waits before the next read.
ALTER TABLE sms_messages ADD COLUMN checked_at timestamptz;
CREATE INDEX sms_messages_unreported_idx ON sms_messages (created_at)
    WHERE direction = 'OUTBOUND' AND status IN ('QUEUED', 'SENDING') AND provider_message_id IS NOT NULL;
