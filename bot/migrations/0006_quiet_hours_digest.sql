-- Per-user delivery options: quiet hours (announcements wait until 08:00 Europe/Berlin) and a
-- weekly digest instead of single announcements.
ALTER TABLE users ADD COLUMN quiet_hours INTEGER NOT NULL DEFAULT 0 CHECK (quiet_hours IN (0, 1));
ALTER TABLE users ADD COLUMN digest INTEGER NOT NULL DEFAULT 0 CHECK (digest IN (0, 1));

-- Announced events waiting for a digest user's weekly digest. job_id is set in the transaction
-- that writes the digest's delivery row, so an item goes into exactly one digest; the row stays
-- so that a later change or cancellation reaches whoever the digest told.
CREATE TABLE digest_items (
    user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    queued_at  TEXT NOT NULL,                 -- ISO 8601, UTC
    job_id     INTEGER REFERENCES delivery_jobs (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, event_id)
) STRICT;
CREATE INDEX digest_items_pending ON digest_items (job_id, user_id);
CREATE INDEX digest_items_event ON digest_items (event_id);
