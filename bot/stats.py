"""Numbers for admins (/stats) and their chart. No Telegram here; matplotlib is imported only
when a chart is drawn, so start-up stays fast."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from bot.db import Database
from bot.i18n import negotiate
from bot.questions import QuestionLog
from bot.users import isoformat, utcnow

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
    by_language: Counter = field(default_factory=Counter)
    by_city: Counter = field(default_factory=Counter)  # None: every city
    by_topic: Counter = field(default_factory=Counter)  # None: every topic
    days: list[tuple[str, int, int]] = field(default_factory=list)  # day, asked, answered
    open_questions: int = 0
    unanswered: list[tuple[str, int]] = field(default_factory=list)  # example wording, count
    helpful: int = 0  # answers marked 👍 in the chart's days
    deliveries: Counter = field(default_factory=Counter)  # state -> count, broadcasts
    broadcasts: int = 0

    @property
    def asked(self) -> int:
        return sum(day[1] for day in self.days)

    @property
    def answered(self) -> int:
        return sum(day[2] for day in self.days)


async def collect(db: Database, log: QuestionLog, default_language: str) -> Stats:
    stats = Stats()
    now = utcnow()
    since = isoformat(now - timedelta(days=ACTIVE_DAYS))
    row = await db.fetchone(
        "SELECT count(*), sum(blocked = 0 AND last_seen >= ?), sum(blocked) FROM users", (since,)
    )
    stats.users, stats.active, stats.blocked = row[0], row[1] or 0, row[2] or 0
    rows = await db.fetchall(
        "SELECT s.user_id, s.city_id, s.topic, u.language, u.telegram_language "
        "FROM subscriptions s JOIN users u ON u.user_id = s.user_id WHERE u.blocked = 0"
    )
    languages: dict[int, str] = {}
    for user_id, city, topic, chosen, telegram in rows:
        languages[user_id] = chosen or negotiate(telegram) or default_language
        stats.by_city[city] += 1
        stats.by_topic[topic] += 1
    stats.subscribers = len(languages)
    stats.by_language = Counter(languages.values())

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


def chart_png(stats: Stats, labels: ChartLabels) -> bytes:
    """Four panels: questions per day, users, subscribers by language, broadcast delivery."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 7), dpi=100, layout="constrained")
    figure.suptitle(labels.title)
    per_day, people, languages, delivery = figure.subplots(2, 2).flat

    names = [day[5:] for day, _, _ in stats.days]
    per_day.bar(names, [a for _, a, _ in stats.days], color="#c9d6e8", label=labels.asked)
    per_day.bar(names, [n for _, _, n in stats.days], color="#2f6db5", label=labels.answered)
    per_day.set_title(labels.questions)
    per_day.legend(loc="upper left")
    per_day.tick_params(axis="x", labelrotation=60, labelsize=7)

    inactive = max(stats.users - stats.active - stats.blocked, 0)
    people.bar(
        [labels.active, labels.inactive, labels.blocked],
        [stats.active, inactive, stats.blocked],
        color=["#3a9b5c", "#b8b8b8", "#c0504d"],
    )
    people.set_title(labels.users)

    by_language = sorted(stats.by_language.items())
    languages.bar([k for k, _ in by_language] or ["–"], [v for _, v in by_language] or [0])
    languages.set_title(labels.subscribers)

    states = [s for s in DELIVERY_STATES if stats.deliveries.get(s)]
    delivery.bar(
        [labels.states.get(s, s) for s in states] or ["–"],
        [stats.deliveries[s] for s in states] or [0],
        color="#8064a2",
    )
    delivery.set_title(labels.deliveries)
    for axes in (per_day, people, languages, delivery):
        axes.yaxis.get_major_locator().set_params(integer=True)

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
