-- Each replica keeps the active candidates in memory (LiveCandidateIndex) and ranks an opening's
-- people from there instead of reading thousands of rows per opening. It stays in step by reading
-- only the rows written since its last read: every insert or update of a candidate records the
-- writing transaction's id (written_by), and a read asks for the rows of transactions from the
-- oldest one still running then (pg_snapshot_xmin) on. Rows below that are final; the others are
-- read again until they are. Committed changes of any writer (another replica, a bulk load) are
-- seen on the next read, this transaction's own uncommitted ones too, and nothing of a rollback
-- stays. LISTEN/NOTIFY would tell of other transactions' commits only, later and on another
-- connection; this needs neither.
ALTER TABLE candidates ADD COLUMN written_by xid8 NOT NULL DEFAULT '0';
CREATE INDEX candidates_by_writer ON candidates (written_by);

CREATE FUNCTION candidates_mark_writer() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    NEW.written_by := pg_current_xact_id();
    RETURN NEW;
END $$;
CREATE TRIGGER candidates_mark_writer BEFORE INSERT OR UPDATE ON candidates
    FOR EACH ROW EXECUTE FUNCTION candidates_mark_writer();

-- A deleted row leaves nothing to read: a DELETE or TRUNCATE (tests emptying the tables) counts
-- here, and an index that finds the count moved starts over.
CREATE TABLE candidates_emptied (times bigint NOT NULL);
INSERT INTO candidates_emptied VALUES (0);

CREATE FUNCTION candidates_count_emptied() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE candidates_emptied SET times = times + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER candidates_count_emptied AFTER DELETE OR TRUNCATE ON candidates
    FOR EACH STATEMENT EXECUTE FUNCTION candidates_count_emptied();

-- The prefilter's table served only the ranking the index now does.
DROP TRIGGER candidate_slots_keep ON candidates;
DROP TRIGGER candidate_slots_empty ON candidates;
DROP FUNCTION candidate_slots_keep();
DROP FUNCTION candidate_slots_empty();
DROP TABLE candidate_slots;
