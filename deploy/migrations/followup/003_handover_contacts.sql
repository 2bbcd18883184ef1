-- Intake hands sheets over to followup with the company's contact (`opening.handed-over`,
-- `lead.registered`, `lead.updated`), so that `followup.task-opened` tells the jobcenter whom to call.
-- The contact is personal data: it is erased FOLLOWUP_CONTACT_RETENTION_DAYS after the task closed
-- (the timer followup.erase-contact). A lead (a company that only wants a visit) has no job.
ALTER TABLE openings
    ADD COLUMN revision              integer NOT NULL DEFAULT 0,
    ADD COLUMN lead                  boolean NOT NULL DEFAULT false,
    ADD COLUMN company_name          text,
    ADD COLUMN contact_name          text,
    ADD COLUMN contact_phone         text,
    ADD COLUMN contact_email         text,
    ADD COLUMN category              text,
    ADD COLUMN tasks                 jsonb,
    ADD COLUMN hours_per_week_tenths integer,
    ADD COLUMN positions             integer,
    ALTER COLUMN job_type DROP NOT NULL;
-- Openings from before know no revision (0): the next hand-over of any revision applies.
ALTER TABLE openings ALTER COLUMN revision DROP DEFAULT, ALTER COLUMN lead DROP DEFAULT;

-- The citizen's jobcenter follows its placement up: check-in events go to it, and only it (or
-- Code of Care) completes them. Placements from before were delivered to the opening's municipality.
ALTER TABLE placements ADD COLUMN jobcenter char(3);
UPDATE placements SET jobcenter = municipality;
ALTER TABLE placements ALTER COLUMN jobcenter SET NOT NULL;
