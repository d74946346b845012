"""Admin rights: ADMIN_IDS from the settings plus admins granted in the bot, with an audit log."""

from __future__ import annotations

import enum
from dataclasses import dataclass

import aiosqlite

from bot.db import Database
from bot.users import isoformat, utcnow


class GrantResult(enum.Enum):
    DONE = "done"
    ALREADY = "already"  # grant: already an admin; revoke: was not one
    CONFIGURED = "configured"  # revoke: the admin comes from ADMIN_IDS, not from the bot
    SELF = "self"  # revoke: nobody removes their own rights by mistake


@dataclass(frozen=True, slots=True)
class AdminEntry:
    user_id: int
    configured: bool  # from ADMIN_IDS
    granted_by: int | None
    granted_at: str | None


class Admins:
    """Rights are read from the database on every check: a revoke takes effect at once."""

    def __init__(self, db: Database, configured: frozenset[int]):
        self._db = db
        self.configured = configured

    async def is_admin(self, user_id: int | None) -> bool:
        if user_id is None:
            return False
        if user_id in self.configured:
            return True
        return bool(await self._db.scalar("SELECT 1 FROM admins WHERE user_id = ?", (user_id,)))

    async def all(self) -> list[AdminEntry]:
        rows = await self._db.fetchall("SELECT user_id, granted_by, granted_at FROM admins")
        granted = {row[0]: AdminEntry(row[0], False, row[1], row[2]) for row in rows}
        entries = [AdminEntry(user_id, True, None, None) for user_id in sorted(self.configured)]
        entries += [
            entry for user_id, entry in sorted(granted.items()) if user_id not in self.configured
        ]
        return entries

    async def ids(self) -> set[int]:
        return {entry.user_id for entry in await self.all()}

    async def grant(self, actor_id: int, user_id: int) -> GrantResult:
        async with self._db.transaction() as conn:
            if user_id in self.configured:
                return GrantResult.ALREADY
            cursor = await conn.execute(
                "INSERT INTO admins (user_id, granted_by, granted_at) VALUES (?, ?, ?) "
                "ON CONFLICT (user_id) DO NOTHING",
                (user_id, actor_id, isoformat(utcnow())),
            )
            if cursor.rowcount == 0:
                return GrantResult.ALREADY
            await audit(conn, actor_id, "grant", user_id)
        return GrantResult.DONE

    async def revoke(self, actor_id: int, user_id: int) -> GrantResult:
        if user_id == actor_id:
            return GrantResult.SELF
        if user_id in self.configured:
            return GrantResult.CONFIGURED
        async with self._db.transaction() as conn:
            cursor = await conn.execute("DELETE FROM admins WHERE user_id = ?", (user_id,))
            if cursor.rowcount == 0:
                return GrantResult.ALREADY
            await audit(conn, actor_id, "revoke", user_id)
        return GrantResult.DONE

    async def audit_log(self, limit: int = 20) -> list[tuple[str, int, str, str]]:
        rows = await self._db.fetchall(
            "SELECT at, actor_id, action, target FROM admin_audit ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [tuple(row) for row in rows]


async def audit(conn: aiosqlite.Connection, actor_id: int, action: str, target: object) -> None:
    """One audit row, inside the caller's transaction."""
    await conn.execute(
        "INSERT INTO admin_audit (at, actor_id, action, target) VALUES (?, ?, ?, ?)",
        (isoformat(utcnow()), actor_id, action, str(target)),
    )
