-- A withdrawal may overtake the hand-over it withdraws (a redelivery, or a message requeued to the
-- back of the quorum queue): followup remembers every withdrawal, and a hand-over of a withdrawn
-- opening or lead is not stored, opens no task and keeps no contact.
CREATE TABLE withdrawals (
    opening_id   uuid PRIMARY KEY,
    withdrawn_at timestamptz NOT NULL
);
INSERT INTO withdrawals (opening_id, withdrawn_at) SELECT opening_id, withdrawn_at FROM openings WHERE withdrawn_at IS NOT NULL;
