-- The kommunekode an event concerns, sent as its AMQP header `municipality`: the broker delivers the
-- event to that jobcenter's queue (`jobcenter.<kommunekode>`) by it. NULL for events that concern no
-- one municipality.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS municipality text;
