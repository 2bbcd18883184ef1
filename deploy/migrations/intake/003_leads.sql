-- A lead: a sheet of a company that only wants a visit (visitRequested), without category, tasks and
-- hours a week. It is handed over to followup (lead.registered) and is never an opening for matching.
ALTER TABLE openings
    ALTER COLUMN category DROP NOT NULL,
    ALTER COLUMN tasks DROP NOT NULL,
    ALTER COLUMN hours_per_week_tenths DROP NOT NULL,
    ADD CONSTRAINT openings_job_whole_or_lead CHECK (
        (category IS NULL) = (tasks IS NULL) AND (category IS NULL) = (hours_per_week_tenths IS NULL)
        AND (category IS NOT NULL OR visit_requested));
