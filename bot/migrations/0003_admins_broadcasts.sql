-- Admin rights granted in the bot, the audit log of admin actions, subscriptions (filled by the
-- subscriptions feature), and the delivery engine's jobs and per-recipient rows.
CREATE TABLE admins (
    user_id     INTEGER PRIMARY KEY,          -- Telegram user id
    granted_by  INTEGER NOT NULL,
    granted_at  TEXT NOT NULL                 -- ISO 8601, UTC
) STRICT;

CREATE TABLE admin_audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor_id  INTEGER NOT NULL,
    action    TEXT NOT NULL,                  -- grant, revoke, broadcast_confirm, broadcast_pause, ...
    target    TEXT NOT NULL                   -- a user id or a job id
) STRICT;

-- NULL city or topic is a wildcard: "every city" / "every topic".
CREATE TABLE subscriptions (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    city_id     TEXT REFERENCES cities (id) DEFERRABLE INITIALLY DEFERRED,
    topic       TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX subscriptions_unique ON subscriptions (user_id, ifnull(city_id, ''), ifnull(topic, ''));
CREATE INDEX subscriptions_city ON subscriptions (city_id);
CREATE INDEX subscriptions_topic ON subscriptions (topic);

-- One message to many recipients: a broadcast now, an event announcement later.
-- draft -> running <-> paused -> done | cancelled; only the draft -> running step writes recipients.
CREATE TABLE delivery_jobs (
    id                 INTEGER PRIMARY KEY,
    origin             TEXT NOT NULL CHECK (origin IN ('broadcast', 'announcement')),
    state              TEXT NOT NULL CHECK (state IN ('draft', 'running', 'paused', 'done', 'cancelled')),
    created_by         INTEGER NOT NULL,
    created_at         TEXT NOT NULL,
    confirmed_by       INTEGER,
    started_at         TEXT,
    finished_at        TEXT,
    fallback_language  TEXT NOT NULL CHECK (fallback_language IN ('de', 'en', 'ru', 'pl', 'tr')),
    audience           TEXT NOT NULL DEFAULT '{}',   -- JSON: city, topic, language (null = any)
    report_chat_id     INTEGER,                      -- where progress and the report go
    report_message_id  INTEGER,
    reported           INTEGER NOT NULL DEFAULT 0 CHECK (reported IN (0, 1))
) STRICT;
CREATE INDEX delivery_jobs_state ON delivery_jobs (state);

CREATE TABLE delivery_contents (
    job_id    INTEGER NOT NULL REFERENCES delivery_jobs (id) ON DELETE CASCADE,
    language  TEXT NOT NULL CHECK (language IN ('de', 'en', 'ru', 'pl', 'tr')),
    kind      TEXT NOT NULL CHECK (kind IN ('text', 'photo', 'document')),
    text      TEXT NOT NULL,                  -- text or caption, plain; formatting in entities
    entities  TEXT NOT NULL DEFAULT '[]',     -- JSON list of Telegram MessageEntity objects
    file_id   TEXT,                           -- photo or document
    PRIMARY KEY (job_id, language)
) STRICT;

-- pending -> sending -> sent | failed | blocked | unknown; pending -> cancelled.
-- 'sending' is committed before the request goes out: a row found 'sending' at start-up may
-- have been delivered and becomes 'unknown', never sent again (at most once).
CREATE TABLE deliveries (
    job_id      INTEGER NOT NULL REFERENCES delivery_jobs (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    chat_id     INTEGER NOT NULL,             -- follows a chat migration
    language    TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'blocked', 'unknown', 'cancelled')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    not_before  REAL NOT NULL DEFAULT 0,      -- unix time; retries wait for it
    error       TEXT,
    updated_at  TEXT,
    PRIMARY KEY (job_id, user_id)
) STRICT;
CREATE INDEX deliveries_state ON deliveries (job_id, state);
