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
# A compliment in words of its own ("t'es un robot sympa toi", "çok zeki bir botsun", "你真聪明"):
# no list of whole cues covers the ways to praise, so it is read by its parts, each listed
# under `smalltalk:` as these keys: a word of praise ("clever", "sympa", "zeki", "聪明"), a
# word that says whom it praises, the bot ("you", "toi", "botsun", "你"), and the words a
# compliment holds besides ("a", "really", "un", "çok", "真"). Praise and whom it praises
# both, every other word one of these, a filler, laughter or a cue: chatter (or the cue's
# kind: "merci, t'es un robot sympa" thanks).
PRAISE = "praise"
PRAISED = "praise_to"
PRAISE_PLAIN = "praise_plain"
PARTS = (PRAISE, PRAISED, PRAISE_PLAIN)
# Thanks said more warmly than any cue lists ("спасибо огромное", "merci mille fois", "thanks a
# ton mate", "çok sağol kanka"): the words that may stand beside a thanks cue, intensifiers and
# the words for whom it thanks ("mate", "kanka", "бро"), listed under `smalltalk:` as this key.
# A message of thanks cues, these words, fillers and laughter, with one thanks cue at least,
# is thanks (alone, "a ton" or "kanka" thanks nobody).
THANKS_PLAIN = "thanks_plain"
# Greetings sent from a place ("pozdro z Konina", "Grüße aus Wakefield", "Konin'den selamlar",
# "来自科宁的问候"): cues with "_" where the place's name stands, listed under `smalltalk:` as this
# key. A message whose every name is so greeted from is small talk as the rest of it is (a
# greeting where nothing else is left): "thanks, greetings from Konin" thanks, and asks nothing
# of Konin.
GREETED_FROM = "greeting_from"
# What a compliment holds: praise (its own word, or a cue's: "génial", "really helpful"), and
# a word of whom it praises.
_COMPLIMENT = (frozenset({PRAISE, CHATTER, THANKS}), frozenset({PRAISED}))
# The kinds a cue stands for, and its words.
Cue = tuple[frozenset[str], tuple[str, ...]]
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
        variants: Mapping[str, Mapping[str, tuple[str, str]]] | None = None,
    ):
        self.fillers = {language: frozenset(map(key, f)) for language, f in fillers.items()}
        # language -> a chat or dialect spelling -> the one cue word it stands for (the bank's
        # `variants`: "u" is "you", "podés" "puedes"), for a word no cue uses as typed
        self.variants: dict[str, dict[str, str]] = {
            language: {
                key(variant): key(word)
                for variant, (_, word) in by_variant.items()
                if " " not in word
            }
            for language, by_variant in (variants or {}).items()
        }
        # language -> first word -> (kinds, cue's words), longest first
        self.cues: dict[str, dict[str, list[Cue]]] = {}
        # language -> every word of its cues (the typo's targets)
        self.vocabulary: dict[str, frozenset[str]] = {}
        # language -> its cue words of TYPO_LENGTH letters or more, those a typo may be of
        self.long_words: dict[str, list[str]] = {}
        # language -> first word -> (parts, words): a compliment's parts (PARTS); a word listed
        # as two parts is both ("zekisin": praise, and whom it praises)
        self.praise: dict[str, dict[str, list[Cue]]] = {}
        # language -> every word of a compliment's parts
        self.praise_words: dict[str, frozenset[str]] = {}
        # language -> first word -> (kinds, words): the words beside thanks (THANKS_PLAIN)
        self.warmth: dict[str, dict[str, list[Cue]]] = {}
        # language -> every word of those
        self.warmth_words: dict[str, frozenset[str]] = {}
        # language -> the cues of greetings from a place (GREETED_FROM), longest first
        self.greeted: dict[str, list[tuple[str, ...]]] = {}
        for language, by_kind in cues.items():
            found: list[tuple[str, tuple[str, ...]]] = []
            # A message's fillers are left out before its cues are read, so a cue's are too:
            # "dis-moi une blague" is "moi une blague" ("dis" is a French filler).
            left_out = self.fillers.get(language, frozenset())
            for kind, phrases in by_kind.items():
                if (
                    kind not in KINDS
                    and kind not in PARTS
                    and kind not in (THANKS_PLAIN, GREETED_FROM)
                ):
                    raise ValueError(
                        f"{language}: smalltalk {kind!r}: one of "
                        f"{', '.join((*KINDS, *PARTS, THANKS_PLAIN, GREETED_FROM))}"
                    )
                if kind == GREETED_FROM:
                    # Matched word for word around a name, fillers too ("pozdro" is no filler
                    # to leave out of "pozdro z _"); one "_" each.
                    greeted = self.greeted.setdefault(language, [])
                    for phrase in phrases:
                        cue = tuple(
                            w if w == ANY else key(w) for w in _words(str(phrase), language)
                        )
                        if cue.count(ANY) != 1:
                            raise ValueError(f"{language}: {GREETED_FROM} {phrase!r}: one _")
                        greeted.append(cue)
                    greeted.sort(key=len, reverse=True)
                    continue
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
                if kind not in PARTS:
                    by_first.setdefault(cue[0], []).append((frozenset({kind}), cue))
            as_parts: dict[tuple[str, ...], set[str]] = {}
            for kind, cue in found:
                if kind in PARTS:
                    as_parts.setdefault(cue, set()).add(kind)
            parts = self.praise.setdefault(language, {})
            for cue, kinds in sorted(as_parts.items(), key=lambda c: -len(c[0])):
                parts.setdefault(cue[0], []).append((frozenset(kinds), cue))
            self.praise_words[language] = frozenset(
                w for kind, c in found if kind in PARTS for w in c if w != ANY
            )
            warmth = self.warmth.setdefault(language, {})
            for kind, cue in sorted(found, key=lambda c: -len(c[1])):
                if kind == THANKS_PLAIN:
                    warmth.setdefault(cue[0], []).append((frozenset({kind}), cue))
            self.warmth_words[language] = frozenset(
                w for kind, c in found if kind == THANKS_PLAIN for w in c if w != ANY
            )
            found = [(k, cue) for k, cue in found if k not in PARTS and k != THANKS_PLAIN]
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
        variants = self.variants.get(language, {})
        keyed: list[str] = []
        # The words as typed (keyed), not taken for a typo of a cue's word: a compliment's
        # words are no cue's ("smart" is one letter from "start").
        raw: list[str] = []
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
            raw.append(k)
            if k not in vocabulary and len(k) >= TYPO_LENGTH:
                k = self._typo_of(k, language)
            keyed.append(k)
        if len(keyed) == len(either):
            return CHATTER if fillers_alone or not filled else None
        kinds = _cover(keyed, either, (cues,))
        if kinds is None and variants:
            # Chat and dialect spellings read as the cue words they stand for ("can u reply
            # in _": "u" is a cue's word too, "are u a bot"; "¿podés hablarme en _?").
            spelt = [variants.get(k, k) if i not in either else k for i, k in enumerate(keyed)]
            if spelt != keyed:
                kinds = _cover(spelt, either, (cues,))
        if kinds is None:
            kinds = self._praised(raw, either, cues, language)
        if kinds is None:
            kinds = self._thanked(keyed, raw, either, cues, language)
        if kinds is None:
            return None
        return next((kind for kind in KINDS if kind in kinds), CHATTER)

    def greeted_from(
        self, folded: Sequence[str], names: Sequence[tuple[int, int]], language: str
    ) -> frozenset[int] | None:
        """The positions of the greetings from a place the message sends (GREETED_FROM): each
        name of `names` (start, end) with the words of a cue around it, as the longest cue
        that fits; None unless every name is so greeted from."""
        cues = self.greeted.get(language)
        if not cues or not names:
            return None
        keyed = [key(w) for w in folded]
        greeted: set[int] = set()
        for start, end in names:
            for cue in cues:
                at = cue.index(ANY)
                before, after = cue[:at], cue[at + 1 :]
                first, last = start - len(before), end + len(after)
                if (
                    first >= 0
                    and last <= len(keyed)
                    and tuple(keyed[first:start]) == before
                    and tuple(keyed[end:last]) == after
                ):
                    greeted.update(range(first, last))
                    break
            else:
                return None
        return frozenset(greeted)

    def _praised(
        self,
        raw: list[str],
        either: list[int],
        cues: Mapping[str, list[Cue]],
        language: str,
    ) -> frozenset[str] | None:
        """The kinds of a message no cue covers alone that is a compliment (PARTS): covered
        by cues and a compliment's parts, with praise and a word of whom it praises."""
        parts = self.praise.get(language)
        if not parts or self.praise_words[language].isdisjoint(raw):
            return None
        # The praise may be a cue's ("génial", "really helpful": chatter, thanks).
        kinds = _cover(raw, either, (cues, parts), _COMPLIMENT)
        if kinds is None:
            return None
        # Praise beside a greeting, thanks or goodbye is that; a cue's words read as a
        # question ("t'es un robot" of "t'es un robot sympa toi") ask none beside praise.
        return (kinds & {GOODBYE, THANKS, GREETING}) or frozenset({CHATTER})

    def _thanked(
        self,
        keyed: list[str],
        raw: list[str],
        either: list[int],
        cues: Mapping[str, list[Cue]],
        language: str,
    ) -> frozenset[str] | None:
        """The kinds of a message no cue covers alone that is thanks said warmly: covered by
        cues and the words beside thanks (THANKS_PLAIN), a thanks cue among them."""
        warmth = self.warmth.get(language)
        if not warmth or self.warmth_words[language].isdisjoint(raw):
            return None
        # A word beside thanks is read as typed, not as a typo of a cue's word.
        words = [
            r if r in self.warmth_words[language] else k for k, r in zip(keyed, raw, strict=True)
        ]
        kinds = _cover(words, either, (cues, warmth), (frozenset({THANKS}),))
        if kinds is None:
            return None
        # "Thanks a lot, bye" is a goodbye, as "thanks, bye" is.
        return kinds - {THANKS_PLAIN}


def _cover(
    keyed: Sequence[str],
    either: Sequence[int],
    tables: Sequence[Mapping[str, list[Cue]]],
    needs: Sequence[frozenset[str]] = (),
) -> frozenset[str] | None:
    """The kinds of the cover of the words by the tables' cues with the fewest cues, then the
    fewest words any word stands for ("c'est nul" is a complaint, not "c'est _"), of those
    holding a kind of each of `needs`; None when there is no such cover. A word at a position
    of `either` (laughter that is a cue's word as well) may be passed over."""
    done = (1 << len(needs)) - 1
    # position -> needs met (bits) -> (cues, words any word stands for, kinds)
    best: list[dict[int, tuple[int, int, frozenset[str]]]] = [{} for _ in range(len(keyed) + 1)]
    best[0][0] = (0, 0, frozenset())

    def keep(end: int, met: int, step: tuple[int, int, frozenset[str]]) -> None:
        known = best[end].get(met)
        if known is None or step[:2] < known[:2]:
            best[end][met] = step

    for start in range(len(keyed)):
        for met, here in list(best[start].items()):
            if start in either:
                keep(start + 1, met, here)
            for table in tables:
                for kinds, cue in table.get(keyed[start], ()):
                    end = start + len(cue)
                    if end > len(keyed) or any(
                        c != ANY and c != w for c, w in zip(cue, keyed[start:end], strict=True)
                    ):
                        continue
                    now = met
                    for bit, need in enumerate(needs):
                        if not need.isdisjoint(kinds):
                            now |= 1 << bit
                    keep(end, now, (here[0] + 1, here[1] + cue.count(ANY), here[2] | kinds))
    last = best[-1].get(done)
    return None if last is None else last[2]


def _words(phrase: str, language: str) -> list[str]:
    """A cue's words, `ANY` where it holds "_"."""
    parts = phrase.split(ANY)
    found = words(parts[0], language)
    for part in parts[1:]:
        found += [ANY, *words(part, language)]
    return found
