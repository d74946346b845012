-- The question engine's trained classifiers (bot/understanding.py): vocabulary, idf and
-- weights as a numpy archive, keyed by a hash of the question bank, the knowledge base's
-- names and FAQ questions, and the feature code's version. A change of any of them trains
-- anew (bot/train.py, in a child process). The FTS5 index the old engine searched goes.
CREATE TABLE question_models (
    name        TEXT PRIMARY KEY,
    key         TEXT NOT NULL,
    trained_at  TEXT NOT NULL,               -- ISO 8601, UTC
    data        BLOB NOT NULL
) STRICT;
DROP TABLE kb_search;
-- The regular kinds of answer (question bank intents) an FAQ entry's questions ask for, as a
-- JSON list: its questions then teach those intents instead of competing with them.
ALTER TABLE faq ADD COLUMN intents TEXT NOT NULL DEFAULT '[]';
