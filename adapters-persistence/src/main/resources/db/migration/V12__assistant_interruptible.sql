-- What may cut an assistant off while it speaks (ConversationRelay's interruptible): none, dtmf, speech or any.
ALTER TABLE assistants
    ADD COLUMN interruptible text NOT NULL DEFAULT 'ANY'
        CHECK (interruptible IN ('NONE', 'DTMF', 'SPEECH', 'ANY'));
