"""A pytest plugin: at the end of the session, fail if the tests showed a user a string the
catalogs do not hold.

Two checks over everything the session rendered:
1. Every message id the code asked a Translator for (gettext, ngettext, pgettext) is in
   locales/messages.pot. A string hidden from extraction (`p = context.pgettext; p("…")`, an
   f-string, a conditional inside the call) is still looked up at run time, finds no
   translation and is shown in English: this catches it where it is asked for.
2. No text or button label the fake Bot API sent to a German, Russian, Polish or Turkish
   screen contains an English message id that has a different translation in that language.
   A screen's language is recognised from the translations it contains. A screen none of
   whose text is recognised (an answer from the knowledge base, a reply markup edit, a
   button's answer too short) is judged in the one language the code translated in since the
   screen before it (a user may ask in Polish, then in English, in one chat: the second
   answer's buttons are English, rightly); when it translated in none or in several, the
   screen takes its chat's last recognised language.

Off with `-p no:tests.catalog_check`; `CATALOG_CHECK_REPORT` names a file for the findings.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field

import pytest
from babel.messages.pofile import read_po

from bot.app.local_api import LocalBotApi
from bot.i18n import DOMAIN, LANGUAGES, Translator, placeholders
from bot.resources import locales_dir

_SPLIT = re.compile(r"%\(\w+\)[sdif]|<[^>]+>|\n|[()\[\]:;,.?!«»„“”\"…–—]")
_WORD = re.compile(r"\w+", re.UNICODE)
# A fragment that recognises a language, or betrays English, is at least this long.
_MIN_FRAGMENT = 12
_RENDERING = {
    "sendMessage",
    "editMessageText",
    "sendDocument",
    "sendPhoto",
    "editMessageCaption",
    "editMessageReplyMarkup",
    "answerCallbackQuery",
}


def _fragments(text: str) -> list[str]:
    """The fixed parts of a message: between placeholders, tags and punctuation."""
    return [part.strip() for part in _SPLIT.split(text) if part and part.strip()]


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text))


@dataclass
class _Catalogs:
    ids: set = field(default_factory=set)  # (context, id) in the template
    # language -> fragments only that language's translations contain (English included)
    marks: dict[str, set[str]] = field(default_factory=dict)
    # language -> English fragments whose message that language translates differently
    english: dict[str, set[str]] = field(default_factory=dict)
    # language -> whole short English labels (one word or more) translated differently
    labels: dict[str, set[str]] = field(default_factory=dict)
    # every mark and English fragment, for finding those a text contains
    fragments: _Fragments = field(default_factory=lambda: _Fragments(()))

    @classmethod
    def load(cls) -> _Catalogs:
        root = locales_dir()
        with (root / f"{DOMAIN}.pot").open("rb") as fp:
            template = read_po(fp)
        found = cls(ids={(m.context, m.id) for m in template if m.id})
        found.ids |= {(m.context, m.id[0]) for m in template if isinstance(m.id, tuple)}
        translated: dict[str, dict] = {}
        for language in LANGUAGES:
            with (root / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as fp:
                translated[language] = {(m.context, m.id): m for m in read_po(fp) if m.id}
        parts = {
            language: {
                part
                for m in translated[language].values()
                for string in _strings(m.string)
                for part in _fragments(string)
            }
            for language in LANGUAGES
        }
        english_parts = parts["en"]
        others = set().union(*(parts[language] for language in LANGUAGES if language != "en"))
        # English is recognised too: a user who switched to English is not judged as German.
        found.marks["en"] = {p for p in english_parts if len(p) >= _MIN_FRAGMENT} - others
        for language in LANGUAGES:
            if language == "en":
                continue
            marks, english, labels = set(), set(), set()
            for message in translated[language].values():
                ours = " ".join(_strings(message.string))
                for part in _fragments(ours):
                    if len(part) >= _MIN_FRAGMENT and part not in english_parts:
                        marks.add(part)
                for source in _strings(message.id):
                    for part in _fragments(source):
                        if part in ours or not _words(part):
                            continue
                        if len(part) >= _MIN_FRAGMENT and " " in part:
                            english.add(part)
                        elif _words(part) == _words(source) and not placeholders(source):
                            labels.add(_words(part))
            found.marks[language], found.english[language] = marks, english
            found.labels[language] = labels
        found.fragments = _Fragments(set().union(*found.marks.values(), *found.english.values()))
        return found


class _Fragments:
    """Which of many fragments, each at least _MIN_FRAGMENT characters long, a text contains:
    those whose first _MIN_FRAGMENT characters are a piece of the text, then searched for.
    Searching every text for every fragment (4,465 marks, then the screen language's English
    ones) was seconds of CPU at the end of each worker, the run's tail."""

    def __init__(self, fragments) -> None:
        self._by_head: dict[str, list[str]] = {}
        for fragment in fragments:
            if len(fragment) < _MIN_FRAGMENT:
                raise ValueError(f"a fragment shorter than {_MIN_FRAGMENT}: {fragment!r}")
            self._by_head.setdefault(fragment[:_MIN_FRAGMENT], []).append(fragment)

    def within(self, text: str) -> set[str]:
        heads = {text[i : i + _MIN_FRAGMENT] for i in range(len(text) - _MIN_FRAGMENT + 1)}
        return {
            fragment
            for head in heads & self._by_head.keys()
            for fragment in self._by_head[head]
            if fragment in text
        }


def _strings(value) -> tuple:
    return tuple(value) if isinstance(value, tuple | list) else (value,)


@dataclass
class _Screen:
    method: str
    chat: object
    text: str
    labels: tuple[str, ...]
    # The languages the code translated in since the screen before this one.
    spoken: frozenset[str] = frozenset()


class CatalogCheck:
    def __init__(self) -> None:
        self.asked: Counter = Counter()
        self.screens: list[tuple[str, _Screen]] = []
        self.test = ""
        # callback query id -> the user who pressed: a button's answer names no chat
        self.pressed_by: dict[str, int] = {}
        self.spoken: set[str] = set()
        self._originals: dict = {}

    # ---- recording ---------------------------------------------------------------------

    def install(self) -> None:
        check = self
        originals = self._originals
        originals["gettext"] = Translator.gettext
        originals["ngettext"] = Translator.ngettext
        originals["pgettext"] = Translator.pgettext
        originals["call"] = LocalBotApi.call
        originals["press"] = LocalBotApi.press

        def gettext(translator, message, **values):
            check.asked[(None, message)] += 1
            check.spoken.add(translator.language)
            return originals["gettext"](translator, message, **values)

        def ngettext(translator, singular, plural, n, **values):
            check.asked[(None, singular)] += 1
            check.spoken.add(translator.language)
            return originals["ngettext"](translator, singular, plural, n, **values)

        def pgettext(translator, context, message, **values):
            check.asked[(context, message)] += 1
            check.spoken.add(translator.language)
            return originals["pgettext"](translator, context, message, **values)

        async def call(api, method, params, files=None):
            if method in _RENDERING:
                check.record(method, params)
            return await originals["call"](api, method, params, files)

        def press(api, user, message, data):
            update = originals["press"](api, user, message, data)
            check.pressed_by[update["callback_query"]["id"]] = user["id"]
            return update

        Translator.gettext, Translator.ngettext = gettext, ngettext
        Translator.pgettext, LocalBotApi.call = pgettext, call
        LocalBotApi.press = press

    def uninstall(self) -> None:
        Translator.gettext = self._originals["gettext"]
        Translator.ngettext = self._originals["ngettext"]
        Translator.pgettext = self._originals["pgettext"]
        LocalBotApi.call = self._originals["call"]
        LocalBotApi.press = self._originals["press"]

    def record(self, method: str, params: dict) -> None:
        markup = params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        labels = tuple(
            button.get("text", "")
            for row in (markup.get("inline_keyboard") or []) + (markup.get("keyboard") or [])
            for button in row
            if isinstance(button, dict)
        )
        text = params.get("text") or params.get("caption") or ""
        chat = params.get("chat_id")
        if chat is None and "callback_query_id" in params:
            chat = self.pressed_by.get(str(params["callback_query_id"]))
        spoken = frozenset(self.spoken)
        self.spoken.clear()
        self.screens.append((self.test, _Screen(method, chat, str(text), labels, spoken)))

    # ---- judging ------------------------------------------------------------------------

    def findings(self) -> list[str]:
        catalogs = _Catalogs.load()
        problems = [
            f"asked for a message the extraction missed: {message!r}"
            + (f" (context {context!r})" if context else "")
            for (context, message) in sorted(self.asked, key=str)
            if (context, message) not in catalogs.ids
        ]
        seen: set = set()
        language_of: dict = {}
        # The same texts come back in test after test: each is recognised once.
        recognised: dict[str, str | None] = {}
        for test, screen in self.screens:
            key = (test, screen.chat)
            if screen.text not in recognised:
                recognised[screen.text] = _recognise(catalogs, screen.text)
            if own := recognised[screen.text]:
                language_of[key] = own
            language = own or _one(screen.spoken) or language_of.get(key)
            if language in (None, "en") or (language, screen.text, screen.labels) in seen:
                continue
            seen.add((language, screen.text, screen.labels))
            for leak in _leaks(catalogs, language, screen):
                problems.append(
                    f"{test}: English {leak!r} on a {language} screen ({screen.method})"
                )
        return problems


def _recognise(catalogs: _Catalogs, text: str) -> str | None:
    if not text:
        return None
    within = catalogs.fragments.within(text)
    scores = {
        language: sum(1 for mark in within if mark in marks)
        for language, marks in catalogs.marks.items()
    }
    best = max(scores, key=scores.get)
    return best if scores[best] else None


def _one(languages: frozenset[str]) -> str | None:
    return next(iter(languages)) if len(languages) == 1 else None


def _leaks(catalogs: _Catalogs, language: str, screen: _Screen) -> list[str]:
    english = catalogs.english[language]
    within = catalogs.fragments.within(screen.text)
    found = [part for part in english if part in hits] if (hits := within & english) else []
    lines = {_words(line) for line in screen.text.splitlines()} | {
        _words(label) for label in screen.labels
    }
    found += sorted(lines & catalogs.labels[language])
    for label in screen.labels:
        if hits := catalogs.fragments.within(label) & english:
            found += [part for part in english if part in hits]
    return found


_CHECK = CatalogCheck()


def pytest_configure(config: pytest.Config) -> None:
    _CHECK.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    _CHECK.uninstall()


def pytest_runtest_setup(item: pytest.Item) -> None:
    _CHECK.test = item.nodeid
    _CHECK.pressed_by.clear()
    _CHECK.spoken.clear()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    # Under pytest-xdist each worker checks what its share of the tests rendered; the
    # controller gathers their findings and fails the run as a single process would.
    _WORKER_FINDINGS.extend(getattr(node, "workeroutput", {}).get("catalog_findings", []))


_WORKER_FINDINGS: list[str] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # Only a whole run proves anything about strings no test asked for: a partial run checks
    # what it rendered, which is what it can.
    problems = list(dict.fromkeys(_WORKER_FINDINGS))
    if _CHECK.asked or _CHECK.screens:
        problems += [p for p in _CHECK.findings() if p not in problems]
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["catalog_findings"] = problems
        return
    if report := os.environ.get("CATALOG_CHECK_REPORT"):
        with open(report, "w", encoding="utf-8") as fp:
            fp.write("\n".join(problems))
    if problems:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.section("catalog check", sep="=", red=True)
            for problem in problems[:50]:
                reporter.line(problem)
            if len(problems) > 50:
                reporter.line(f"... and {len(problems) - 50} more")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
