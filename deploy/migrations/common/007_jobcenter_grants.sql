-- The jobcenters' registry as the administrator announced it (jobcenter.registered and
-- jobcenter.removed, kept by JobcenterGrantKeeper in every service's schema): the neighbouring
-- municipalities each jobcenter may send about besides its own. A removed jobcenter keeps its row,
-- granted nothing, so an older registration arriving late cannot bring its grants back.
-- Idempotent (IF NOT EXISTS), so renumbering the file when branches merge cannot fail.
CREATE TABLE IF NOT EXISTS jobcenter_grants (
    kommunekode text PRIMARY KEY,
    granted     text[] NOT NULL,
    -- When the administrator made the change the row holds; an older change is ignored.
    changed_at  timestamptz NOT NULL
);
