-- What an opening's current proposals were last decided against (ProposalBound): the day, the model,
-- N, how many people were proposed, and the last one's exact weighted sum, unemployed_since and
-- candidate_id. A new or changed profile, or a placement's end, refreshes an opening only when the
-- person can enter its proposals; a bound of another day, model or N decides nothing.
ALTER TABLE openings
    ADD COLUMN bound_day date,
    ADD COLUMN bound_model text,
    ADD COLUMN bound_top integer,
    ADD COLUMN bound_count integer,
    ADD COLUMN bound_last_sum integer,
    ADD COLUMN bound_last_unemployed_since date,
    ADD COLUMN bound_last_candidate_id text;
