-- Matching's own tables (applied with search_path = matching).
--
-- Personal data: a CPR number is stored only as AES-GCM ciphertext (cpr_ciphertext, whose first
-- bytes name the key: cpr_key_id repeats it for rotation) and as an HMAC-SHA256 digest under a
-- separate key (cpr_digest) to find a person registered twice. Both are erased (NULL) when the
-- person is withdrawn, or right after the STAR report that needs them. Nothing else here is derived
-- from a CPR number.

-- One row per candidateId, holding its latest accepted revision.
CREATE TABLE candidates (
    candidate_id          text PRIMARY KEY,
    revision              integer NOT NULL CHECK (revision >= 1),
    status                text NOT NULL CHECK (status IN ('active', 'withdrawn')),
    jobcenter             char(3) NOT NULL,
    cpr_ciphertext        bytea,
    cpr_key_id            char(8),
    cpr_digest            bytea,
    cpr_erase_pending     boolean NOT NULL DEFAULT false,
    cpr_erased_at         timestamptz,
    home_municipality     char(3) NOT NULL,
    work_municipalities   text[] NOT NULL,
    categories            text[] NOT NULL,
    tasks                 jsonb NOT NULL,
    hours_min_tenths      integer NOT NULL CHECK (hours_min_tenths BETWEEN 1 AND 370),
    hours_max_tenths      integer NOT NULL CHECK (hours_max_tenths BETWEEN hours_min_tenths AND 370),
    job_types             text[] NOT NULL,
    max_jobs              integer NOT NULL CHECK (max_jobs BETWEEN 1 AND 3),
    unemployed_since      date NOT NULL,
    available_from        date NOT NULL,
    note                  text,
    submitted_at          timestamptz NOT NULL,
    registered_at         timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    withdrawn_at          timestamptz,
    withdrawal_reason     text,
    CHECK ((cpr_ciphertext IS NULL) = (cpr_digest IS NULL))
);
-- A person (same CPR) is registered once per jobcenter among active candidates.
CREATE UNIQUE INDEX candidates_one_person_per_jobcenter ON candidates (jobcenter, cpr_digest)
    WHERE status = 'active' AND cpr_digest IS NOT NULL;
-- The hard rules' prefilter: active candidates by category and municipality.
CREATE INDEX candidates_by_categories ON candidates USING gin (categories) WHERE status = 'active';
CREATE INDEX candidates_by_work_municipalities ON candidates USING gin (work_municipalities) WHERE status = 'active';

-- Matching's copy of intake's openings (from opening.registered / updated / withdrawn).
CREATE TABLE openings (
    opening_id            uuid PRIMARY KEY,
    sheet_id              text NOT NULL,
    revision              integer NOT NULL,
    status                text NOT NULL CHECK (status IN ('open', 'withdrawn')),
    municipality          char(3) NOT NULL,
    company_cvr           char(8) NOT NULL,
    company_name          text NOT NULL,
    category              text NOT NULL,
    tasks                 jsonb NOT NULL,
    hours_per_week_tenths integer NOT NULL,
    positions             integer NOT NULL CHECK (positions >= 1),
    job_type              text NOT NULL,
    registered_at         timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    withdrawn_at          timestamptz
);
CREATE INDEX openings_open_by_category ON openings (category, municipality) WHERE status = 'open';

-- Every proposal made, with its explanation and the model (version and weights) that made it:
-- who was proposed for what, and why, stays answerable (EU AI Act art. 12 logging). A new set for
-- an opening makes the previous one not current; nothing is deleted.
CREATE TABLE proposals (
    set_id        uuid NOT NULL,
    opening_id    uuid NOT NULL,
    candidate_id  text NOT NULL,
    rank          integer NOT NULL CHECK (rank >= 1),
    score         integer NOT NULL CHECK (score BETWEEN 0 AND 100),
    criteria      jsonb NOT NULL,
    model         text NOT NULL,
    proposed_at   timestamptz NOT NULL,
    current       boolean NOT NULL,
    PRIMARY KEY (set_id, rank)
);
CREATE INDEX proposals_current_by_opening ON proposals (opening_id, rank) WHERE current;
CREATE INDEX proposals_current_by_candidate ON proposals (candidate_id) WHERE current;
CREATE INDEX proposals_by_opening ON proposals (opening_id, proposed_at);

-- Placements reported by jobcenters (placement_id is the sender's id).
CREATE TABLE placements (
    placement_id          text PRIMARY KEY,
    candidate_id          text NOT NULL REFERENCES candidates,
    opening_id            uuid NOT NULL REFERENCES openings,
    jobcenter             char(3) NOT NULL,
    company_cvr           char(8) NOT NULL,
    municipality          char(3) NOT NULL,
    job_type              text NOT NULL,
    hours_per_week_tenths integer NOT NULL,
    start_date            date NOT NULL,
    target_group          boolean NOT NULL,
    recorded_at           timestamptz NOT NULL,
    end_date              date,
    end_reason            text,
    ended_at              timestamptz,
    star_run_id           uuid
);
CREATE INDEX placements_active_by_candidate ON placements (candidate_id) WHERE ended_at IS NULL;
CREATE INDEX placements_active_by_opening ON placements (opening_id) WHERE ended_at IS NULL;
CREATE INDEX placements_by_start ON placements (start_date);

-- Runs of `spotjob matching assign`.
CREATE TABLE assignment_runs (
    run_id              uuid PRIMARY KEY,
    jobcenter           char(3),
    assignments         jsonb NOT NULL,
    total_score         integer NOT NULL,
    unassigned_openings integer NOT NULL,
    duration_ms         integer NOT NULL,
    model               text NOT NULL,
    computed_at         timestamptz NOT NULL
);

-- Runs of `spotjob report star`: who asked, when, for what, how many rows (never the rows).
CREATE TABLE star_runs (
    run_id        uuid PRIMARY KEY,
    month         char(7) NOT NULL,
    jobcenter     char(3),
    rows          integer NOT NULL,
    requested_by  text NOT NULL,
    generated_at  timestamptz NOT NULL
);

-- Refused messages: common/005_rejected_messages.sql (this migration created a table of its own
-- shape until that one brought every service to one).
