-- The outbox: every single message the bot sends on its own to one chat (office answers, relays
-- to the office chat, reminders), sent by the delivery engine beside the fan-out jobs, at least
-- once: a row left 'sending' by a crash goes back to 'pending'. Rows of the same chat, kind and
-- ref (the parts of one long message) go out one at a time in id order, so they arrive in order.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, even after a deletion
    kind          TEXT NOT NULL CHECK (kind IN ('office_answer', 'office_post', 'reminder')),
    chat_id       INTEGER NOT NULL,
    text          TEXT NOT NULL,            -- HTML; emptied once the row is final
    reply_markup  TEXT,                     -- JSON (Bot API), emptied once final
    ref           TEXT NOT NULL DEFAULT '', -- office_answer: question id; office_post: JSON list of question ids
    -- Rows queued by `partnerbot console` (its local Bot API) are sent by the console only.
    local         INTEGER NOT NULL DEFAULT 0 CHECK (local IN (0, 1)),
    state         TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'blocked')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    not_before    REAL NOT NULL DEFAULT 0,  -- unix time: a retry's backoff
    not_after     REAL NOT NULL DEFAULT 0,  -- unix time, 0 = none: a reminder once the event began
    error         TEXT,
    message_id    INTEGER,                  -- Telegram's id of the message, once sent
    -- An office answer the office was told is still on its way: where to say how it ended.
    report_chat_id INTEGER,
    created_at    TEXT NOT NULL,
    updated_at    TEXT
) STRICT;
CREATE INDEX outbox_due ON outbox (state, not_before);
CREATE INDEX outbox_chat ON outbox (chat_id, state);

-- The outbox row that carries a reminder; 'sending' now means "queued in the outbox".
ALTER TABLE reminder_sends ADD COLUMN outbox_id INTEGER;
