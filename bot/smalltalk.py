"""Small talk read by the bank's `smalltalk:` cues, not by the classifier: a message that is
nothing but greetings, thanks, goodbyes, "what can you do", "do you speak Polish?", praise, a
complaint, a joke asked for, laughter or "ok" (fillers, emoji and punctuation aside) and names
nothing is that kind of small talk in the language whose cues cover it, the user's first ("you
are useless", "ахахах", "ок 👍", "привет, меня зовут Оля", "?").

The classifier knows the bank's greetings, thanks, goodbyes and capabilities; it never saw a
complaint, praise or laughter, which fell back ("I don't know") and counted as unanswered.
The cues are read in questions only: the training payload, and so the model, stays the
bank's. A message with any word no cue of a language covers is no small talk of that
language: a question after a greeting ("hi! where is konin?") is read as a question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.nlp import WORD_CACHE, fold_latin, words

GREETING = "smalltalk.greeting"
THANKS = "smalltalk.thanks"
GOODBYE = "smalltalk.goodbye"
CAPABILITIES = "bot.capabilities"
# Laughter, "ok", "hmm", praise, an emoji: no greeting, no thanks, no question.
CHATTER = "smalltalk.chatter"
# "That was not my question", "you are useless": an apology and how to ask.
COMPLAINT = "smalltalk.complaint"
# "Kannst du auch Ukrainisch?", "¿me entiendes si te escribo en español?": the languages the
# bot answers in, named in the question's language (the capabilities' list names each in its
# own, so "Ukrainisch" was nowhere in a German reply).
SPOKEN = "smalltalk.languages"
# "Tell me a joke", "sing a song": what the bot cannot do, said so politely (an honest
# refusal, as the fallback is, but not a question for the office).
CANNOT = "smalltalk.cannot"
# Of the kinds a message's cues name, the one it is read as: "thanks, bye" is a goodbye,
# "hallo, was kannst du?" asks what the bot can do, "haha du bist nutzlos" complains, "are you
# a robot? tell me a joke" asks what the bot is (a joke alone is what it cannot do).
KINDS = (COMPLAINT, SPOKEN, CAPABILITIES, GOODBYE, THANKS, GREETING, CANNOT, CHATTER)
# Longer messages are seldom only small talk, and reading them costs more.
MOST_WORDS = 12
# A cue's word that stands for any one word ("меня зовут _": a name).
ANY = "_"
# A word of five letters or more may be one typo from a cue's word ("thnaks", "usless").
TYPO_LENGTH = 5
# Laughter typed as syllables of h, j or x (Cyrillic х folds to h) and a vowel: "haha",
# "ahahah", "jajaja", "hehe", "хахаха"; the other ways (lol, mdr, xd, 哈) are cues.
# So is laughter every language types alike (lol, lmao, xd, a Chinese 哈 or 呵), in any
# language.
_LAUGHTER = re.compile(
    r"[aeiy]?(?:[hjx][aeiy]){2,}h?|[aeiy](?:h[aeiy])+h?|(?:ah|ha){2,}"
    r"|lo+l|lmf?ao|rofl|xd|kek|p?tdr|mdr|(?:sk){2,}s?|[哈呵嘿嘻]"
)
# A letter typed three times or more, or twice at the end of a word.
_RUN = re.compile(r"(.)\1\1+|(.)\2$")


def key(word: str) -> str:
    """A word as cues and messages are compared: folded to Latin letters without diacritics,
    a letter drawn out once ("heyyy", "merciii", "hmmm", "okk")."""
    return _RUN.sub(lambda m: m.group(1) or m.group(2), fold_latin(word))


# Keyed by a keyed word, bounded as bot/nlp.py's word caches: every word of a message naming
# nothing is tried against the laughter pattern, whose alternatives backtrack over the word.
@lru_cache(maxsize=WORD_CACHE)
def laughter(word: str) -> bool:
    """Whether a keyed word is laughter typed as syllables."""
    if len(word) < 2 and not "\u4e00" <= word <= "\u9fff":
        return False
    return _LAUGHTER.fullmatch(word) is not None


class SmallTalk:
    """The bank's small-talk cues of every language, keyed (`key`)."""

    def __init__(
        self,
        cues: Mapping[str, Mapping[str, Sequence[str]]],
        fillers: Mapping[str, Iterable[str]],
    ):
        self.fillers = {language: frozenset(map(key, f)) for language, f in fillers.items()}
        # language -> first word -> (kind, cue's words), longest first
        self.cues: dict[str, dict[str, list[tuple[str, tuple[str, ...]]]]] = {}
        # language -> every word of its cues (the typo's targets)
        self.vocabulary: dict[str, frozenset[str]] = {}
        # language -> its cue words of TYPO_LENGTH letters or more, those a typo may be of
        self.long_words: dict[str, list[str]] = {}
        for language, by_kind in cues.items():
            found: list[tuple[str, tuple[str, ...]]] = []
            # A message's fillers are left out before its cues are read, so a cue's are too:
            # "dis-moi une blague" is "moi une blague" ("dis" is a French filler).
            left_out = self.fillers.get(language, frozenset())
            for kind, phrases in by_kind.items():
                if kind not in KINDS:
                    raise ValueError(f"{language}: smalltalk {kind!r}: one of {', '.join(KINDS)}")
                for phrase in phrases:
                    cue = tuple(
                        w if w == ANY else key(w)
                        for w in _words(str(phrase), language)
                        if w == ANY or key(w) not in left_out
                    )
                    if cue and cue[0] != ANY:
                        found.append((kind, cue))
            by_first = self.cues.setdefault(language, {})
            for kind, cue in sorted(found, key=lambda c: -len(c[1])):
                by_first.setdefault(cue[0], []).append((kind, cue))
            self.vocabulary[language] = frozenset(w for _, c in found for w in c if w != ANY)
            self.long_words[language] = sorted(
                w for w in self.vocabulary[language] if len(w) >= TYPO_LENGTH
            )

    # Keyed by a keyed word and a language, bounded as bot/nlp.py's word caches: the fuzzy
    # scan of a language's long cue words (fixed for the cues' life) is the most of a read, and
    # a running bot meets the same unknown words again and again.
    @lru_cache(maxsize=WORD_CACHE)  # noqa: B019 (one SmallTalk per bank, kept for its life)
    def _typo_of(self, k: str, language: str) -> str:
        """The one long cue word of `language` that the keyed word `k` is a typo of: one letter
        left out, added, replaced or two swapped (the optimal string alignment distance the
        speller and the name matcher use), to one word only; else `k`."""
        near = process.extract(
            k, self.long_words[language], scorer=OSA.distance, score_cutoff=1, limit=2
        )
        return near[0][0] if len(near) == 1 else k

    def read(self, folded: Sequence[str], language: str, fillers_alone: bool = True) -> str | None:
        """The kind of small talk the message's words (folded, names none) are in
        `language`, or None when a word is no cue's, no filler and no laughter of it. A
        message of fillers and laughter alone is chatter, unless not `fillers_alone` and it
        holds a filler ("no" is a Polish filler, and an English word)."""
        cues = self.cues.get(language)
        if cues is None or len(folded) > MOST_WORDS:
            return None
        fillers = self.fillers.get(language, frozenset())
        vocabulary = self.vocabulary[language]
        keyed: list[str] = []
        # Laughter that is a cue's word as well ("ahi" in "¿estás ahí?", "aha"): covered by
        # a cue or passed over as laughter, whichever covers the message.
        either: list[int] = []
        filled = False
        for word in folded:
            k = key(word)
            if k in fillers:
                filled = True
                continue
            if laughter(k):
                if k not in vocabulary:
                    continue
                either.append(len(keyed))
            if k not in vocabulary and len(k) >= TYPO_LENGTH:
                k = self._typo_of(k, language)
            keyed.append(k)
        if len(keyed) == len(either):
            return CHATTER if fillers_alone or not filled else None
        # The cover of the words by cues with the fewest cues, then the fewest words any word
        # stands for ("c'est nul" is a complaint, not "c'est _"): the kinds it holds.
        best: list[tuple[int, int, frozenset[str]] | None] = [None] * (len(keyed) + 1)
        best[0] = (0, 0, frozenset())
        for start in range(len(keyed)):
            here = best[start]
            if here is None:
                continue
            if start in either:
                known = best[start + 1]
                if known is None or here[:2] < known[:2]:
                    best[start + 1] = here
            for kind, cue in cues.get(keyed[start], ()):
                end = start + len(cue)
                if end > len(keyed) or any(
                    c != ANY and c != w for c, w in zip(cue, keyed[start:end], strict=True)
                ):
                    continue
                step = (here[0] + 1, here[1] + cue.count(ANY), here[2] | {kind})
                known = best[end]
                if known is None or step[:2] < known[:2]:
                    best[end] = step
        last = best[-1]
        if last is None:
            return None
        return next(kind for kind in KINDS if kind in last[2])


def _words(phrase: str, language: str) -> list[str]:
    """A cue's words, `ANY` where it holds "_"."""
    parts = phrase.split(ANY)
    found = words(parts[0], language)
    for part in parts[1:]:
        found += [ANY, *words(part, language)]
    return found
