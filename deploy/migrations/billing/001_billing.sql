-- Billing's own tables (applied with search_path = billing, as the billing role).

-- One row per contract, holding its latest accepted revision.
CREATE TABLE contracts (
    contract_id        text PRIMARY KEY,
    revision           integer NOT NULL CHECK (revision >= 1),
    title              text NOT NULL,
    customer           jsonb NOT NULL,
    period_start       date NOT NULL,
    period_end         date NOT NULL CHECK (period_end >= period_start),
    signed_on          date NOT NULL,
    payment_terms_days integer NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 365),
    mileage            text NOT NULL CHECK (mileage IN ('included', 'state-rate')),
    registered_at      timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

-- The schedule of the contract's latest revision: exactly one of due_on, signed, after_meetings.
CREATE TABLE schedule_lines (
    contract_id    text NOT NULL REFERENCES contracts,
    line_id        text NOT NULL,
    position       integer NOT NULL,
    description    text NOT NULL,
    amount_ore     bigint NOT NULL CHECK (amount_ore > 0),
    due_on         date,
    signed         boolean NOT NULL DEFAULT false,
    after_meetings integer CHECK (after_meetings >= 1),
    PRIMARY KEY (contract_id, line_id),
    CHECK (num_nonnulls(due_on, after_meetings) + signed::integer = 1)
);

-- A meeting counts once, however often it is reported.
CREATE TABLE meetings (
    contract_id text NOT NULL REFERENCES contracts,
    meeting_id  text NOT NULL,
    held_on     date NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (contract_id, meeting_id)
);

CREATE TABLE events (
    contract_id text NOT NULL REFERENCES contracts,
    event_id    text NOT NULL,
    title       text NOT NULL,
    price_ore   bigint NOT NULL CHECK (price_ore > 0),
    booked_on   date NOT NULL,
    held_on     date,
    cancelled   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (contract_id, event_id)
);

CREATE TABLE extras (
    contract_id  text NOT NULL REFERENCES contracts,
    extra_id     text NOT NULL,
    description  text NOT NULL,
    amount_ore   bigint NOT NULL CHECK (amount_ore > 0),
    delivered_on date NOT NULL,
    PRIMARY KEY (contract_id, extra_id)
);

-- Trips of state-rate contracts, invoiced monthly.
CREATE TABLE trips (
    contract_id text NOT NULL REFERENCES contracts,
    trip_id     text NOT NULL,
    trip_date   date NOT NULL,
    km_tenths   bigint NOT NULL CHECK (km_tenths > 0),
    purpose     text NOT NULL,
    PRIMARY KEY (contract_id, trip_id)
);
CREATE INDEX trips_by_month ON trips (contract_id, trip_date);

-- The numbering: one row per series, its last number issued. The issuing transaction locks the
-- row (UPDATE … RETURNING takes the same row lock as SELECT … FOR UPDATE) and holds it until
-- commit, so numbers are consecutive across replicas, and a rollback gives its numbers back.
-- Not a sequence: sequences leave gaps on rollback.
CREATE TABLE number_series (
    series      text PRIMARY KEY,
    last_number bigint NOT NULL CHECK (last_number >= 0)
);

-- Issued invoices and credit notes. Immutable: no UPDATE, DELETE or TRUNCATE (privileges revoked
-- below, and a trigger refuses them for any role).
CREATE TABLE documents (
    series             text NOT NULL,
    number             bigint NOT NULL CHECK (number >= 1),
    kind               text NOT NULL CHECK (kind IN ('invoice', 'credit-note')),
    contract_id        text NOT NULL,
    -- What the document bills: line:ID, event:ID/booked, event:ID/held, extra:ID, mileage:YYYY-MM, credit:N.
    source             text NOT NULL,
    issue_date         date NOT NULL,
    due_date           date NOT NULL,
    payment_terms_days integer NOT NULL,
    customer           jsonb NOT NULL,
    lines              jsonb NOT NULL,
    net_ore            bigint NOT NULL,
    vat_ore            bigint NOT NULL,
    gross_ore          bigint NOT NULL,
    credited_number    bigint,
    oioubl             text NOT NULL,
    issued_at          timestamptz NOT NULL,
    PRIMARY KEY (series, number),
    UNIQUE (series, credited_number),
    CHECK ((kind = 'credit-note') = (credited_number IS NOT NULL))
);
CREATE INDEX documents_by_contract ON documents (contract_id, series, number);

CREATE FUNCTION refuse_document_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'issued documents are immutable (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER documents_are_immutable BEFORE UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION refuse_document_change();
CREATE TRIGGER documents_are_not_truncated BEFORE TRUNCATE ON documents
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_document_change();
REVOKE UPDATE, DELETE, TRUNCATE ON documents FROM CURRENT_USER;

-- What is invoiced and not credited, per contract (the claim that keeps anything from being
-- invoiced twice; a credit note releases it, so a revised line can be invoiced again).
CREATE TABLE billed_items (
    contract_id text NOT NULL,
    source      text NOT NULL,
    PRIMARY KEY (contract_id, source)
);

-- One credit note per invoice.
CREATE TABLE credits (
    series         text NOT NULL,
    invoice_number bigint NOT NULL,
    reason         text NOT NULL,
    requested_at   timestamptz NOT NULL,
    PRIMARY KEY (series, invoice_number)
);

-- Refused messages: common/005_rejected_messages.sql (this migration created a table of its own
-- shape until that one brought every service to one).
