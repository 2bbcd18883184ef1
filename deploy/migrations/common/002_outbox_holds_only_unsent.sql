-- The relay deletes events once the broker confirmed them (instead of setting sent_at), so the
-- outbox holds only what is still to be published: it stays small, and publishing an event costs
-- one delete rather than an update that rewrites the row and its indexes.
DELETE FROM outbox WHERE sent_at IS NOT NULL;
DROP INDEX outbox_unsent;
ALTER TABLE outbox DROP COLUMN sent_at;
-- Event message ids are time-ordered random UUIDs made by the service itself (74 random bits), so
-- they are unique by construction; the queue of pending events needs only its sequence.
ALTER TABLE outbox DROP CONSTRAINT outbox_message_id_key;
