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


_BROADCAST_TARGET = "broadcast_target"
_EVENT_DRAFT = "event_draft"
_EVENT_EDIT = "event_edit"
_OFFICE_QUESTION = "office_question"


def drop_admin_state(user_data: dict) -> None:
    """Forget what an admin's unfinished conversations collected (on a revoke, or a step
    taken without rights): nothing half-made may be finished later."""
    for key in (_BROADCAST_TARGET, _EVENT_DRAFT, _EVENT_EDIT):
        user_data.pop(key, None)


@dataclass(frozen=True, slots=True)
class BroadcastTarget:
    """The version the admin is about to write: of draft `draft_id` (None: a new draft)."""

    draft_id: int | None
    language: str


class BotContext(CallbackContext[ExtBot, dict, dict, Services]):
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
    def broadcast_target(self) -> BroadcastTarget | None:
        """What the admin's next message in the /broadcast conversation becomes."""
        return self.user_data.get(_BROADCAST_TARGET) if self.user_data is not None else None

    @broadcast_target.setter
    def broadcast_target(self, target: BroadcastTarget | None) -> None:
        if target is None:
            self.user_data.pop(_BROADCAST_TARGET, None)
        else:
            self.user_data[_BROADCAST_TARGET] = target

    @property
    def questions(self) -> QuestionLog:
        return self.bot_data.questions

    @property
    def office_question(self) -> int | None:
        """The logged question a message to the office is about (from the fallback's button)."""
        return self.user_data.get(_OFFICE_QUESTION) if self.user_data is not None else None

    @office_question.setter
    def office_question(self, question_id: int | None) -> None:
        if question_id is None:
            self.user_data.pop(_OFFICE_QUESTION, None)
        else:
            self.user_data[_OFFICE_QUESTION] = question_id

    @property
    def event_draft(self) -> EventDraft | None:
        """The answers of the admin's /newevent conversation so far."""
        return self.user_data.get(_EVENT_DRAFT) if self.user_data is not None else None

    @event_draft.setter
    def event_draft(self, draft: EventDraft | None) -> None:
        if draft is None:
            self.user_data.pop(_EVENT_DRAFT, None)
        else:
            self.user_data[_EVENT_DRAFT] = draft

    @property
    def event_edit(self) -> tuple[str, int, str] | None:
        """(event id, revision, field) the admin's next message in /editevent changes."""
        return self.user_data.get(_EVENT_EDIT) if self.user_data is not None else None

    @event_edit.setter
    def event_edit(self, target: tuple[str, int, str] | None) -> None:
        if target is None:
            self.user_data.pop(_EVENT_EDIT, None)
        else:
            self.user_data[_EVENT_EDIT] = target

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


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=Services)
