"""The SQLite database: one long-lived aiosqlite connection, numbered migrations, serialised writes.

Readers use the connection directly; every write goes through `Database.transaction()`, which
holds one lock for the whole `BEGIN IMMEDIATE ... COMMIT`, so two handlers never share a
transaction on the shared connection.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

log = logging.getLogger(__name__)
T = TypeVar("T")
_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


async def on_thread(connection: aiosqlite.Connection, reader: Callable[..., T], *args: Any) -> T:
    """`reader(sqlite3 connection, *args)` run on `connection`'s own thread, in one round trip
    (also inside a transaction, which holds the same connection). aiosqlite has no public call
    that runs a function on its thread, so this hands `reader` to the one its own methods use."""
    result: T = await connection._execute(  # type: ignore[no-untyped-call]
        reader, connection._conn, *args
    )
    return result


class DatabaseError(Exception):
    """The database file cannot be used; the message says why. The file is left untouched."""


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every shipped migration, in order, numbered 1, 2, 3, ..."""
    found = []
    for entry in resources.files("bot.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    if [version for version, _, _ in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration numbers must run 1..n without gaps: {found}")
    return found


def schema_version() -> int:
    return len(migrations())


def _first_row(connection: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> Any:
    """On the connection's thread: the first row of `sql`, the cursor closed."""
    cursor = connection.execute(sql, params)
    try:
        return cursor.fetchone()
    finally:
        cursor.close()


def inserted_id(cursor: aiosqlite.Cursor) -> int:
    """The rowid an INSERT through `cursor` made."""
    if cursor.lastrowid is None:
        raise DatabaseError("the statement inserted no row")
    return cursor.lastrowid


class Database:
    def __init__(self, connection: aiosqlite.Connection, path: Path):
        self.connection = connection
        self.path = path
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str, *, migrate: bool = True) -> Database:
        path = Path(path)
        target = schema_version()
        try:
            connection = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise DatabaseError(f"{path}: cannot open the database: {exc}") from exc
        connection.row_factory = aiosqlite.Row
        try:
            # Read before writing anything: a foreign or newer file must stay as it is.
            version = await cls._scalar(connection, "PRAGMA user_version")
            if version > target:
                raise DatabaseError(
                    f"{path}: schema version {version} is newer than this partnerbot "
                    f"knows ({target}); upgrade partnerbot or restore a backup"
                )
            if version > 0 or await cls._scalar(connection, "SELECT count(*) FROM sqlite_master"):
                problem = await cls._scalar(connection, "PRAGMA quick_check")
                if problem != "ok":
                    raise DatabaseError(f"{path}: the database is damaged: {problem}")
                if version == 0:
                    raise DatabaseError(f"{path}: holds tables but is not a partnerbot database")
            await connection.execute("PRAGMA journal_mode=WAL")
            await connection.execute("PRAGMA foreign_keys=ON")
            await connection.execute("PRAGMA busy_timeout=5000")
            await connection.execute("PRAGMA synchronous=NORMAL")
            db = cls(connection, path)
            if migrate:
                await db.migrate()
            return db
        except sqlite3.DatabaseError as exc:
            await connection.close()
            raise DatabaseError(f"{path}: not a usable SQLite database: {exc}") from exc
        except BaseException:
            await connection.close()
            raise

    @classmethod
    async def open_read_only(cls, path: Path | str) -> Database:
        """The database as it is, for reading only: nothing migrated, nothing written (a
        training child reads the knowledge base while the bot holds the file open)."""
        path = Path(path)
        # Checked here rather than left to SQLite: aiosqlite's failed connect leaves its thread
        # answering a future on the event loop, which may be gone by then.
        if not path.is_file():
            raise DatabaseError(f"{path}: cannot open the database: no such file")
        try:
            connection = await aiosqlite.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
            )
        except sqlite3.Error as exc:
            raise DatabaseError(f"{path}: cannot open the database: {exc}") from exc
        connection.row_factory = aiosqlite.Row
        await connection.execute("PRAGMA busy_timeout=5000")
        return cls(connection, path)

    @staticmethod
    async def _scalar(connection: aiosqlite.Connection, sql: str) -> Any:
        async with connection.execute(sql) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def close(self) -> None:
        async with self._write_lock:
            await self.connection.close()

    async def migrate(self) -> None:
        async with self._write_lock:
            current = await self._scalar(self.connection, "PRAGMA user_version")
            for version, name, sql in migrations():
                if version <= current:
                    continue
                log.info("applying migration %s", name)
                # SQLite's procedure for rebuilding a table: foreign keys off (dropping a parent
                # table would otherwise cascade to its children), checked before the commit.
                await self.connection.execute("PRAGMA foreign_keys=OFF")
                script = f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};"
                try:
                    await self.connection.executescript(script)
                    broken = list(
                        await self.connection.execute_fetchall("PRAGMA foreign_key_check")
                    )
                    if broken:
                        raise sqlite3.IntegrityError(f"foreign keys broken: {list(broken[0])}")
                    await self.connection.commit()
                except sqlite3.Error as exc:
                    if self.connection.in_transaction:
                        await self.connection.rollback()
                    raise DatabaseError(f"migration {name} failed: {exc}") from exc
                finally:
                    await self.connection.execute("PRAGMA foreign_keys=ON")
                current = await self._scalar(self.connection, "PRAGMA user_version")
                if current != version:
                    raise DatabaseError(f"migration {name} did not set user_version to {version}")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction; commits on success, rolls back on any exception."""
        async with self._write_lock:
            await self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
                # COMMIT itself can fail (deferred foreign keys): then roll back too.
                await self.connection.commit()
            except BaseException:
                if self.connection.in_transaction:
                    await self.connection.rollback()
                raise

    async def insert(self, sql: str, params: Iterable[Any] = ()) -> int:
        """One INSERT on its own, atomic in autocommit: a single round trip where
        `transaction()` takes three. Returns the new row's id."""
        async with self._write_lock:
            cursor = await self.connection.execute(sql, tuple(params))
        return inserted_id(cursor)

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        # One round trip to the connection's thread, where a cursor takes three (execute,
        # fetch, close).
        return list(await self.connection.execute_fetchall(sql, tuple(params)))

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        # One round trip, where an aiosqlite cursor takes three (execute, fetch, close) and
        # `execute_fetchall` would read every row.
        row: aiosqlite.Row | None = await self.read(_first_row, sql, tuple(params))
        return row

    async def read(self, reader: Callable[..., T], *args: Any) -> T:
        """`reader(connection, *args)` run on the connection's thread with the sqlite3
        connection itself: several reads in one round trip."""
        return await on_thread(self.connection, reader, *args)

    async def scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return row[0] if row else None

    async def backup(self, destination: Path | str) -> None:
        """A consistent copy through SQLite's online backup API, safe while the bot runs."""
        destination = Path(destination)
        if destination.exists():
            raise DatabaseError(f"{destination}: already exists; choose a new file name")
        partial = destination.with_name(destination.name + ".partial")
        try:
            async with aiosqlite.connect(partial) as target, self._write_lock:
                # Under the write lock: a backup step cannot proceed while this same
                # connection holds an open write transaction.
                await self.connection.backup(target)
            partial.replace(destination)
        finally:
            partial.unlink(missing_ok=True)
