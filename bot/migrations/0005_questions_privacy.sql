-- Questions the bot could not answer (and answers someone said did not help), the office's
-- answers to them, the messages users write to the office, and daily question counts.

-- user_id is set only when the asker agreed to be contacted (or wrote to the office), and is
-- cleared once the answer went out; claim_token guards the consent button against forgery.
CREATE TABLE question_log (
    id           INTEGER PRIMARY KEY,
    asked_at     TEXT NOT NULL,                -- ISO 8601, UTC
    kind         TEXT NOT NULL CHECK (kind IN ('fallback', 'unhelpful', 'message')),
    question     TEXT NOT NULL,
    language     TEXT NOT NULL CHECK (language IN ('de', 'en', 'ru', 'pl', 'tr')),
    entry        TEXT,                         -- 'unhelpful': the answer that did not help
    user_id      INTEGER,
    claim_token  TEXT,
    state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'answered', 'dismissed')),
    answer       TEXT,
    answered_by  INTEGER,
    answered_at  TEXT,
    faq_id       TEXT                          -- the knowledge-base entry made from it
) STRICT;
CREATE INDEX question_log_state ON question_log (state, asked_at);
CREATE INDEX question_log_user ON question_log (user_id);

-- Messages the bot posted for admins (an inbox group, a relayed message): a reply to one
-- answers the questions it shows. No foreign key: a post outlives questions erased with their
-- asker's data, so that a reply to it can say so instead of being taken for a new question.
CREATE TABLE office_posts (
    chat_id      INTEGER NOT NULL,
    message_id   INTEGER NOT NULL,
    question_id  INTEGER NOT NULL,
    PRIMARY KEY (chat_id, message_id, question_id)
) STRICT;
CREATE INDEX office_posts_question ON office_posts (question_id);

-- Counts only, no texts and no users: questions asked and answered per day and language.
CREATE TABLE question_days (
    day       TEXT NOT NULL,                   -- YYYY-MM-DD, UTC
    language  TEXT NOT NULL CHECK (language IN ('de', 'en', 'ru', 'pl', 'tr')),
    asked     INTEGER NOT NULL DEFAULT 0,
    answered  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, language)
) STRICT;

-- Where a FAQ entry comes from: the data files, or an admin's answer in the bot ('office',
-- one language only, incomplete until it is added to data/faq.yaml with all five).
-- `partnerbot kb import` replaces 'files' entries and keeps 'office' ones.
ALTER TABLE faq ADD COLUMN origin TEXT NOT NULL DEFAULT 'files' CHECK (origin IN ('files', 'office'));
