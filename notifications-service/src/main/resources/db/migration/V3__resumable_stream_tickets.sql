-- A stream ticket, once used, becomes the credential of that one stream's reconnects: the browser's EventSource
-- reconnects to the same URL with Last-Event-ID. It may resume while resume_until lies ahead (kept ahead while the
-- stream is open, then a short window after it drops) and never later than a day after it was issued.
ALTER TABLE stream_ticket
    ADD COLUMN issued_at    timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN redeemed_at  timestamptz,
    ADD COLUMN resume_until timestamptz;
