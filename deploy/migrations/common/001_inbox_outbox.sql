-- Messaging tables every service has in its own schema (applied with search_path = the schema).

-- Messages this service has handled: the inbox makes redelivered messages harmless.
CREATE TABLE inbox (
    message_id     uuid PRIMARY KEY,
    type           text NOT NULL,
    outcome        text NOT NULL CHECK (outcome IN ('handled', 'rejected')),
    reason         text,
    correlation_id text,
    received_at    timestamptz NOT NULL DEFAULT now()
);

-- Events this service emits, written in the transaction of the state change they announce and
-- published by the relay after commit (transactional outbox).
CREATE TABLE outbox (
    seq            bigserial PRIMARY KEY,
    message_id     uuid NOT NULL UNIQUE,
    type           text NOT NULL,
    correlation_id text NOT NULL,
    causation_id   text,
    producer       text NOT NULL,
    schema_version integer NOT NULL,
    payload        bytea NOT NULL,
    created_at     timestamptz NOT NULL,
    sent_at        timestamptz
);
CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;
