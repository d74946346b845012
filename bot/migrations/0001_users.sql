-- People who have talked to the bot: only what it needs to answer them in their language.
CREATE TABLE users (
    user_id            INTEGER PRIMARY KEY,          -- Telegram user id
    language           TEXT CHECK (language IN ('de', 'en', 'ru', 'pl', 'tr')),  -- chosen with /language
    telegram_language  TEXT,                         -- Telegram's language_code, as sent
    first_seen         TEXT NOT NULL,                -- ISO 8601, UTC
    last_seen          TEXT NOT NULL,
    blocked            INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1))  -- bot blocked by the user
) STRICT;
