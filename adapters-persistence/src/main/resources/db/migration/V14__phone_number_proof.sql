-- Which Twilio account holds an imported number, and when the platform found it there
-- (POST /api/v1/phone-numbers/import). Null for numbers added unproven.
ALTER TABLE phone_numbers ADD COLUMN twilio_account_sid text;
ALTER TABLE phone_numbers ADD COLUMN proven_at timestamptz;
ALTER TABLE phone_numbers ADD CONSTRAINT phone_numbers_proof_check CHECK ((twilio_account_sid IS NULL) = (proven_at IS NULL));
