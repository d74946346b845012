"""Numbers for admins (/stats) and their chart. No Telegram here. The chart is drawn by a
short-lived child process (`bot.chart`): matplotlib costs about 42 MB that a process never
gives back, so the bot itself never imports it."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from bot.db import Database
from bot.i18n import Translator, negotiate
from bot.questions import QuestionLog
from bot.users import isoformat, utcnow

log = logging.getLogger(__name__)

ACTIVE_DAYS = 30
CHART_DAYS = 14
TOP_UNANSWERED = 5
DELIVERY_STATES = ("sent", "failed", "blocked", "unknown", "cancelled", "pending", "sending")


@dataclass
class Stats:
    users: int = 0
    active: int = 0  # seen in the last ACTIVE_DAYS days, not blocked
    blocked: int = 0
    subscribers: int = 0
    by_language: Counter[str] = field(default_factory=Counter)
    by_city: Counter[str | None] = field(default_factory=Counter)  # None: every city
    by_topic: Counter[str | None] = field(default_factory=Counter)  # None: every topic
    days: list[tuple[str, int, int]] = field(default_factory=list)  # day, asked, answered
    open_questions: int = 0
    unanswered: list[tuple[str, int]] = field(default_factory=list)  # example wording, count
    helpful: int = 0  # answers marked 👍 in the chart's days
    deliveries: Counter[str] = field(default_factory=Counter)  # state -> count, broadcasts
    broadcasts: int = 0

    @property
    def asked(self) -> int:
        return sum(day[1] for day in self.days)

    @property
    def answered(self) -> int:
        return sum(day[2] for day in self.days)


async def collect(db: Database, log: QuestionLog, default_language: str) -> Stats:
    stats = Stats()
    await log.flush()
    now = utcnow()
    since = isoformat(now - timedelta(days=ACTIVE_DAYS))
    row = await db.fetchone(
        "SELECT count(*), sum(blocked = 0 AND last_seen >= ?), sum(blocked) FROM users", (since,)
    )
    assert row is not None  # count(*) always answers one row
    stats.users, stats.active, stats.blocked = row[0], row[1] or 0, row[2] or 0
    # Counted by SQLite: a row per subscription would hold the event loop for tens of
    # milliseconds at 10,000 subscribers.
    subscribed = "FROM subscriptions s JOIN users u ON u.user_id = s.user_id WHERE u.blocked = 0"
    for chosen, telegram, count in await db.fetchall(
        f"SELECT u.language, u.telegram_language, count(DISTINCT s.user_id) {subscribed} "
        "GROUP BY u.language, u.telegram_language"
    ):
        stats.by_language[chosen or negotiate(telegram) or default_language] += count
        stats.subscribers += count
    for city, count in await db.fetchall(
        f"SELECT s.city_id, count(*) {subscribed} GROUP BY s.city_id ORDER BY count(*) DESC"
    ):
        stats.by_city[city] = count
    for topic, count in await db.fetchall(
        f"SELECT s.topic, count(*) {subscribed} GROUP BY s.topic ORDER BY count(*) DESC"
    ):
        stats.by_topic[topic] = count

    first = (now - timedelta(days=CHART_DAYS - 1)).date()
    counts = {
        r[0]: (r[1], r[2])
        for r in await db.fetchall(
            "SELECT day, sum(asked), sum(answered) FROM question_days WHERE day >= ? GROUP BY day",
            (first.isoformat(),),
        )
    }
    for offset in range(CHART_DAYS):
        day = (first + timedelta(days=offset)).isoformat()
        asked, answered = counts.get(day, (0, 0))
        stats.days.append((day, asked, answered))

    stats.helpful = await db.scalar(
        "SELECT coalesce(sum(helpful), 0) FROM question_days WHERE day >= ?", (first.isoformat(),)
    )
    groups = await log.open_groups()
    stats.open_questions = sum(g.count for g in groups)
    stats.unanswered = [(g.texts[0], g.count) for g in groups[:TOP_UNANSWERED]]

    for state, count in await db.fetchall(
        "SELECT d.state, count(*) FROM deliveries d JOIN delivery_jobs j ON j.id = d.job_id "
        "WHERE j.origin = 'broadcast' GROUP BY d.state"
    ):
        stats.deliveries[state] = count
    stats.broadcasts = await db.scalar(
        "SELECT count(*) FROM delivery_jobs WHERE origin = 'broadcast' AND state != 'draft'"
    )
    return stats


@dataclass(frozen=True)
class ChartLabels:
    """The chart's texts, already translated."""

    title: str
    questions: str
    asked: str
    answered: str
    users: str
    active: str
    inactive: str
    blocked: str
    subscribers: str
    deliveries: str
    states: dict[str, str]


def delivery_state_names(i18n: Translator) -> dict[str, str]:
    return {
        "sent": i18n.pgettext("delivery state", "sent"),
        "failed": i18n.pgettext("delivery state", "failed"),
        "blocked": i18n.pgettext("delivery state", "blocked"),
        "unknown": i18n.pgettext("delivery state", "unknown"),
        "cancelled": i18n.pgettext("delivery state", "cancelled"),
        "pending": i18n.pgettext("delivery state", "pending"),
        "sending": i18n.pgettext("delivery state", "sending"),
    }


def chart_labels(i18n: Translator) -> ChartLabels:
    """Every text the chart shows, in the admin's language (`bot.chart_font` reads them too:
    the chart's font must have a glyph for each of their characters in every language)."""
    return ChartLabels(
        title=i18n.gettext("Partnerbot statistics"),
        questions=i18n.gettext("Questions per day"),
        asked=i18n.gettext("asked"),
        answered=i18n.gettext("answered by the bot"),
        users=i18n.gettext("Users"),
        active=i18n.gettext("active"),
        inactive=i18n.gettext("inactive"),
        blocked=i18n.gettext("blocked the bot"),
        subscribers=i18n.gettext("Subscribers by language"),
        deliveries=i18n.gettext("Broadcast deliveries"),
        states=delivery_state_names(i18n),
    )


CHART_TIMEOUT = 60.0  # seconds; the first draw on a new machine builds matplotlib's font cache
# The child that draws the chart: reads the JSON request on stdin, writes the PNG to stdout.
CHART_COMMAND = (sys.executable, "-m", "bot.chart")


class ChartError(RuntimeError):
    """The chart process failed or took too long."""


def chart_numbers(stats: Stats) -> dict[str, Any]:
    """What the chart shows, as plain JSON for the chart process: the delivery states in their
    order, those with deliveries only (the chart process imports nothing of the bot's)."""
    return {
        "days": stats.days,
        "users": stats.users,
        "active": stats.active,
        "blocked": stats.blocked,
        "by_language": dict(stats.by_language),
        "deliveries": [[s, stats.deliveries[s]] for s in DELIVERY_STATES if stats.deliveries[s]],
    }


async def chart_png(stats: Stats, labels: ChartLabels) -> bytes:
    """Four panels as a PNG, drawn in a child process while the bot goes on answering."""
    payload = json.dumps({"numbers": chart_numbers(stats), "labels": asdict(labels)})
    process = await asyncio.create_subprocess_exec(
        *CHART_COMMAND,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        png, errors = await asyncio.wait_for(
            process.communicate(payload.encode("utf-8")), CHART_TIMEOUT
        )
    except TimeoutError:
        process.kill()
        await process.wait()
        raise ChartError(f"no chart within {CHART_TIMEOUT:.0f} s") from None
    if process.returncode != 0 or not png.startswith(b"\x89PNG"):
        detail = errors.decode("utf-8", "replace").strip()[-500:]
        raise ChartError(f"chart process exited with {process.returncode}: {detail}")
    if errors:  # e.g. matplotlib's "Glyph ... missing from font(s)": boxes instead of letters
        log.warning("chart drawn with warnings: %s", errors.decode("utf-8", "replace")[-500:])
    return png
