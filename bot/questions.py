"""The question log: what the bot could not answer, the office's answers, FAQ entries made from
them, and daily question counts. No Telegram here.

A logged question carries a user id (whom the answer goes to) only when the asker agreed to be
contacted (or wrote to the office); that id is cleared when the answer is queued in the outbox
(bot/delivery.py), which delivers it at least once (office posts go through it too). Its author
id, never shown to the office, stays until /deleteme or the retention purge deletes the text.
Question ids are never reused (AUTOINCREMENT): a post or button naming an erased question can
never come to name someone else's.
"""

from __future__ import annotations

import asyncio
import enum
import json
import logging
import secrets
import sqlite3
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from bot.db import Database, inserted_id
from bot.delivery import queue_message
from bot.lexicon import stopwords
from bot.nlp import fold, lemma, words
from bot.users import isoformat, utcnow

# Two questions whose content words overlap at least this much (Jaccard) are one inbox group.
SIMILARITY = 0.5
# Open questions the inbox looks at (newest first).
INBOX_WINDOW = 500
# A question the bot could not answer is shown to the office shortened to this.
MAX_QUESTION = 1000
# A message to the office longer than this is refused before anything is stored: with the
# office post's template (and the question it may be about) it must fit one Telegram message.
MAX_MESSAGE = 2500
OFFICE_FAQ_TOPIC = "general"
# Seconds the daily question counts may wait in memory before they are written, all in one
# transaction: a question's reply costs no write of its own. A crash loses at most this many
# seconds of counts (statistics only; logged questions are written at once).
FLUSH_SECONDS = 5.0

log = logging.getLogger(__name__)


class Claim(enum.Enum):
    DONE = "done"
    ALREADY = "already"  # this user already claimed it
    INVALID = "invalid"  # no such open question, or a token that is not this question's


class AnswerOutcome(enum.Enum):
    SENT = "sent"
    ALREADY = "already"  # answered or dismissed before
    GONE = "gone"  # the questions no longer exist: the askers deleted their data


@dataclass(frozen=True, slots=True)
class Logged:
    id: int
    token: str


@dataclass
class QuestionGroup:
    """Similar open questions: the inbox shows one group per message."""

    language: str
    ids: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # distinct wordings, newest first
    reachable: int = 0  # askers who agreed to get an answer
    last_at: str = ""
    signature: frozenset[str] = frozenset()

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class Recipient:
    question_id: int
    user_id: int
    language: str
    question: str


@dataclass(frozen=True, slots=True)
class Handled:
    id: int
    question: str
    state: str  # answered, dismissed
    handled_by: int | None
    handled_at: str


@dataclass
class AnswerResult:
    outcome: AnswerOutcome
    recipients: list[Recipient] = field(default_factory=list)
    answered: list[int] = field(default_factory=list)
    # The outbox rows of each recipient's answer (several when it is split), by question id.
    outbox: dict[int, list[int]] = field(default_factory=dict)


# (question id) -> the parts of an office post, each (HTML text, Bot API reply markup or None)
PostRenderer = Callable[[int], list[tuple[str, dict[str, Any] | None]]]
# (recipient) -> the parts of the answer as they receive it, HTML
AnswerRenderer = Callable[[Recipient], list[str]]


def signature(text: str, language: str) -> frozenset[str]:
    """The question's content words, stemmed and folded, without stop words."""
    stop = stopwords(language)
    found = frozenset(s for w in words(text, language) if (s := lemma(w, language)) not in stop)
    return found or frozenset({fold(text.strip())})


def similar(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= SIMILARITY


def group_questions(rows: list[tuple[Any, ...]]) -> list[QuestionGroup]:
    """(id, question, language, user_id, asked_at) rows, newest first -> groups, largest first."""
    groups: list[QuestionGroup] = []
    # The groups of each language in the order they were made, with the folded wordings
    # each holds: a row is compared with its own language's groups only.
    by_language: dict[str, list[tuple[QuestionGroup, set[str]]]] = {}
    for question_id, text, language, user_id, asked_at in rows:
        sig = signature(text, language)
        candidates = by_language.setdefault(language, [])
        found = next(((g, f) for g, f in candidates if similar(g.signature, sig)), None)
        if found is None:
            found = (QuestionGroup(language, signature=sig, last_at=asked_at), set())
            groups.append(found[0])
            candidates.append(found)
        group, folded = found
        group.ids.append(question_id)
        if fold(text) not in folded:
            folded.add(fold(text))
            group.texts.append(text)
        group.reachable += user_id is not None
    groups.sort(key=lambda g: (g.count, g.last_at), reverse=True)
    return groups


class QuestionLog:
    def __init__(self, db: Database):
        self._db = db
        # (day, language) -> [asked, answered, helpful] not yet written: the counts reach the
        # database together, off the reply path (see FLUSH_SECONDS).
        self._pending: dict[tuple[str, str], list[int]] = {}
        self._timer: asyncio.TimerHandle | None = None
        self._flushing: asyncio.Task[None] | None = None

    def count_question(self, language: str, answered: bool) -> None:
        """One more question today (counts only, for /stats)."""
        self._count(language, 1, int(answered), 0)

    def count_helpful(self, language: str) -> None:
        """One more answer marked 👍 today (a count only)."""
        self._count(language, 0, 0, 1)

    def _count(self, language: str, asked: int, answered: int, helpful: int) -> None:
        counts = self._pending.setdefault((utcnow().date().isoformat(), language), [0, 0, 0])
        counts[0] += asked
        counts[1] += answered
        counts[2] += helpful
        if self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(FLUSH_SECONDS, self._flush_later)

    def _flush_later(self) -> None:
        self._timer = None
        self._flushing = asyncio.get_running_loop().create_task(self.flush())

    async def flush(self) -> None:
        """Write the pending counts (before they are read, and at shutdown). A failing write
        (a full disk) keeps them pending for the next try and never reaches the asker."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        pending, self._pending = self._pending, {}
        if not pending:
            return
        rows = [(day, language, *counts) for (day, language), counts in pending.items()]
        try:
            async with self._db.transaction() as conn:
                await conn.executemany(
                    "INSERT INTO question_days (day, language, asked, answered, helpful) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (day, language) DO UPDATE SET "
                    "asked = asked + excluded.asked, answered = answered + excluded.answered, "
                    "helpful = helpful + excluded.helpful",
                    rows,
                )
        except sqlite3.Error:
            log.warning("could not write the question statistics; kept for later", exc_info=True)
            for key, counts in pending.items():
                kept = self._pending.setdefault(key, [0, 0, 0])
                for i, count in enumerate(counts):
                    kept[i] += count

    async def close(self) -> None:
        """Write what is pending; nothing is counted after this."""
        if self._flushing is not None:
            await self._flushing
        await self.flush()

    async def log(
        self,
        kind: str,
        question: str,
        language: str,
        *,
        entry: str | None = None,
        user_id: int | None = None,
        author_id: int | None = None,
    ) -> Logged:
        """Store a question (shortened) or a message to the office (whole: the caller refused
        one longer than MAX_MESSAGE). `user_id` is whom an answer goes to, `author_id` who
        wrote it. One INSERT on its own: a single round trip on the reply path."""
        sql, params, token = self._row(kind, question, language, entry, user_id, author_id)
        return Logged(await self._db.insert(sql, params), token)

    @classmethod
    async def _log(
        cls,
        conn: aiosqlite.Connection,
        kind: str,
        question: str,
        language: str,
        entry: str | None,
        user_id: int | None,
        author_id: int | None,
    ) -> Logged:
        """`log` inside the caller's transaction."""
        sql, params, token = cls._row(kind, question, language, entry, user_id, author_id)
        cursor = await conn.execute(sql, params)
        return Logged(inserted_id(cursor), token)

    @staticmethod
    def _row(
        kind: str,
        question: str,
        language: str,
        entry: str | None,
        user_id: int | None,
        author_id: int | None,
    ) -> tuple[str, tuple[Any, ...], str]:
        text = question.strip()
        if kind == "message":
            if len(text) > MAX_MESSAGE:
                raise ValueError(f"a message to the office of {len(text)} characters")
        else:
            text = text[:MAX_QUESTION]
        token = secrets.token_hex(4)
        sql = (
            "INSERT INTO question_log (asked_at, kind, question, language, entry, user_id, "
            "claim_token, author_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        )
        params = (
            isoformat(utcnow()),
            kind,
            text,
            language,
            entry,
            user_id,
            None if user_id else token,
            author_id,
        )
        return sql, params, token

    async def relay(
        self,
        message: str,
        language: str,
        user_id: int,
        targets: list[int],
        render: PostRenderer,
        *,
        thread: dict[int, int] | None = None,
        local: bool = False,
    ) -> tuple[Logged, list[int]]:
        """Log a message to the office and queue its posts to `targets`, atomically: what is
        stored is what the office receives. In a chat `thread` names, the post replies to that
        message. Returns the question and its outbox rows."""
        async with self._db.transaction() as conn:
            logged = await self._log(conn, "message", message, language, None, user_id, user_id)
            outbox = await _queue_posts(conn, logged.id, targets, render, thread or {}, local)
        return logged, outbox

    async def post(
        self, question_id: int, targets: list[int], render: PostRenderer, *, local: bool = False
    ) -> list[int]:
        """Queue the office's posts of a stored question; returns their outbox rows."""
        async with self._db.transaction() as conn:
            return await _queue_posts(conn, question_id, targets, render, {}, local)

    async def get(self, question_id: int) -> dict[str, Any] | None:
        row = await self._db.fetchone("SELECT * FROM question_log WHERE id = ?", (question_id,))
        return dict(row) if row else None

    async def claim(self, question_id: int, token: str, user_id: int) -> Claim:
        """The asker agrees to be contacted about this question: store their id with it."""
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT claim_token, user_id, state FROM question_log WHERE id = ?",
                (question_id,),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None or row[2] != "open":
                return Claim.INVALID
            if row[1] == user_id:
                return Claim.ALREADY
            if row[0] is None or not secrets.compare_digest(row[0], token):
                return Claim.INVALID
            await conn.execute(
                "UPDATE question_log SET user_id = ?, claim_token = NULL WHERE id = ?",
                (user_id, question_id),
            )
        return Claim.DONE

    async def open_groups(self) -> list[QuestionGroup]:
        rows = await self._db.fetchall(
            "SELECT id, question, language, user_id, asked_at FROM question_log "
            "WHERE state = 'open' ORDER BY asked_at DESC, id DESC LIMIT ?",
            (INBOX_WINDOW,),
        )
        # Comparing up to INBOX_WINDOW questions with each other holds the interpreter for
        # tens of milliseconds: in a worker thread, the event loop keeps serving users.
        return await asyncio.to_thread(group_questions, [tuple(r) for r in rows])

    async def attach_post(self, chat_id: int, message_id: int, question_ids: list[int]) -> None:
        """A message the bot posted for admins shows these questions: a reply answers them."""
        async with self._db.transaction() as conn:
            await conn.executemany(
                "INSERT OR IGNORE INTO office_posts (chat_id, message_id, question_id) "
                "VALUES (?, ?, ?)",
                [(chat_id, message_id, q) for q in question_ids],
            )

    async def post_questions(self, chat_id: int, message_id: int) -> list[int]:
        rows = await self._db.fetchall(
            "SELECT question_id FROM office_posts WHERE chat_id = ? AND message_id = ? "
            "ORDER BY question_id",
            (chat_id, message_id),
        )
        return [r[0] for r in rows]

    async def asked_by(self, question_ids: list[int], user_id: int) -> bool:
        """Whether `user_id` wrote one of these questions (their reply to the answer is theirs)."""
        marks = ",".join("?" * len(question_ids))
        return bool(
            await self._db.scalar(
                f"SELECT 1 FROM question_log WHERE id IN ({marks}) AND author_id = ? LIMIT 1",
                [*question_ids, user_id],
            )
        )

    async def office_posts_of(self, question_ids: list[int]) -> dict[int, int]:
        """chat id -> the first post showing one of these questions there."""
        marks = ",".join("?" * len(question_ids))
        rows = await self._db.fetchall(
            f"SELECT chat_id, min(message_id) FROM office_posts WHERE question_id IN ({marks}) "
            f"GROUP BY chat_id",
            question_ids,
        )
        return {r[0]: r[1] for r in rows}

    async def posts_showing(self, question_ids: list[int]) -> list[tuple[int, int]]:
        """(chat id, message id) of every post showing one of these questions."""
        marks = ",".join("?" * len(question_ids))
        rows = await self._db.fetchall(
            f"SELECT DISTINCT chat_id, message_id FROM office_posts WHERE question_id IN ({marks})",
            question_ids,
        )
        return [(r[0], r[1]) for r in rows]

    async def handled(self, limit: int) -> list[Handled]:
        """The latest answered or dismissed questions, with the admin who did it."""
        rows = await self._db.fetchall(
            "SELECT id, question, state, answered_by, answered_at FROM question_log "
            "WHERE state IN ('answered', 'dismissed') AND answered_at IS NOT NULL "
            "ORDER BY answered_at DESC, id DESC LIMIT ?",
            (limit,),
        )
        return [Handled(*row) for row in rows]

    async def any_exist(self, question_ids: list[int]) -> bool:
        """False when every one was erased with its asker's data."""
        marks = ",".join("?" * len(question_ids))
        return bool(
            await self._db.scalar(
                f"SELECT 1 FROM question_log WHERE id IN ({marks}) LIMIT 1", question_ids
            )
        )

    async def notify(self, chat_id: int, text: str, *, local: bool = False) -> int:
        """Queue a notice to the office chat (HTML) in the outbox; returns its row."""
        async with self._db.transaction() as conn:
            return await queue_message(conn, "office_post", chat_id, text, local=local)

    async def answer(
        self,
        question_ids: list[int],
        text: str,
        admin_id: int,
        render: AnswerRenderer,
        *,
        local: bool = False,
    ) -> AnswerResult:
        """Mark the open ones answered and queue the answer to each asker in the outbox, in one
        transaction: an answer is never marked sent without being on its way (ids then cleared
        from the questions; the outbox rows hold them until delivered)."""
        marks = ",".join("?" * len(question_ids))
        async with self._db.transaction() as conn:
            async with conn.execute(
                f"SELECT id, user_id, language, question, state FROM question_log "
                f"WHERE id IN ({marks})",
                question_ids,
            ) as cursor:
                rows = list(await cursor.fetchall())
            open_rows = [r for r in rows if r[4] == "open"]
            if not rows:
                return AnswerResult(AnswerOutcome.GONE)
            if not open_rows:
                return AnswerResult(AnswerOutcome.ALREADY)
            await conn.executemany(
                "UPDATE question_log SET state = 'answered', answer = ?, answered_by = ?, "
                "answered_at = ?, user_id = NULL, claim_token = NULL WHERE id = ? "
                "AND state = 'open'",
                [(text, admin_id, isoformat(utcnow()), r[0]) for r in open_rows],
            )
            recipients = [Recipient(r[0], r[1], r[2], r[3]) for r in open_rows if r[1] is not None]
            outbox: dict[int, list[int]] = {}
            for recipient in recipients:
                outbox[recipient.question_id] = [
                    await queue_message(
                        conn,
                        "office_answer",
                        recipient.user_id,
                        part,
                        ref=str(recipient.question_id),
                        local=local,
                    )
                    for part in render(recipient)
                ]
        return AnswerResult(AnswerOutcome.SENT, recipients, [r[0] for r in open_rows], outbox)

    async def dismiss(self, question_ids: list[int], admin_id: int) -> int:
        marks = ",".join("?" * len(question_ids))
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                f"UPDATE question_log SET state = 'dismissed', answered_by = ?, answered_at = ?, "
                f"user_id = NULL, claim_token = NULL WHERE id IN ({marks}) AND state = 'open'",
                [admin_id, isoformat(utcnow()), *question_ids],
            )
            return cursor.rowcount

    async def to_faq(self, question_id: int) -> str | None:
        """Turn an answered question (and those answered with it) into an office FAQ entry in
        its language; returns the entry id (the existing one when done before), None when the
        question is not answered."""
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT language, answer, answered_at, faq_id FROM question_log "
                "WHERE id = ? AND state = 'answered'",
                (question_id,),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None or not row[1]:
                return None
            language, answer, answered_at, existing = row
            if existing and await _faq_exists(conn, existing):
                return str(existing)
            async with conn.execute(
                "SELECT id, question FROM question_log WHERE state = 'answered' AND answer = ? "
                "AND answered_at = ? AND language = ? ORDER BY id",
                (answer, answered_at, language),
            ) as cursor:
                siblings = list(await cursor.fetchall())
            faq_id = f"office-{question_id}"
            questions = list(dict.fromkeys(r[1] for r in siblings))
            await conn.execute(
                "INSERT OR REPLACE INTO faq (id, topic, date, sources, origin) "
                "VALUES (?, ?, ?, ?, 'office')",
                (
                    faq_id,
                    OFFICE_FAQ_TOPIC,
                    answered_at[:10],
                    json.dumps([f"partnership office, {answered_at[:10]}"]),
                ),
            )
            await conn.execute(
                "INSERT INTO faq_texts (faq_id, language, answer, questions, keywords) "
                "VALUES (?, ?, ?, ?, '[]')",
                (faq_id, language, answer, json.dumps(questions, ensure_ascii=False)),
            )
            await conn.executemany(
                "UPDATE question_log SET faq_id = ? WHERE id = ?",
                [(faq_id, r[0]) for r in siblings],
            )
        return faq_id

    async def incomplete_faq(self) -> list[tuple[str, str]]:
        """(id, languages) of office-made entries still waiting for the other languages."""
        rows = await self._db.fetchall(
            "SELECT f.id, group_concat(t.language, ', ') FROM faq f "
            "JOIN faq_texts t ON t.faq_id = f.id WHERE f.origin = 'office' "
            "GROUP BY f.id ORDER BY f.rowid"
        )
        return [(r[0], r[1]) for r in rows]


async def _faq_exists(conn: aiosqlite.Connection, faq_id: str) -> bool:
    async with conn.execute("SELECT 1 FROM faq WHERE id = ?", (faq_id,)) as cursor:
        return await cursor.fetchone() is not None


@dataclass(frozen=True, slots=True)
class RecentAnswer:
    user_id: int
    question: str
    language: str
    entry: str | None


class RecentAnswers:
    """The last answers sent, so that a 👎 under one can log its question. Memory only: the
    bot does not store the questions it could answer."""

    def __init__(self, size: int = 5000):
        self._size = size
        self._answers: OrderedDict[str, RecentAnswer] = OrderedDict()

    def remember(self, answer: RecentAnswer) -> str:
        key = secrets.token_hex(6)
        self._answers[key] = answer
        while len(self._answers) > self._size:
            self._answers.popitem(last=False)
        return key

    def take(self, key: str, user_id: int) -> RecentAnswer | None:
        """The answer under this key if `user_id` got it; it can be rated once."""
        found = self._answers.get(key)
        if found is None or found.user_id != user_id:
            return None
        return self._answers.pop(key)

    def forget_user(self, user_id: int) -> None:
        for key in [k for k, a in self._answers.items() if a.user_id == user_id]:
            del self._answers[key]


async def _queue_posts(
    conn: aiosqlite.Connection,
    question_id: int,
    targets: list[int],
    render: PostRenderer,
    thread: dict[int, int],
    local: bool,
) -> list[int]:
    outbox = []
    for chat_id in targets:
        for n, (text, markup) in enumerate(render(question_id)):
            outbox.append(
                await queue_message(
                    conn,
                    "office_post",
                    chat_id,
                    text,
                    reply_markup=markup,
                    ref=json.dumps([question_id]),
                    local=local,
                    # Only the first part continues the thread; the rest follow it in order.
                    reply_to=thread.get(chat_id) if n == 0 else None,
                )
            )
    return outbox
