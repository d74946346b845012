"""The typed CallbackContext: every handler reaches services and the user's language through it."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.admins import Admins
from bot.config import Settings
from bot.db import Database
from bot.delivery import DeliveryEngine
from bot.event_input import EventDraft
from bot.flood import UpdateBudget
from bot.i18n import Catalogs, Translator
from bot.qa import QuestionAnswerer
from bot.questions import QuestionLog, RecentAnswers
from bot.users import Users

if TYPE_CHECKING:
    from collections.abc import Callable

    from telegram import Bot


@dataclass
class Services:
    """Long-lived objects shared by all updates (python-telegram-bot's bot_data).

    `settings` and `catalogs` are set when the application is built; the rest in post_init.
    """

    settings: Settings = None  # type: ignore[assignment]
    catalogs: Catalogs = None  # type: ignore[assignment]
    # Freeze the long-lived objects after start-up (bot/heap.py): the bot's own process only.
    settle_heap: bool = False
    # The Bot API is a network away (the bot on Telegram, not the console, `ask` or a test's
    # in-process one): what a start need not do before answering waits until it has.
    networked: bool = False
    db: Database = None  # type: ignore[assignment]
    users: Users = None  # type: ignore[assignment]
    qa: QuestionAnswerer = None  # type: ignore[assignment]
    admins: Admins = None  # type: ignore[assignment]
    delivery: DeliveryEngine = None  # type: ignore[assignment]
    # Broadcast sends bypass the Application's rate limiter (bot/delivery.py says why).
    delivery_bot: Bot = None  # type: ignore[assignment]
    # Chats whose admin command menu this process has set; the last progress text per job.
    admin_menu_chats: set[int] = field(default_factory=set)
    # The question log (office inbox), the answers a 👎 may still refer to, the per-user budget.
    questions: QuestionLog = None  # type: ignore[assignment]
    recent_answers: RecentAnswers = field(default_factory=RecentAnswers)
    flood: UpdateBudget = None  # type: ignore[assignment]
    # Every command some handler answers: a "/word" that is none of them is a question.
    commands: frozenset[str] = frozenset()
    progress_texts: dict[int, str] = field(default_factory=dict)
    # One progress update at a time: the ticks and a finished job's immediate update overlap,
    # and two of them would both send the final report.
    progress_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # Admin error notices are throttled (handlers/errors.py).
    admin_notice_at: float = 0.0
    admin_notices_held: int = 0


@dataclass(frozen=True, slots=True)
class BroadcastTarget:
    """The version the admin is about to write: of draft `draft_id` (None: a new draft)."""

    draft_id: int | None
    language: str


@dataclass(frozen=True, slots=True)
class EventEdit:
    """What the admin's next message in /editevent changes: `field` of revision `revision`
    (a `tr-title:<lang>` or `tr-desc:<lang>` field is a translation's)."""

    event_id: str
    revision: int
    field: str


@dataclass(slots=True)
class AdminDrafts:
    """What an admin's unfinished conversations collected."""

    broadcast_target: BroadcastTarget | None = None
    event_draft: EventDraft | None = None
    event_edit: EventEdit | None = None


@dataclass(slots=True)
class UserState:
    """One user's conversation state: PTB's `user_data`, typed through ContextTypes, kept in
    memory only. /deleteme drops it whole (`Application.drop_user_data`)."""

    admin: AdminDrafts = field(default_factory=AdminDrafts)
    # The logged question a message to the office is about (from the fallback's button).
    office_question: int | None = None

    def drop_admin_drafts(self) -> None:
        """On a revoke, or a step taken without rights: nothing half-made may be finished
        later."""
        self.admin = AdminDrafts()


class BotContext(CallbackContext[ExtBot, UserState, dict, Services]):
    """One per update. `locale` is resolved once, by the group -1 handler."""

    def __init__(
        self, application: Application, chat_id: int | None = None, user_id: int | None = None
    ):
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        self._locale: str | None = None

    @property
    def services(self) -> Services:
        return self.bot_data

    @property
    def settings(self) -> Settings:
        return self.bot_data.settings

    @property
    def db(self) -> Database:
        return self.bot_data.db

    @property
    def users(self) -> Users:
        return self.bot_data.users

    @property
    def qa(self) -> QuestionAnswerer:
        return self.bot_data.qa

    @property
    def admins(self) -> Admins:
        return self.bot_data.admins

    @property
    def delivery(self) -> DeliveryEngine:
        return self.bot_data.delivery

    @property
    def questions(self) -> QuestionLog:
        return self.bot_data.questions

    @property
    def state(self) -> UserState:
        """The user's conversation state; only for updates that have a user."""
        if self.user_data is None:
            raise RuntimeError("this update has no user, so no per-user state")
        return self.user_data

    @property
    def drafts(self) -> AdminDrafts:
        """What the admin's unfinished /broadcast, /newevent or /editevent collected."""
        return self.state.admin

    @property
    def locale(self) -> str:
        return self._locale or self.bot_data.settings.default_language

    @locale.setter
    def locale(self, language: str) -> None:
        self._locale = language

    @property
    def i18n(self) -> Translator:
        return self.bot_data.catalogs[self.locale]

    @property
    def gettext(self) -> Callable[..., str]:
        return self.i18n.gettext

    @property
    def ngettext(self) -> Callable[..., str]:
        return self.i18n.ngettext

    @property
    def pgettext(self) -> Callable[..., str]:
        return self.i18n.pgettext


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=Services, user_data=UserState)
