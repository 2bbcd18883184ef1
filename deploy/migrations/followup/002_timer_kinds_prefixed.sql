-- Timer kinds carry their service's name (followup.contact-reminder), like billing's: the kit
-- dispatches timers to handlers by kind and parks a timer of a kind nobody handles.
UPDATE timers SET kind = 'followup.' || kind
WHERE kind IN ('contact-reminder', 'contact-escalation-1', 'contact-escalation-2', 'checkin-due', 'checkin-escalation');
