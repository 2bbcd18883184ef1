-- A credit note marks what its invoice billed as credited instead of releasing it: a credited
-- schedule line is invoiced again only when a revision changes it (billing then deletes the claim),
-- never by itself at the next meeting or timer.
ALTER TABLE billed_items ADD COLUMN IF NOT EXISTS credited boolean NOT NULL DEFAULT false;
