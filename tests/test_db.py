"""Storage on real temporary SQLite files: migrations, serialised writes, refusal of bad files."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from pathlib import Path

import pytest

from bot import db as db_module
from bot.db import Database, DatabaseError, schema_version
from bot.users import Users


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_a_new_database_is_migrated_to_the_latest_version(tmp_path):
    db = await Database.open(tmp_path / "new.sqlite3")
    try:
        assert await db.scalar("PRAGMA user_version") == schema_version() >= 1
        assert await db.scalar("PRAGMA journal_mode") == "wal"
        assert await db.scalar("PRAGMA foreign_keys") == 1
        assert await db.scalar("PRAGMA busy_timeout") == 5000
        columns = {row[1] for row in await db.fetchall("PRAGMA table_info(users)")}
        assert columns == {
            "user_id",
            "language",
            "telegram_language",
            "first_seen",
            "last_seen",
            "blocked",
            "quiet_hours",
            "digest",
        }
    finally:
        await db.close()


async def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "db.sqlite3"
    for _ in range(2):
        db = await Database.open(path)
        await db.close()
    db = await Database.open(path)
    assert await db.scalar("PRAGMA user_version") == schema_version()
    await db.close()


async def test_a_failing_migration_rolls_back_and_stops(tmp_path, monkeypatch):
    real = db_module.migrations()
    broken = [
        *real,
        (
            len(real) + 1,
            "9999_broken.sql",
            "CREATE TABLE half (x INTEGER);\nINSERT INTO nowhere VALUES (1);",
        ),
    ]
    monkeypatch.setattr(db_module, "migrations", lambda: broken)
    monkeypatch.setattr(db_module, "schema_version", lambda: len(broken))
    path = tmp_path / "db.sqlite3"
    with pytest.raises(DatabaseError, match=r"9999_broken\.sql"):
        await Database.open(path)
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == len(real)
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        assert "half" not in tables
    finally:
        connection.close()


async def test_concurrent_writes_never_share_a_transaction(tmp_path):
    db = await Database.open(tmp_path / "db.sqlite3")
    async with db.transaction() as conn:
        await conn.execute("CREATE TABLE counter (n INTEGER NOT NULL)")
        await conn.execute("INSERT INTO counter VALUES (0)")

    async def increment(fail: bool) -> None:
        async with db.transaction() as conn:
            row = await (await conn.execute("SELECT n FROM counter")).fetchone()
            await asyncio.sleep(0)  # let the others try to interleave
            await conn.execute("UPDATE counter SET n = ?", (row[0] + 1,))
            if fail:
                raise RuntimeError("rolled back")

    results = await asyncio.gather(
        *(increment(i % 5 == 0) for i in range(50)), return_exceptions=True
    )
    assert sum(isinstance(r, RuntimeError) for r in results) == 10
    assert await db.scalar("SELECT n FROM counter") == 40
    await db.close()


async def test_fetchone_reads_the_first_row_in_one_round_trip(tmp_path):
    db = await Database.open(tmp_path / "db.sqlite3")
    async with db.transaction() as conn:
        await conn.execute("CREATE TABLE pairs (a INTEGER, b TEXT)")
        await conn.executemany("INSERT INTO pairs VALUES (?, ?)", [(1, "x"), (2, "y")])
    trips = 0
    execute = db.connection._execute

    async def counted(fn, *args, **kwargs):
        nonlocal trips
        trips += 1
        return await execute(fn, *args, **kwargs)

    db.connection._execute = counted
    row = await db.fetchone("SELECT a, b FROM pairs WHERE a >= ? ORDER BY a", (1,))
    assert (row["a"], row["b"]) == (1, "x") and trips == 1
    assert await db.fetchone("SELECT a FROM pairs WHERE a > 5") is None
    assert await db.scalar("SELECT count(*) FROM pairs") == 2 and trips == 3
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        await db.fetchone("SELECT * FROM nowhere")
    db.connection._execute = execute
    await db.close()


async def test_a_corrupt_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "corrupt.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    before = digest(path)
    with pytest.raises(DatabaseError, match="not a usable SQLite database"):
        await Database.open(path)
    assert digest(path) == before
    assert not path.with_name(path.name + "-wal").exists()


async def test_a_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE users (user_id INTEGER)")
    connection.execute(f"PRAGMA user_version = {schema_version() + 1}")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="newer than this partnerbot knows"):
        await Database.open(path)
    assert digest(path) == before


async def test_a_foreign_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices (id INTEGER)")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="not a partnerbot database"):
        await Database.open(path)
    assert digest(path) == before


async def test_a_read_only_opening_reads_the_live_file_and_cannot_write(tmp_path):
    """How a training child reads the base while the bot holds it open."""
    path = tmp_path / "live.sqlite3"
    writer = await Database.open(path)
    reader = await Database.open_read_only(path)
    try:
        async with writer.transaction() as conn:
            await conn.execute("CREATE TABLE seen (n INTEGER)")
            await conn.execute("INSERT INTO seen VALUES (1)")
        assert await reader.scalar("SELECT count(*) FROM seen") == 1
        assert await reader.scalar("PRAGMA user_version") == schema_version()
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await reader.fetchall("INSERT INTO seen VALUES (2)")
    finally:
        await reader.close()
        await writer.close()
    with pytest.raises(DatabaseError, match="cannot open"):
        await Database.open_read_only(tmp_path / "missing.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()


async def test_backup_is_consistent_while_writes_go_on(tmp_path):
    db = await Database.open(tmp_path / "live.sqlite3")
    users = Users(db)
    for user_id in range(200):
        await users.touch(user_id, "de")

    async def keep_writing() -> None:
        for user_id in range(200, 400):
            await users.touch(user_id, "ru")

    writer = asyncio.create_task(keep_writing())
    await db.backup(tmp_path / "copy.sqlite3")
    await writer
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = copy.execute("SELECT count(*) FROM users").fetchone()[0]
        assert 200 <= count <= 400
        assert copy.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    finally:
        copy.close()
    with pytest.raises(DatabaseError, match="already exists"):
        await db.backup(tmp_path / "copy.sqlite3")
    await db.close()


async def test_users_are_recorded_with_only_what_the_bot_needs(tmp_path):
    db = await Database.open(tmp_path / "db.sqlite3")
    users = Users(db)
    record = await users.touch(42, "pl")
    assert (record.language, record.telegram_language, record.blocked) == (None, "pl", False)
    await users.set_language(42, "tr")
    await users.set_blocked(42, True)
    stored = await users.get(42)
    assert (stored.language, stored.blocked) == ("tr", True)
    # Writing again means the user is back: no longer blocked, language choice kept.
    again = await users.touch(42, "pl")
    assert (again.language, again.blocked) == ("tr", False)
    with pytest.raises(ValueError):
        await users.set_language(42, "xx")
    await db.close()


async def test_the_users_cache_keeps_the_recently_seen_and_stays_bounded(tmp_path):
    db = await Database.open(tmp_path / "db.sqlite3")
    users = Users(db, cache_size=50)
    for user_id in range(200):
        await users.touch(user_id, "de")
        await users.touch(0, "de")  # someone active all along stays cached
    assert len(users._cache) == 50
    assert 0 in users._cache and 199 in users._cache and 1 not in users._cache
    # Dropped from the cache is not dropped from the table.
    assert (await users.get(1)).telegram_language == "de"
    await db.close()
