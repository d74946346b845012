-- Events (data/events.yaml and /newevent), the reminders users asked for and the ones sent,
-- and the link from announcement jobs (delivery engine) to their event.
CREATE TABLE events (
    id            TEXT PRIMARY KEY,
    city_id       TEXT NOT NULL REFERENCES cities (id) DEFERRABLE INITIALLY DEFERRED,
    topic         TEXT NOT NULL CHECK (topic IN ('culture', 'sport', 'business', 'science',
                      'youth_education', 'official')),
    starts_at     TEXT NOT NULL,          -- ISO 8601, UTC
    ends_at       TEXT,                   -- ISO 8601, UTC; NULL when not known
    timezone      TEXT NOT NULL,          -- the venue's IANA zone
    -- How much of the date is known: a documented visit "in September 2018" is 'month'.
    precision     TEXT NOT NULL DEFAULT 'minute' CHECK (precision IN ('minute', 'day', 'month', 'year')),
    venue         TEXT,
    lat           REAL,
    lon           REAL,
    link          TEXT,
    status        TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'changed', 'cancelled')),
    sources       TEXT NOT NULL DEFAULT '[]',   -- JSON list
    origin        TEXT NOT NULL DEFAULT 'file' CHECK (origin IN ('file', 'admin')),
    revision      INTEGER NOT NULL DEFAULT 0,   -- +1 per change: the .ics SEQUENCE
    created_by    INTEGER,
    created_at    TEXT NOT NULL,
    published_at  TEXT,                   -- NULL: an admin's draft, seen by nobody else
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX events_starts ON events (starts_at);

CREATE TABLE event_texts (
    event_id     TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    language     TEXT NOT NULL CHECK (language IN ('de', 'en', 'ru', 'pl', 'tr')),
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, language)
) STRICT;

-- "Remind me": one row per user and event; the reminders themselves are derived from it.
CREATE TABLE event_reminders (
    user_id     INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, event_id)
) STRICT;

-- One row per reminder due (offset in seconds before the start), written 'sending' before the
-- request goes out: a restart never repeats one ('sending' found at start-up becomes 'unknown').
CREATE TABLE reminder_sends (
    event_id        TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL,
    offset_seconds  INTEGER NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'skipped', 'unknown')),
    at              TEXT NOT NULL,
    PRIMARY KEY (event_id, user_id, offset_seconds)
) STRICT;

CREATE TABLE event_announcements (
    job_id    INTEGER PRIMARY KEY REFERENCES delivery_jobs (id) ON DELETE CASCADE,
    event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('published', 'changed', 'cancelled'))
) STRICT;
CREATE INDEX event_announcements_event ON event_announcements (event_id);

-- Announcements are HTML with per-recipient buttons (the unsubscribe button names exactly the
-- subscription that matched).
ALTER TABLE delivery_contents ADD COLUMN parse_mode TEXT;
ALTER TABLE deliveries ADD COLUMN reply_markup TEXT;
