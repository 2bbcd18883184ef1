-- Durable timers (Shared/Messaging/Timers): scheduled in a handler's transaction, fired once in
-- effect by the service's timer loop, which deletes a timer in the transaction that writes its
-- events to the outbox. Applied to every service's schema like inbox and outbox; a service
-- without a timer handler leaves the table empty, which costs nothing. Idempotent (IF NOT EXISTS), so
-- renumbering the file when branches merge cannot fail on a schema that already applied it.
CREATE TABLE IF NOT EXISTS timers (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL,
    key          text NOT NULL,
    -- When the timer is due, as scheduled (UTC). The handler sees this; fire lag is measured from it.
    due_at       timestamptz NOT NULL,
    -- When the loop may next claim it: due_at, or later after its handler failed (backoff).
    fire_at      timestamptz NOT NULL,
    payload      jsonb NOT NULL,
    -- Failed firings so far; parked once the limit is reached.
    attempts     integer NOT NULL DEFAULT 0,
    -- Set when the handler kept failing: the timer is kept, not fired, until re-armed.
    parked_at    timestamptz,
    -- The last failure, described without values (PostgresError.description).
    last_error   text,
    scheduled_at timestamptz NOT NULL DEFAULT now(),
    -- Scheduling the same kind and key again replaces the timer.
    CONSTRAINT timers_kind_key UNIQUE (kind, key)
);
-- The loop's claim and its "earliest due" look-up: timers that may fire, by time.
CREATE INDEX IF NOT EXISTS timers_fire_at ON timers (fire_at) WHERE parked_at IS NULL;
-- Operators list parked timers (small set).
CREATE INDEX IF NOT EXISTS timers_parked ON timers (parked_at) WHERE parked_at IS NOT NULL;
