-- The prefilter of an opening's proposals (CandidateStore.prefiltered) asks for one category and one
-- work municipality at once. With one GIN index per column PostgreSQL read every active candidate of
-- the category and filtered on the municipality (100,000 people: about 33,000 rows read for 2,000
-- kept); one GIN index on both columns intersects them in the index (about 3,700 read). It serves a
-- condition on either column alone too, so it replaces the two.
CREATE INDEX candidates_by_category_and_work_municipality ON candidates USING gin (categories, work_municipalities)
    WHERE status = 'active';
DROP INDEX candidates_by_categories, candidates_by_work_municipalities;
