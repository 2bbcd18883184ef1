-- `spotjob openings list --source` lists the sheets of one event or system.
CREATE INDEX openings_by_source ON openings (source, registered_at);
