-- The messages a service refused, one table shape in every schema (Shared/Messaging/Rejections),
-- written by the service kit with the refusal's inbox row. The raw body is kept as received, or
-- only sealed (AES-GCM, key id beside it) by a service whose messages may hold CPR numbers.
-- Retention deletes by received_at.
--
-- Schemas from before this migration had a table of their own service's shape, created by the
-- service's first migration (intake: rejected_sheets with sheet_id; matching: subject and a sealed
-- body only; followup: no subject; billing: contract_id): it is brought to this shape, rows kept.
-- Those first migrations no longer create it, so a new schema gets it from here alone.
DO $$
BEGIN
    IF to_regclass('rejected_sheets') IS NOT NULL THEN
        ALTER TABLE rejected_sheets RENAME TO rejected_messages;
        ALTER TABLE rejected_messages RENAME COLUMN sheet_id TO subject;
        ALTER INDEX rejected_sheets_by_time RENAME TO rejected_messages_by_time;
        ALTER SEQUENCE rejected_sheets_id_seq RENAME TO rejected_messages_id_seq;
        ALTER TABLE rejected_messages RENAME CONSTRAINT rejected_sheets_pkey TO rejected_messages_pkey;
    END IF;
    IF to_regclass('rejected_messages') IS NULL THEN
        CREATE TABLE rejected_messages (
            id          bigserial PRIMARY KEY,
            message_id  uuid NOT NULL,
            routing_key text NOT NULL,
            subject     text,
            errors      jsonb NOT NULL,
            raw_body    bytea,
            received_at timestamptz NOT NULL
        );
    END IF;
    IF EXISTS (SELECT FROM information_schema.columns WHERE table_schema = current_schema()
               AND table_name = 'rejected_messages' AND column_name = 'contract_id') THEN
        ALTER TABLE rejected_messages RENAME COLUMN contract_id TO subject;
    END IF;
END
$$;
ALTER TABLE rejected_messages
    ADD COLUMN IF NOT EXISTS subject text,
    ADD COLUMN IF NOT EXISTS raw_body bytea,
    ADD COLUMN IF NOT EXISTS raw_body_sealed bytea,
    ADD COLUMN IF NOT EXISTS key_id char(8),
    ADD COLUMN IF NOT EXISTS correlation_id text;
ALTER TABLE rejected_messages
    ALTER COLUMN raw_body DROP NOT NULL,
    ALTER COLUMN raw_body_sealed DROP NOT NULL,
    ALTER COLUMN key_id DROP NOT NULL,
    ADD CONSTRAINT rejected_messages_one_body CHECK ((raw_body IS NULL) <> (raw_body_sealed IS NULL)),
    ADD CONSTRAINT rejected_messages_sealed_with_key CHECK ((raw_body_sealed IS NULL) = (key_id IS NULL));
CREATE INDEX IF NOT EXISTS rejected_messages_by_time ON rejected_messages (received_at);
CREATE INDEX IF NOT EXISTS rejected_messages_by_message ON rejected_messages (message_id);
