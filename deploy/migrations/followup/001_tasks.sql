-- Followup's own tables (applied with search_path = followup).

-- What followup knows of each opening, from intake's events (no contact details: they stay in intake).
CREATE TABLE openings (
    opening_id      uuid PRIMARY KEY,
    sheet_id        text NOT NULL,
    source          text,
    municipality    char(3) NOT NULL,
    company_cvr     char(8) NOT NULL,
    company_employees integer,
    job_type        text NOT NULL,
    visit_requested boolean NOT NULL,
    -- The sheet's submittedAt (or registeredAt from an older intake): the deadline counts from here.
    submitted_at    timestamptz NOT NULL,
    registered_at   timestamptz NOT NULL,
    withdrawn_at    timestamptz
);
CREATE INDEX openings_by_submission ON openings (submitted_at);

-- The duty to contact a company within its first working days: one task per opening.
CREATE TABLE contact_tasks (
    task_id          uuid PRIMARY KEY,
    opening_id       uuid NOT NULL UNIQUE REFERENCES openings,
    due_at           timestamptz NOT NULL,
    opened_at        timestamptz NOT NULL,
    -- open, or closed by the first contact that reached the company (or the opening's withdrawal).
    status           text NOT NULL CHECK (status IN ('open', 'closed')),
    closed_at        timestamptz,
    closed_reason    text CHECK (closed_reason IN ('reached', 'visit-booked', 'declined', 'withdrawn')),
    -- The first contact that closed the task, and whether it came by the deadline.
    contacted_at     timestamptz,
    contacted_on_time boolean,
    escalation_level integer NOT NULL DEFAULT 0
);
CREATE INDEX contact_tasks_open ON contact_tasks (due_at) WHERE status = 'open';

-- Every contact reported (a task may see several: `no-answer` keeps it open).
CREATE TABLE contacts (
    id           bigserial PRIMARY KEY,
    task_id      uuid NOT NULL REFERENCES contact_tasks,
    opening_id   uuid NOT NULL,
    contacted_at timestamptz NOT NULL,
    contacted_by text NOT NULL,
    outcome      text NOT NULL CHECK (outcome IN ('reached', 'visit-booked', 'declined', 'no-answer')),
    note         text,
    on_time      boolean NOT NULL,
    message_id   uuid NOT NULL,
    recorded_at  timestamptz NOT NULL
);
CREATE INDEX contacts_by_opening ON contacts (opening_id);

-- Placements from matching, followed up for retention.
CREATE TABLE placements (
    placement_id  text PRIMARY KEY,
    opening_id    uuid NOT NULL,
    candidate_id  text NOT NULL,
    company_cvr   char(8) NOT NULL,
    municipality  char(3) NOT NULL,
    job_type      text NOT NULL,
    start_date    date NOT NULL,
    target_group  boolean NOT NULL,
    end_date      date,
    end_reason    text,
    recorded_at   timestamptz NOT NULL
);
CREATE INDEX placements_by_opening ON placements (opening_id);

-- Retention check-ins after a placement starts (7, 28 and 91 days by default).
CREATE TABLE checkins (
    checkin_id    uuid PRIMARY KEY,
    placement_id  text NOT NULL REFERENCES placements,
    sequence      integer NOT NULL,
    due_at        timestamptz NOT NULL,
    escalation_at timestamptz NOT NULL,
    status        text NOT NULL CHECK (status IN ('scheduled', 'due', 'completed', 'cancelled')),
    completed_at  timestamptz,
    outcome       text CHECK (outcome IN ('going-well', 'needs-support', 'at-risk')),
    note          text,
    escalated     boolean NOT NULL DEFAULT false,
    UNIQUE (placement_id, sequence)
);
CREATE INDEX checkins_pending ON checkins (due_at) WHERE status IN ('scheduled', 'due');

-- Refused messages: common/005_rejected_messages.sql (this migration created a table of its own
-- shape until that one brought every service to one).
