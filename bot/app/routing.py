"""One handler group offered to python-telegram-bot as a single handler that asks only the
handlers an update's kind can reach, in their order.

PTB asks every handler of a group in turn whether it takes the update: a question in a
private chat went past 23 command and 59 button handlers (and a chat-member and an
inline-query handler) that can never take a text before its own handler did, on every
update. A button handler takes only button presses, an inline-query handler only inline
queries, a chat-member handler only membership changes, a command handler only a message
that starts with a bot command (each `check_update` says so in its first lines), and a button
handler whose pattern starts with a plain word (`^menu(:|$)`, `^bcd:...`) only data with that
first word. A conversation none of whose entry points an update's kind reaches can take it
only while one of its conversations is under way: while none is, it is not asked either (a
question went past three conversations, their keys and 23 entry points on every update).
Every other handler (message filters, anything else) is asked as before. The first handler
that takes the update handles it, as in a plain group: the routing changes which handlers are
asked, never which one answers (tests/test_routing.py compares the two on every kind of
update).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

from telegram import MessageEntity, Update
from telegram._utils.defaultvalue import DEFAULT_TRUE
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ConversationHandler,
    ExtBot,
    InlineQueryHandler,
)

# (a button press, an inline query, a membership change, a message starting with a command,
# the button data's first word when a button handler of the router names it: see _button_word)
Kind = tuple[bool, bool, bool, bool, str | None]
# A button pattern that starts with a plain word and then a colon or the data's end: data whose
# first word (up to its first colon) is another can never match it.
_WORD_PATTERN = re.compile(r"\^(\w+)(?::|\(:\|\$\))")
# The word of data that starts with none of the router's words (one key for all of them, so
# forged data cannot grow the table of kinds).
_OTHER_WORD = ""


def _button_word(handler: BaseHandler) -> str | None:
    """The word a button handler's data must start with, where its pattern says so plainly
    (a pattern with flags, a callable or a type: None, asked for every button)."""
    if type(handler).check_update is not CallbackQueryHandler.check_update:
        return None
    pattern = handler.pattern  # type: ignore[attr-defined]
    if not isinstance(pattern, re.Pattern) or pattern.flags & ~re.UNICODE:
        return None
    match = _WORD_PATTERN.match(pattern.pattern)
    return match.group(1) if match else None


def kind_of(update: Update, words: Collection[str] = ()) -> Kind:
    message = update.effective_message
    entities = message.entities if message is not None else ()
    query = update.callback_query
    word = None
    # Data that is empty (or absent) is taken by any button handler, and a `$` matches before
    # a final newline too: no word to sort such data by.
    if query is not None and isinstance(query.data, str) and query.data and "\n" not in query.data:
        word = query.data.partition(":")[0]
        word = word if word in words else _OTHER_WORD
    return (
        query is not None,
        update.inline_query is not None,
        update.my_chat_member is not None or update.chat_member is not None,
        bool(
            entities
            and entities[0].type == MessageEntity.BOT_COMMAND
            and entities[0].offset == 0
            and message is not None
            and message.text
        ),
        word,
    )


def _reaches(handler: BaseHandler, kind: Kind) -> bool:
    """False only where the handler's own `check_update` would refuse every update of this
    kind (a subclass that checks otherwise is always asked)."""
    button, inline, member, command, word = kind
    check = type(handler).check_update
    if check is CallbackQueryHandler.check_update:
        own = _button_word(handler)
        return button and (word is None or own is None or own == word)
    if check is InlineQueryHandler.check_update:
        return inline
    if check is ChatMemberHandler.check_update:
        return member
    if check is CommandHandler.check_update:
        return command
    return True


def _with_entry_points(handlers: Iterable[BaseHandler]) -> Iterator[BaseHandler]:
    """The handlers and, within each conversation, its entry points (theirs too)."""
    for handler in handlers:
        yield handler
        if isinstance(handler, ConversationHandler):
            yield from _with_entry_points(handler.entry_points)


def _entered_only(handler: BaseHandler, kind: Kind) -> bool:
    """True for a plain conversation that no entry point of takes this kind of update: with no
    conversation of it under way, its `check_update` asks only the entry points."""
    return type(handler).check_update is ConversationHandler.check_update and not any(
        _reaches(entry, kind)
        for entry in handler.entry_points  # type: ignore[attr-defined]
    )


class Router(BaseHandler[Update, Any, None]):
    """A group's handlers, in order, as one handler (see the module's docstring)."""

    def __init__(self, handlers: Iterable[BaseHandler]):
        self.handlers: Sequence[BaseHandler] = tuple(handlers)
        for handler in self.handlers:
            # The application registers a persistent conversation's states only when it is
            # added itself.
            if isinstance(handler, ConversationHandler) and handler.persistent:
                raise ValueError(f"a persistent conversation ({handler.name}) cannot be routed")
        # The router itself is awaited; whether the handler that took the update runs
        # blocking is decided below, as the application decides it for a handler of its own.
        super().__init__(self._unreachable, block=True)
        # Per kind: the handlers it reaches, each with whether it is a conversation to ask only
        # while one of its conversations is under way.
        self._by_kind: dict[Kind, tuple[tuple[BaseHandler, bool], ...]] = {}
        # The words of the conversations' entry points too: a press a conversation may start
        # with must be told from one it may not.
        self._words = frozenset(
            word
            for handler in _with_entry_points(self.handlers)
            if (word := _button_word(handler)) is not None
        )

    @staticmethod
    async def _unreachable(update: object, context: Any) -> None:
        raise RuntimeError("a Router hands each update to the handler that took it")

    def candidates(self, update: object) -> Sequence[tuple[BaseHandler, bool]]:
        """The handlers to ask, in order, each with whether it is a conversation to ask only
        while one of its conversations is under way."""
        if not isinstance(update, Update):
            return tuple((h, False) for h in self.handlers)
        kind = kind_of(update, self._words)
        found = self._by_kind.get(kind)
        if found is None:
            found = self._by_kind[kind] = tuple(
                (h, _entered_only(h, kind)) for h in self.handlers if _reaches(h, kind)
            )
        return found

    def check_update(self, update: object) -> tuple[BaseHandler, object] | None:
        for handler, entered_only in self.candidates(update):
            # PTB keeps a conversation's key only while it is under way (it drops it at the
            # end and at a timeout).
            if entered_only and not handler._conversations:  # type: ignore[attr-defined]
                continue
            check = handler.check_update(update)
            if check is not None and check is not False:
                return handler, check
        return None

    async def handle_update(
        self,
        update: Update,
        application: Application[Any, Any, Any, Any, Any, Any],
        check_result: tuple[BaseHandler, object],
        context: Any,
    ) -> Any:
        handler, check = check_result
        coroutine = handler.handle_update(update, application, check, context)
        defaults = application.bot.defaults if isinstance(application.bot, ExtBot) else None
        if not handler.block or (
            handler.block is DEFAULT_TRUE and defaults is not None and not defaults.block
        ):
            application.create_task(
                coroutine,
                update=update,
                name=f"Application:{application.bot.id}:process_update_non_blocking:{handler}",
            )
            return None
        return await coroutine


def every_handler(application: Application[Any, Any, Any, Any, Any, Any]) -> Iterator[BaseHandler]:
    """The application's handlers of every group, those inside a Router included."""
    for group in application.handlers.values():
        for handler in group:
            if isinstance(handler, Router):
                yield from handler.handlers
            else:
                yield handler
