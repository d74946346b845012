"""Migration 13 drops the language CHECK constraints by rebuilding tables: no row may be lost,
no child row cascaded away, no question id handed out twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot import db as db_module
from bot.db import Database

BEFORE = 12  # the schema version before the registry took over the language lists

ROWS = """
INSERT INTO users VALUES (1, 'ru', 'ru-RU', '2025-01-01', '2025-02-01', 0, 1, 0);
INSERT INTO users VALUES (2, NULL, 'uk', '2025-01-02', '2025-02-02', 1, 0, 1);
INSERT INTO cities (id, partner, flag, country_code, status, timezone, sources)
    VALUES ('konin', 1, 'PL', 'PL', 'active', 'Europe/Warsaw', '[]');
INSERT INTO city_texts VALUES ('konin', 'pl', 'Konin', 'Polska', 'Wielkopolska', 'Miasto.', NULL);
INSERT INTO city_texts VALUES ('konin', 'de', 'Konin', 'Polen', 'Großpolen', 'Stadt.', 'n');
INSERT INTO organisations (id, name, kind, city_id, sources)
    VALUES ('hev', 'HEV', 'association', 'konin', '[]');
INSERT INTO organisation_texts VALUES ('hev', 'en', 'HEV', NULL, 'An association.');
INSERT INTO faq (id, topic, sources) VALUES ('f1', 'general', '[]');
INSERT INTO faq_texts VALUES ('f1', 'tr', 'Cevap.', '["Soru?"]', '["soru"]');
INSERT INTO faq_cities VALUES ('f1', 'konin');
INSERT INTO subscriptions VALUES (1, 1, 'konin', NULL, '2025-01-01');
INSERT INTO delivery_jobs (id, origin, state, created_by, created_at, fallback_language)
    VALUES (7, 'broadcast', 'running', 1, '2025-01-01', 'de');
INSERT INTO delivery_contents VALUES (7, 'de', 'text', 'Hallo', '[]', NULL, 'HTML');
INSERT INTO delivery_contents VALUES (7, 'pl', 'photo', 'Cześć', '[]', 'file-1', NULL);
INSERT INTO deliveries (job_id, user_id, chat_id, language, state)
    VALUES (7, 1, 1, 'ru', 'sent');
INSERT INTO events (id, city_id, topic, starts_at, timezone, created_at, updated_at)
    VALUES ('e1', 'konin', 'culture', '2026-05-01T10:00:00Z', 'Europe/Warsaw', 'x', 'y');
INSERT INTO event_texts VALUES ('e1', 'en', 'A concert', 'Music.');
INSERT INTO event_reminders VALUES (1, 'e1', '2025-01-01');
INSERT INTO event_announcements VALUES (7, 'e1', 'published');
INSERT INTO digest_items VALUES (2, 'e1', '2025-01-01', 7);
INSERT INTO question_days VALUES ('2025-01-01', 'pl', 3, 2, 1);
INSERT INTO question_log (id, asked_at, kind, question, language, user_id, author_id)
    VALUES (41, '2025-01-01', 'fallback', 'Kiedy?', 'pl', 1, 1);
INSERT INTO question_log (id, asked_at, kind, question, language, user_id, author_id)
    VALUES (44, '2025-01-02', 'message', 'Gdzie?', 'pl', NULL, 2);
DELETE FROM question_log WHERE id = 44;
"""


def tables(connection: sqlite3.Connection) -> dict[str, list[tuple]]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence'"
        )
    ]
    return {name: sorted(connection.execute(f"SELECT * FROM {name}"), key=repr) for name in names}


def indexes(connection: sqlite3.Connection) -> set[tuple[str, str]]:
    return set(
        connection.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        )
    )


async def test_dropping_the_language_checks_keeps_every_row(tmp_path: Path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    every = db_module.migrations()
    assert every[BEFORE][1].startswith(f"{BEFORE + 1:04d}_languages")
    monkeypatch.setattr(db_module, "migrations", lambda: every[:BEFORE])
    monkeypatch.setattr(db_module, "schema_version", lambda: BEFORE)
    old = await Database.open(path)
    await old.close()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.executescript(ROWS)
        before = tables(connection)
        old_indexes = indexes(connection)
        sequence = connection.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = 'question_log'"
        ).fetchone()
    assert all(before[name] for name in ("users", "deliveries", "digest_items", "subscriptions"))
    # Migration 13 alone: later ones may add columns of their own.
    monkeypatch.setattr(db_module, "migrations", lambda: every[: BEFORE + 1])
    monkeypatch.setattr(db_module, "schema_version", lambda: BEFORE + 1)

    db = await Database.open(path)
    try:
        assert await db.scalar("PRAGMA user_version") == BEFORE + 1
        assert await db.scalar("PRAGMA foreign_keys") == 1
        assert await db.fetchall("PRAGMA foreign_key_check") == []
        # A language the registry adds later is stored like any other.
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO city_texts VALUES ('konin', 'xx', 'K', 'P', 'W', 'S', NULL)"
            )
            cursor = await conn.execute(
                "INSERT INTO question_log (asked_at, kind, question, language) "
                "VALUES ('2025-03-01', 'fallback', 'Де?', 'uk')"
            )
            new_id = cursor.lastrowid
    finally:
        await db.close()
    # The erased question 44's id stays used.
    assert sequence == (44,) and new_id == 45

    with sqlite3.connect(path) as connection:
        after = tables(connection)
        schema = " ".join(
            row[0]
            for row in connection.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")
        )
        assert indexes(connection) == old_indexes
    assert "language IN" not in schema and "_new" not in schema
    after["city_texts"].remove(("konin", "xx", "K", "P", "W", "S", None))
    after["question_log"] = [row for row in after["question_log"] if row[0] != new_id]
    assert after == before
