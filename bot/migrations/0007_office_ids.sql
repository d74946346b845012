-- Question ids are never handed out twice (AUTOINCREMENT): an office post, a reply to it or a
-- button that names an erased question must never come to name someone else's. SQLite can
-- only add AUTOINCREMENT by rebuilding the table; every row keeps its id.
--
-- author_id: who wrote the text, answered or not. Never shown to the office; kept only so that
-- /deleteme (and the retention purge) can delete every text a user wrote. user_id stays what it
-- was: the id an answer goes to, set only with the asker's consent.
CREATE TABLE question_log_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
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
    faq_id       TEXT,                         -- the knowledge-base entry made from it
    author_id    INTEGER
) STRICT;
INSERT INTO question_log_new (id, asked_at, kind, question, language, entry, user_id,
                              claim_token, state, answer, answered_by, answered_at, faq_id,
                              author_id)
    SELECT id, asked_at, kind, question, language, entry, user_id, claim_token, state, answer,
           answered_by, answered_at, faq_id, user_id
    FROM question_log;
DROP TABLE question_log;
ALTER TABLE question_log_new RENAME TO question_log;
CREATE INDEX question_log_state ON question_log (state, asked_at);
CREATE INDEX question_log_user ON question_log (user_id);
CREATE INDEX question_log_author ON question_log (author_id);

-- Ids erased before this migration may still be named by office posts: never reuse them either.
UPDATE sqlite_sequence
    SET seq = max(seq, (SELECT coalesce(max(question_id), 0) FROM office_posts))
    WHERE name = 'question_log';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'question_log', max(question_id) FROM office_posts
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'question_log')
    HAVING max(question_id) IS NOT NULL;
