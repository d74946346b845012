-- Which languages exist is said once, by the language registry (locales/languages.yaml), and
-- checked in the code where a language is written (the knowledge base's check, /language,
-- broadcasts, events): the CHECK (language IN (...)) constraints go, so that adding a language
-- needs no migration. SQLite cannot drop a constraint; each table is rebuilt (its documented
-- procedure: new table, copy, drop, rename, indexes) with every row, rowid and id kept.
-- bot/db.py runs migrations with foreign keys off and checks them before committing, so
-- dropping a parent table (users, delivery_jobs) cascades to nothing.

CREATE TABLE users_new (
    user_id            INTEGER PRIMARY KEY,          -- Telegram user id
    language           TEXT,                         -- chosen with /language
    telegram_language  TEXT,                         -- Telegram's language_code, as sent
    first_seen         TEXT NOT NULL,                -- ISO 8601, UTC
    last_seen          TEXT NOT NULL,
    blocked            INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),  -- bot blocked by the user
    quiet_hours        INTEGER NOT NULL DEFAULT 0 CHECK (quiet_hours IN (0, 1)),
    digest             INTEGER NOT NULL DEFAULT 0 CHECK (digest IN (0, 1))
) STRICT;
INSERT INTO users_new (user_id, language, telegram_language, first_seen, last_seen, blocked,
                       quiet_hours, digest)
    SELECT user_id, language, telegram_language, first_seen, last_seen, blocked, quiet_hours,
           digest
    FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

CREATE TABLE city_texts_new (
    city_id      TEXT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    language     TEXT NOT NULL,
    name         TEXT NOT NULL,
    country      TEXT NOT NULL,
    region       TEXT NOT NULL,
    profile      TEXT NOT NULL,
    status_note  TEXT,
    PRIMARY KEY (city_id, language)
) STRICT;
INSERT INTO city_texts_new (rowid, city_id, language, name, country, region, profile, status_note)
    SELECT rowid, city_id, language, name, country, region, profile, status_note FROM city_texts;
DROP TABLE city_texts;
ALTER TABLE city_texts_new RENAME TO city_texts;

CREATE TABLE organisation_texts_new (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    language         TEXT NOT NULL,
    name_local       TEXT,
    location         TEXT,
    description      TEXT NOT NULL,
    PRIMARY KEY (organisation_id, language)
) STRICT;
INSERT INTO organisation_texts_new (rowid, organisation_id, language, name_local, location,
                                    description)
    SELECT rowid, organisation_id, language, name_local, location, description
    FROM organisation_texts;
DROP TABLE organisation_texts;
ALTER TABLE organisation_texts_new RENAME TO organisation_texts;

CREATE TABLE faq_texts_new (
    faq_id     TEXT NOT NULL REFERENCES faq (id) ON DELETE CASCADE,
    language   TEXT NOT NULL,
    answer     TEXT NOT NULL,
    questions  TEXT NOT NULL,   -- JSON list
    keywords   TEXT NOT NULL,   -- JSON list
    PRIMARY KEY (faq_id, language)
) STRICT;
INSERT INTO faq_texts_new (rowid, faq_id, language, answer, questions, keywords)
    SELECT rowid, faq_id, language, answer, questions, keywords FROM faq_texts;
DROP TABLE faq_texts;
ALTER TABLE faq_texts_new RENAME TO faq_texts;

CREATE TABLE delivery_jobs_new (
    id                 INTEGER PRIMARY KEY,
    origin             TEXT NOT NULL CHECK (origin IN ('broadcast', 'announcement')),
    state              TEXT NOT NULL CHECK (state IN ('draft', 'running', 'paused', 'done', 'cancelled')),
    created_by         INTEGER NOT NULL,
    created_at         TEXT NOT NULL,
    confirmed_by       INTEGER,
    started_at         TEXT,
    finished_at        TEXT,
    fallback_language  TEXT NOT NULL,
    audience           TEXT NOT NULL DEFAULT '{}',   -- JSON: city, topic, language (null = any)
    report_chat_id     INTEGER,                      -- where progress and the report go
    report_message_id  INTEGER,
    reported           INTEGER NOT NULL DEFAULT 0 CHECK (reported IN (0, 1))
) STRICT;
INSERT INTO delivery_jobs_new (id, origin, state, created_by, created_at, confirmed_by,
                               started_at, finished_at, fallback_language, audience,
                               report_chat_id, report_message_id, reported)
    SELECT id, origin, state, created_by, created_at, confirmed_by, started_at, finished_at,
           fallback_language, audience, report_chat_id, report_message_id, reported
    FROM delivery_jobs;
DROP TABLE delivery_jobs;
ALTER TABLE delivery_jobs_new RENAME TO delivery_jobs;
CREATE INDEX delivery_jobs_state ON delivery_jobs (state);

CREATE TABLE delivery_contents_new (
    job_id      INTEGER NOT NULL REFERENCES delivery_jobs (id) ON DELETE CASCADE,
    language    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('text', 'photo', 'document')),
    text        TEXT NOT NULL,                  -- text or caption, plain; formatting in entities
    entities    TEXT NOT NULL DEFAULT '[]',     -- JSON list of Telegram MessageEntity objects
    file_id     TEXT,                           -- photo or document
    parse_mode  TEXT,
    PRIMARY KEY (job_id, language)
) STRICT;
INSERT INTO delivery_contents_new (rowid, job_id, language, kind, text, entities, file_id,
                                   parse_mode)
    SELECT rowid, job_id, language, kind, text, entities, file_id, parse_mode
    FROM delivery_contents;
DROP TABLE delivery_contents;
ALTER TABLE delivery_contents_new RENAME TO delivery_contents;

CREATE TABLE event_texts_new (
    event_id     TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    language     TEXT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, language)
) STRICT;
INSERT INTO event_texts_new (rowid, event_id, language, title, description)
    SELECT rowid, event_id, language, title, description FROM event_texts;
DROP TABLE event_texts;
ALTER TABLE event_texts_new RENAME TO event_texts;

CREATE TABLE question_days_new (
    day       TEXT NOT NULL,                   -- YYYY-MM-DD, UTC
    language  TEXT NOT NULL,
    asked     INTEGER NOT NULL DEFAULT 0,
    answered  INTEGER NOT NULL DEFAULT 0,
    helpful   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, language)
) STRICT;
INSERT INTO question_days_new (rowid, day, language, asked, answered, helpful)
    SELECT rowid, day, language, asked, answered, helpful FROM question_days;
DROP TABLE question_days;
ALTER TABLE question_days_new RENAME TO question_days;

CREATE TABLE question_log_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    asked_at     TEXT NOT NULL,                -- ISO 8601, UTC
    kind         TEXT NOT NULL CHECK (kind IN ('fallback', 'unhelpful', 'message')),
    question     TEXT NOT NULL,
    language     TEXT NOT NULL,
    entry        TEXT,                         -- 'unhelpful': the answer that did not help
    user_id      INTEGER,
    claim_token  TEXT,
    state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'answered', 'dismissed')),
    answer       TEXT,
    answered_by  INTEGER,
    answered_at  TEXT,
    faq_id       TEXT,                         -- the knowledge-base entry made from it
    author_id    INTEGER
) STRICT;
INSERT INTO question_log_new (id, asked_at, kind, question, language, entry, user_id,
                              claim_token, state, answer, answered_by, answered_at, faq_id,
                              author_id)
    SELECT id, asked_at, kind, question, language, entry, user_id, claim_token, state, answer,
           answered_by, answered_at, faq_id, author_id
    FROM question_log;
-- Question ids are never handed out twice: the new table's counter starts where the old one
-- stood, not at the highest id still stored (erased questions' ids stay used).
UPDATE sqlite_sequence
    SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'question_log'), 0))
    WHERE name = 'question_log_new';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'question_log_new', seq FROM sqlite_sequence WHERE name = 'question_log'
    AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'question_log_new');
DROP TABLE question_log;
ALTER TABLE question_log_new RENAME TO question_log;
CREATE INDEX question_log_state ON question_log (state, asked_at);
CREATE INDEX question_log_user ON question_log (user_id);
CREATE INDEX question_log_author ON question_log (author_id);
