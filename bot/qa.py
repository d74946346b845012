"""Answering questions from the knowledge base, in the asker's language. No Telegram here.

The question is understood (bot/understanding.py: its language, the kind of answer it asks for
according to a classifier trained on the question bank, and the cities, organisations, sectors
and places it names); when the kind is confidently known, the answer is composed for it
(bot/compose.py, which returns nothing when the question lacks what that kind of answer needs
or the base holds nothing for it); otherwise the bot says honestly that it does not know, and
offers the partnership association and the FAQ entries the question came closest to. Nothing
here knows any particular question. The answer is plain text in paragraphs (bot/answer.py);
bot/render.py makes Telegram HTML of it.
"""

from __future__ import annotations

from bot import heap
from bot.answer import Answer, Paragraph, Suggestion
from bot.compose import ASSOCIATION, both, compose, lists_events
from bot.db import Database
from bot.events import CityNames, read_named_cities
from bot.i18n import Catalogs, Translator
from bot.understanding import (
    OUT_OF_SCOPE,
    Knowledge,
    Understander,
    Understanding,
    load_understander,
)

__all__ = ["CONFIDENCE_THRESHOLD", "Answer", "QuestionAnswerer", "Suggestion"]

# Below this probability of its best intent, a question is not understood: the honest
# fallback. Calibrated with bench/qa_eval.py: cross-validation on the bank (--cv) and the
# tuning sets' threshold sweep.
CONFIDENCE_THRESHOLD = 0.40
# An FAQ entry this similar to the question is offered under the fallback as a topic that
# may help.
SUGGESTION_MIN = 0.15
SUGGESTIONS = 3


class QuestionAnswerer:
    def __init__(self, db: Database, understander: Understander, catalogs: Catalogs) -> None:
        self.db = db
        self.understander = understander
        self.catalogs = catalogs
        # The most recent answer, for `partnerbot ask`, which reads it after the bot's reply.
        self.last_answer: Answer | None = None

    @property
    def knowledge(self) -> Knowledge:
        return self.understander.reader.knowledge

    @property
    def index(self) -> Knowledge:
        """The knowledge base's cities and organisations, as the handlers call it."""
        return self.knowledge

    async def reload(self) -> None:
        """After the knowledge base changed: load it again (and retrain, in a child process,
        when its questions or names changed)."""
        # The replaced models sit in reference cycles: frozen, they would never be freed.
        frozen = heap.thaw()
        self.understander = await load_understander(self.db)
        if frozen:
            heap.settle()

    async def read_events(self) -> None:
        """Before events are listed by city: which cities the texts of new or changed events
        name, read with the engine's own name recognition."""
        await read_named_cities(self.db, self.city_names())

    def city_names(self) -> CityNames:
        """How the engine finds partner cities in an event's texts."""
        reader = self.understander.reader
        return CityNames(reader.city_names_key, reader.cities_named)

    async def answer(self, question: str, user_language: str) -> Answer:
        self.last_answer = await self._answer(question, user_language)
        return self.last_answer

    async def _answer(self, question: str, user_language: str) -> Answer:
        u, closest = self.understander.understand(question, user_language)
        t = self.catalogs[u.language].plain
        if not any(c.isalnum() for c in u.text):
            return self._fallback(u, closest, t)
        # A message asking two things gets both answers, in the order asked, when each part
        # is understood and answerable on its own; else it is read as one question.
        parts = self.understander.two_parts(u, CONFIDENCE_THRESHOLD)
        if parts is not None:
            first, second = [await self._compose(part, t) for part in parts]
            if first is not None and second is not None:
                return both(first, second)
        if u.intent != OUT_OF_SCOPE and u.confidence >= CONFIDENCE_THRESHOLD:
            # Chatter after the question names nothing it asks about.
            asked = self.understander.asked(u, CONFIDENCE_THRESHOLD)
            # Context naming the city its question names again is no part of the question.
            asked = self.understander.restated(asked, CONFIDENCE_THRESHOLD)
            answer = await self._compose(asked, t)
            if answer is not None:
                return answer
        else:
            # Not understood as a whole: the clause that asks may be, without the context
            # and the chatter around it.
            focused = self.understander.focus(u, CONFIDENCE_THRESHOLD)
            if focused is not None:
                answer = await self._compose(focused, t)
                if answer is not None:
                    return answer
        return self._fallback(u, closest, t)

    async def _compose(self, u: Understanding, t: Translator) -> Answer | None:
        if lists_events(u.intent, self.knowledge):
            await self.read_events()
        return await compose(u, self.knowledge, self.db, t)

    def _fallback(
        self, u: Understanding, closest: list[tuple[str, float]], t: Translator
    ) -> Answer:
        knowledge = self.knowledge
        association = knowledge.organisations.get(ASSOCIATION)
        name = association.local_name(u.language) if association else ""
        text = t.gettext(
            "Sorry, I don't know the answer to that. Perhaps one of these topics helps. "
            "People at the partnership association (%(association)s) can help you further.",
            association=name,
        )
        suggestions: list[Suggestion] = []
        for city_id in u.cities:
            city = knowledge.cities[city_id]
            suggestions.append(Suggestion("city", city_id, f"{city.flag} {city.name(u.language)}"))
        for entry_id, similarity in closest:
            entry = knowledge.faq.get(entry_id)
            if similarity >= SUGGESTION_MIN and entry and entry.questions.get(u.language):
                suggestions.append(Suggestion("faq", entry.id, entry.questions[u.language][0]))
        return Answer(
            [Paragraph((text,))],
            u.language,
            u.confidence,
            True,
            organisations=[ASSOCIATION] if association else [],
            suggestions=suggestions[:SUGGESTIONS],
        )
