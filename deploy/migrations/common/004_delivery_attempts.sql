-- How often a message the broker delivered again was applied on its own without being settled
-- (Shared/Messaging/Consuming/DeliveryAttempts.swift): a message that kills every process that
-- handles it is dead-lettered as poison after a few attempts instead of crash-looping its service.
-- Rows are deleted with the inbox's retention.
CREATE TABLE IF NOT EXISTS delivery_attempts (
    message_id      uuid PRIMARY KEY,
    attempts        integer NOT NULL,
    last_attempt_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS delivery_attempts_last_attempt_at ON delivery_attempts (last_attempt_at);
