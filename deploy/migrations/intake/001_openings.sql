-- Intake's own tables (applied with search_path = intake).

-- One row per Spot et job sheet (sheet_id), holding its latest accepted revision.
-- Contact details are personal data of the company's contact person: they stay in this schema
-- and are never part of an event.
CREATE TABLE openings (
    opening_id            uuid PRIMARY KEY,
    sheet_id              text NOT NULL UNIQUE,
    revision              integer NOT NULL CHECK (revision >= 1),
    status                text NOT NULL CHECK (status IN ('registered', 'withdrawn')),
    source                text NOT NULL,
    municipality          char(3) NOT NULL,
    company_cvr           char(8) NOT NULL,
    company_name          text NOT NULL,
    company_employees     integer,
    contact_name          text NOT NULL,
    contact_phone         text,
    contact_email         text,
    category              text NOT NULL,
    tasks                 jsonb NOT NULL,
    hours_per_week_tenths integer NOT NULL CHECK (hours_per_week_tenths BETWEEN 1 AND 370),
    positions             integer NOT NULL CHECK (positions BETWEEN 1 AND 50),
    job_type              text NOT NULL,
    visit_requested       boolean NOT NULL,
    note                  text,
    submitted_at          timestamptz NOT NULL,
    registered_at         timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    withdrawn_at          timestamptz,
    withdrawal_reason     text
);
CREATE INDEX openings_by_municipality ON openings (municipality, registered_at);

-- Refused messages: common/005_rejected_messages.sql (this migration created a table of its own
-- shape until that one brought every service to one).
