#!/usr/bin/env python3
"""Answer quality of the question engine, against the targets and a plain FTS5 baseline.

(a) Cross-validation over the question bank (data/questions, plus the FAQ entries' questions):
the bank's phrasings are split into K folds (a phrasing goes with all its fillings and
spellings); a model trained on K-1 folds (bot/train.py, in this process) classifies the
held-out fold. Prints the intent accuracy overall and per language, the language classifier's
accuracy, and a sweep of the confidence threshold (accuracy when a held-out phrasing below the
threshold counts as a fallback: right for out_of_scope, wrong otherwise), with the confidence
computed as the bot does (lowered by the share of words the training folds never used).

(b) Tuning sets in JSONL, one object a line:

    {"id": ..., "text": ..., "language_code": ..., "expect_language": "de",
     "must": ["regex", ...], "must_not": ["regex", ...], "fallback": false}

through `QuestionAnswerer.answer(text, user_language)`, built as the bot builds it
(bot.app.application.open_answerer on a fresh temporary database seeded from data/). The user
language is bot.i18n.negotiate(language_code), else "de". An item is correct when the answer
is in `expect_language`, falls back exactly when `fallback` says so, and, for an answerable
item, every `must` regex matches (re.search) the lower-cased plain text of the answer and no
`must_not` regex (optional) does. Per set: accuracy per expected language, overall accuracy,
answer-language accuracy, fallback precision and recall (positive class: fallback), the
fallback rate on answerable questions, the same figures for a BASELINE (SQLite FTS5 bm25 over
the same entries, answering in the user's Telegram language, falling back only when nothing
matches), the ratio engine/baseline, the targets with PASS/FAIL, and a sweep of the confidence
threshold (how bot.qa.CONFIDENCE_THRESHOLD is calibrated).

(c) `--sealed FILE`: a sealed test set, written before tuning and never looked at item by
item: only aggregate figures are printed (never an item), with the gap to the tuning figure
(bench/qa_set.jsonl's overall accuracy, run in the same process). --show-failures is refused.

`--events-fixture FILE` inserts events into the temporary database before the run, so that
"what is coming up?" has something to find: a JSON list of {"id", "city", "topic",
"title": {lang: ...}, "description": {lang: ...}, "start_in_days": N, "duration_hours": H,
"venue", "timezone"}.

Run from the repository root:

    python bench/qa_eval.py                  # CV, ../shared/eval/qa_dev.jsonl, bench/qa_set.jsonl
    python bench/qa_eval.py --show-failures  # also list every wrong answer of the tuning sets
    python bench/qa_eval.py --cv 0 my_set.jsonl          # other sets, no cross-validation
    python bench/qa_eval.py --cv 0 --sealed sealed.jsonl # aggregate figures only

It is a benchmark, not a test: the exit code is 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def use_repository() -> None:
    """Import `bot` from this checkout even when partnerbot is not installed."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))


DEV_SET = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "qa_dev.jsonl"
BENCH_SET = REPO / "bench" / "qa_set.jsonl"
DEFAULT_LANGUAGE = "de"


def _registry_order() -> tuple[str, ...]:
    use_repository()
    from bot.languages import REGISTRY

    return tuple(REGISTRY)


LANGUAGE_ORDER = _registry_order()

# The targets.
TARGET_CORRECT = 0.95
TARGET_LANGUAGE = 0.99
TARGET_RECALL = 0.95
TARGET_ANSWERABLE_FALLBACK = 0.02

SWEEP = [round(0.40 + 0.02 * i, 2) for i in range(21)]  # 0.40 .. 0.80
# The cross-validation's sweep reaches lower: the threshold is chosen from it.
CV_SWEEP = [round(0.10 + 0.05 * i, 2) for i in range(15)]  # 0.10 .. 0.80


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    language_code: str
    expect_language: str
    must: tuple[str, ...]
    fallback: bool
    must_not: tuple[str, ...] = ()
    category: str = ""


@dataclass
class Outcome:
    """What a system answered to one item, and whether that was right."""

    item: Item
    language: str
    fallback: bool
    text: str  # plain text
    confidence: float = 0.0
    entry: str | None = None
    correct: bool = False
    error: str | None = None


def read_set(path: Path) -> list[Item]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            items.append(
                Item(
                    id=str(data.get("id") or f"{path.name}:{number}"),
                    text=data["text"],
                    language_code=data.get("language_code") or "",
                    expect_language=data["expect_language"],
                    must=tuple(data.get("must") or ()),
                    fallback=bool(data["fallback"]),
                    must_not=tuple(data.get("must_not") or ()),
                    category=str(data.get("category") or ""),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            print(f"warning: {path}:{number}: skipped, not a valid item ({exc})")
    return items


def judge(outcome: Outcome) -> Outcome:
    item = outcome.item
    plain = outcome.text.lower()
    outcome.correct = (
        outcome.error is None
        and outcome.language == item.expect_language
        and outcome.fallback == item.fallback
        and (item.fallback or all(re.search(pattern, plain) for pattern in item.must))
        and not any(re.search(pattern, plain) for pattern in item.must_not)
    )
    return outcome


# ---- the systems ----------------------------------------------------------------------------


def user_language(code: str, default: str) -> str:
    from bot.i18n import negotiate

    return negotiate(code) or default


async def ask_engine(qa, items: list[Item], default: str) -> list[Outcome]:
    from bot.render import to_plain

    outcomes = []
    for item in items:
        language = user_language(item.language_code, default)
        try:
            answer = await qa.answer(item.text, language)
        except Exception as exc:  # a crash is a wrong answer, and worth seeing
            outcome = Outcome(item, "-", False, "", error=f"{type(exc).__name__}: {exc}")
        else:
            outcome = Outcome(
                item,
                answer.language,
                answer.fallback,
                to_plain(answer),
                answer.confidence,
                answer.entry,
            )
        outcomes.append(judge(outcome))
    return outcomes


async def ask_engine_unthresholded(qa, items: list[Item], default: str) -> list[Outcome]:
    """The engine with its confidence threshold switched off (for the sweep): every answer it
    would give at some threshold, with the confidence it would be compared against."""
    import bot.qa

    saved = bot.qa.CONFIDENCE_THRESHOLD
    bot.qa.CONFIDENCE_THRESHOLD = float("-inf")
    try:
        return await ask_engine(qa, items, default)
    finally:
        bot.qa.CONFIDENCE_THRESHOLD = saved


class Fts5Baseline:
    """Plain SQLite FTS5 bm25 over the same entries: the top row in the user's language."""

    def __init__(self, conn: sqlite3.Connection, rows: int):
        self.conn = conn
        self.rows = rows

    @classmethod
    async def build(cls, db) -> Fts5Baseline:
        conn = sqlite3.connect(":memory:")
        conn.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(body, lang UNINDEXED, doc UNINDEXED, "
            "answer UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
        )
        rows = []
        for r in await db.fetchall(
            "SELECT faq_id, language, answer, questions, keywords FROM faq_texts"
        ):
            body = " ".join([*json.loads(r[3]), *map(str, json.loads(r[4])), r[2]])
            rows.append((body, r[1], f"faq:{r[0]}", r[2]))
        for r in await db.fetchall(
            "SELECT city_id, language, name, country, region, profile FROM city_texts"
        ):
            rows.append((" ".join([r[2], r[3], r[4], r[5]]), r[1], f"city:{r[0]}", r[5]))
        for r in await db.fetchall(
            "SELECT t.organisation_id, t.language, o.name, t.description "
            "FROM organisation_texts t JOIN organisations o ON o.id = t.organisation_id"
        ):
            rows.append((f"{r[2]} {r[3]}", r[1], f"org:{r[0]}", r[3]))
        conn.executemany("INSERT INTO docs (body, lang, doc, answer) VALUES (?, ?, ?, ?)", rows)
        conn.commit()
        return cls(conn, len(rows))

    def answer(self, question: str, language: str) -> tuple[str | None, str | None]:
        """(entry, answer text) of the best row, or (None, None) when nothing matches."""
        tokens = dict.fromkeys(re.findall(r"\w+", question))
        if not tokens:
            return None, None
        query = " OR ".join('"' + token.replace('"', '""') + '"' for token in tokens)
        row = self.conn.execute(
            "SELECT doc, answer FROM docs WHERE docs MATCH ? AND lang = ? "
            "ORDER BY bm25(docs) LIMIT 1",
            (query, language),
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def ask(self, items: list[Item], default: str) -> list[Outcome]:
        outcomes = []
        for item in items:
            language = user_language(item.language_code, default)
            entry, text = self.answer(item.text, language)
            outcomes.append(judge(Outcome(item, language, text is None, text or "", 0.0, entry)))
        return outcomes


# ---- figures --------------------------------------------------------------------------------


@dataclass
class Ratio:
    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        if not self.total:
            return "n/a"
        return f"{100 * self.hits / self.total:5.1f} % ({self.hits}/{self.total})"


def figures(outcomes: list[Outcome]) -> dict[str, Ratio]:
    out_of_scope = [o for o in outcomes if o.item.fallback]
    answerable = [o for o in outcomes if not o.item.fallback]
    given = [o for o in outcomes if o.fallback]
    return {
        "correct": Ratio(sum(o.correct for o in outcomes), len(outcomes)),
        "language": Ratio(
            sum(o.language == o.item.expect_language for o in outcomes), len(outcomes)
        ),
        "precision": Ratio(sum(o.item.fallback for o in given), len(given)),
        "recall": Ratio(sum(o.fallback for o in out_of_scope), len(out_of_scope)),
        "answerable_fallback": Ratio(sum(o.fallback for o in answerable), len(answerable)),
    }


def per_language(outcomes: list[Outcome]) -> dict[str, Ratio]:
    languages = sorted(
        {o.item.expect_language for o in outcomes},
        key=lambda lang: (LANGUAGE_ORDER.index(lang) if lang in LANGUAGE_ORDER else 99, lang),
    )
    return {
        lang: Ratio(
            sum(o.correct for o in outcomes if o.item.expect_language == lang),
            sum(o.item.expect_language == lang for o in outcomes),
        )
        for lang in languages
    }


def per_category(outcomes: list[Outcome]) -> dict[str, Ratio]:
    """Correct per item category (the sets' `category`), for sets that have one."""
    categories = sorted({o.item.category for o in outcomes if o.item.category})
    return {
        category: Ratio(
            sum(o.correct for o in outcomes if o.item.category == category),
            sum(o.item.category == category for o in outcomes),
        )
        for category in categories
    }


def verdict(value: float | None, target: float, at_least: bool) -> str:
    if value is None:
        return "n/a"
    ok = value >= target if at_least else value <= target
    return "PASS" if ok else "FAIL"


def sweep_row(
    answered: list[Outcome], rescored: list[Outcome], threshold: float
) -> tuple[Ratio, Ratio, Ratio, Ratio, Ratio]:
    """Fallback recall and answerable-fallback rate at `threshold`:
    from the answers as given (fallbacks stay fallbacks; others fall back below the
    threshold), and from the unthresholded engine (also accuracy, exactly)."""

    def rates(fell: list[bool], items: list[Item]) -> tuple[Ratio, Ratio]:
        oos = [f for f, i in zip(fell, items, strict=True) if i.fallback]
        ans = [f for f, i in zip(fell, items, strict=True) if not i.fallback]
        return Ratio(sum(oos), len(oos)), Ratio(sum(ans), len(ans))

    items = [o.item for o in answered]
    fell = [o.fallback or o.confidence < threshold for o in answered]
    recall, answerable = rates(fell, items)
    fell_raw = [o.fallback or o.confidence < threshold for o in rescored]
    raw_recall, raw_answerable = rates(fell_raw, items)
    correct = 0
    for outcome, fb in zip(rescored, fell_raw, strict=True):
        if fb:
            correct += outcome.error is None and (
                outcome.language == outcome.item.expect_language and outcome.item.fallback
            )
        else:
            correct += outcome.correct
    return recall, answerable, raw_recall, raw_answerable, Ratio(correct, len(rescored))


def _pct(ratio: Ratio) -> str:
    return "  n/a" if ratio.value is None else f"{100 * ratio.value:5.1f}"


def report_set(
    name: str,
    engine: list[Outcome],
    rescored: list[Outcome],
    baseline: list[Outcome],
    threshold: float,
    show_failures: bool,
) -> None:
    answerable = sum(not o.item.fallback for o in engine)
    print()
    print("=" * 100)
    print(
        f"{name}: {len(engine)} questions ({answerable} answerable, "
        f"{len(engine) - answerable} out of scope)"
    )
    print("=" * 100)

    print()
    print(f"{'correct, by expected language':<32} {'engine':<22} {'baseline':<22}")
    base_lang = per_language(baseline)
    for lang, ratio in per_language(engine).items():
        print(f"  {lang:<30} {ratio!s:<22} {base_lang[lang]!s:<22}")
    categories = per_category(engine)
    if categories:
        base_categories = per_category(baseline)
        print(f"{'correct, by category':<32}")
        for category, ratio in categories.items():
            print(f"  {category:<30} {ratio!s:<22} {base_categories[category]!s:<22}")

    e, b = figures(engine), figures(baseline)
    rows = [
        ("correct (overall)", "correct", f">= {TARGET_CORRECT:.0%}", TARGET_CORRECT, True),
        (
            "answer in the right language",
            "language",
            f">= {TARGET_LANGUAGE:.0%}",
            TARGET_LANGUAGE,
            True,
        ),
        ("fallback precision", "precision", "", None, True),
        (
            "fallback recall (out of scope)",
            "recall",
            f">= {TARGET_RECALL:.0%}",
            TARGET_RECALL,
            True,
        ),
        (
            "fallback on answerable",
            "answerable_fallback",
            f"<= {TARGET_ANSWERABLE_FALLBACK:.0%}",
            TARGET_ANSWERABLE_FALLBACK,
            False,
        ),
    ]
    print()
    print(
        f"{'figure':<32} {'engine':<22} {'baseline':<22} {'eng/base':>8}   {'target':<8} {'engine'}"
    )
    print("-" * 100)
    for label, key, target_text, target, at_least in rows:
        ratio = ""
        if key == "correct":
            ev, bv = e[key].value, b[key].value
            ratio = "n/a" if not bv else f"{ev / bv:.2f}x"
        result = verdict(e[key].value, target, at_least) if target is not None else ""
        print(f"{label:<32} {e[key]!s:<22} {b[key]!s:<22} {ratio:>8}   {target_text:<8} {result}")
    errors = [o for o in engine if o.error]
    if errors:
        print(f"\n!! the engine raised on {len(errors)} question(s); see --show-failures")

    print()
    print(f"Threshold sweep (current CONFIDENCE_THRESHOLD = {threshold:.2f})")
    print(
        "  'as answered': the answers above, falling back also when confidence < threshold "
        "(fallbacks stay fallbacks,\n  so below the current threshold it cannot show fewer "
        "fallbacks). 're-scored': the engine rerun with its\n  threshold off, each answer "
        "falling back when its confidence < threshold (exact at any threshold)."
    )
    print(f"  {'thresh':>6} | {'as answered':^23} | {'re-scored':^34}")
    print(
        f"  {'':>6} | {'recall':>10} {'ans. fb':>10}  | {'recall':>10} {'ans. fb':>10} "
        f"{'correct':>10}  |"
    )
    for t in SWEEP:
        recall, ans_fb, raw_recall, raw_ans_fb, correct = sweep_row(engine, rescored, t)
        meets = (
            raw_recall.value is not None
            and raw_recall.value >= TARGET_RECALL
            and (raw_ans_fb.value or 0) <= TARGET_ANSWERABLE_FALLBACK
        )
        marks = []
        if abs(t - threshold) < 1e-9:
            marks.append("<- current")
        if meets:
            marks.append("meets both fallback targets")
        print(
            f"  {t:>6.2f} | {_pct(recall):>10} {_pct(ans_fb):>10}  | {_pct(raw_recall):>10} "
            f"{_pct(raw_ans_fb):>10} {_pct(correct):>10}  | {', '.join(marks)}"
        )
    mismatched = [
        a.item.id
        for a, r in zip(engine, rescored, strict=True)
        if a.fallback != (r.fallback or r.confidence < threshold)
    ]
    if mismatched:
        print(
            f"  note: the re-scored run disagrees with the answers at the current threshold on "
            f"{len(mismatched)} item(s): {', '.join(mismatched[:8])}"
        )

    if show_failures:
        wrong = [o for o in engine if not o.correct]
        print()
        print(f"Engine failures ({len(wrong)})")
        for o in wrong:
            item = o.item
            expected = f"lang={item.expect_language} fallback={str(item.fallback).lower()}"
            if not item.fallback and item.must:
                expected += " must=" + " & ".join(f"/{m}/" for m in item.must)
            print(f"- {item.id}  [{item.language_code or '-'}] {item.text}")
            print(f"    expected: {expected}")
            if o.error:
                print(f"    got:      ERROR {o.error}")
                continue
            missing = [m for m in item.must if not re.search(m, o.text.lower())]
            unwanted = [m for m in item.must_not if re.search(m, o.text.lower())]
            print(
                f"    got:      lang={o.language} fallback={str(o.fallback).lower()} "
                f"entry={o.entry} confidence={o.confidence:.2f}"
                + (f" missing=/{'/, /'.join(missing)}/" if missing and not o.fallback else "")
                + (f" must_not=/{'/, /'.join(unwanted)}/" if unwanted else "")
            )
            snippet = " ".join(o.text.split())[:120]
            print(f"    answer:   {snippet}")


# ---- (a) cross-validation over the bank ---------------------------------------------------


@dataclass(frozen=True)
class Held:
    """A held-out phrasing of the cross-validation, as the bot would have read it."""

    language: str
    truth: str
    predicted: str
    confidence: float
    phrasing: int = 0  # the phrasing's checksum (bot.understanding.training_payload)
    fold: int = -1


def phrasing_folds(examples: list[dict], folds: int, seed: int = 0) -> dict[int, int]:
    """Each group's fold, from its phrasing's checksum rather than its position: a phrasing
    added to or removed from the bank moves no other phrasing to another fold, so two banks'
    figures differ by what changed, not by a reshuffle (dealing by position moved balanced
    accuracy by half a point for eight added phrasings). Seed 0 deals by the checksum itself
    (the folds every figure before round 17 was measured on); another seed deals by a hash of
    seed and checksum, an independent draw of the folds that keeps the same property, so that
    the spread over seeds says how much of a difference is the draw."""
    if seed == 0:
        return {e["group"]: e["phrasing"] % folds for e in examples}
    return {e["group"]: _seeded(seed, e["phrasing"]) % folds for e in examples}


def _seeded(seed: int, checksum: int) -> int:
    digest = hashlib.blake2b(f"{seed}\t{checksum}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def cv_predictions(
    payload: dict,
    folds: int,
    analyzer=None,
    c: float | None = None,
    fitted: dict | None = None,
    seed: int = 0,
) -> list[Held]:
    """K-fold cross-validation of the intent classifier on the bank, a phrasing's variants
    kept in one fold (`phrasing_folds`, drawn with `seed`). Uses bot/train.py in this process
    (a benchmark may import scikit-learn); `analyzer` and `c` default to the bot's. `fitted`
    keeps each fold's model and FAQ index for another run that only changes how they are read
    (bench/qa_models.py)."""
    import bot.train as train_module
    import bot.understanding as understanding
    from bot.nlp import features

    analyzer = analyzer or features
    c = train_module.INTENT_C if c is None else c
    examples = train_module.labelled(payload["intents"], c)
    meta = {(e["doc"], e["group"]): e for e in payload["intents"]}
    fold_of = phrasing_folds(payload["intents"], folds, seed)
    results = []
    for fold in range(folds):
        train = [e for e in examples if fold_of[e[2]] != fold]
        test = [e for e in examples if fold_of[e[2]] == fold]
        if fitted is not None and fold in fitted:
            model, index = fitted[fold]
        else:
            model = train_module.calibrated(train, analyzer, c)
            questions = [
                (d, meta[(d, g)]) for d, _, g in train if meta.get((d, g), {}).get("entry")
            ]
            index = train_module.faq_index(
                model,
                [(d, e["entry"]) for d, e in questions],
                [e.get("language", "") for _, e in questions],
            )
            if fitted is not None:
                fitted[fold] = model, index
        for doc, label, group in test:
            example = meta.get((doc, group), {})
            # As the bot reads a question (bot.understanding.Understander): an intent's family
            # sharing its confidence, the unknown-word share of the question as written.
            vector = model.vector(doc)
            ranked = model.ranked(vector)
            predicted = ranked[0][0]
            family = next((f for f in understanding.FAMILIES if predicted in f), {predicted})
            confidence = sum(p for intent, p in ranked if intent in family)
            confidence *= understanding.known_share(model, doc) ** understanding.UNKNOWN_PENALTY
            truth = label
            if label == train_module.FAQ:
                truth = f"faq.{example.get('entry')}"
            if predicted == train_module.FAQ:
                closest = index.top(vector, 1)
                entry, similarity = closest[0] if closest else (None, 0.0)
                predicted = f"faq.{entry}"
                if similarity < understanding.FAQ_MIN_SIMILARITY:
                    confidence = 0.0
            results.append(
                Held(
                    example.get("language", "-"),
                    truth,
                    predicted,
                    confidence,
                    example.get("phrasing", 0),
                    fold,
                )
            )
    return results


def cv_language_accuracy(payload: dict, folds: int, seed: int = 0) -> Ratio:
    from bot.nlp import language_features
    from bot.train import LANGUAGE_C, calibrated, labelled

    spoken = labelled(payload["languages"])
    language_fold = phrasing_folds(payload["languages"], folds, seed)
    language_hits = 0
    for fold in range(folds):
        train = [e for e in spoken if language_fold[e[2]] != fold]
        model = calibrated(train, language_features, LANGUAGE_C)
        language_hits += sum(
            model.ranked(d)[0][0] == label for d, label, g in spoken if language_fold[g] == fold
        )
    return Ratio(language_hits, len(spoken))


@dataclass(frozen=True)
class CvFigures:
    right: Ratio  # answered right, or out of scope and fallen back
    recall: Ratio  # out-of-scope phrasings that fall back
    answerable_fallback: Ratio
    answerable_right: Ratio

    @property
    def balanced(self) -> float:
        """The mean of the answerable phrasings answered right and the out-of-scope ones
        fallen back: the bank's share of out-of-scope phrasings (about 7 %) is no estimate of
        how many questions the bot should refuse, so neither class outweighs the other."""
        return ((self.answerable_right.value or 0.0) + (self.recall.value or 0.0)) / 2


def cv_at(results: list[Held], threshold: float) -> CvFigures:
    """The cross-validation's figures when a held-out phrasing below `threshold` falls back:
    right for out_of_scope, wrong otherwise."""
    from bot.understanding import OUT_OF_SCOPE

    oos = oos_fb = answerable = answerable_fb = answerable_right = 0
    for r in results:
        falls = r.predicted == OUT_OF_SCOPE or r.confidence < threshold
        if r.truth == OUT_OF_SCOPE:
            oos += 1
            oos_fb += falls
        else:
            answerable += 1
            answerable_fb += falls
            answerable_right += not falls and r.predicted == r.truth
    return CvFigures(
        Ratio(answerable_right + oos_fb, len(results)),
        Ratio(oos_fb, oos),
        Ratio(answerable_fb, answerable),
        Ratio(answerable_right, answerable),
    )


def cv_best_threshold(results: list[Held]) -> float:
    """The threshold of the sweep with the best balanced figure (`CvFigures.balanced`)."""
    return max(CV_SWEEP, key=lambda t: (cv_at(results, t).balanced, -t))


def phrasing_checksums(bank_directory: Path) -> set[int]:
    """The checksums of a bank's phrasings, as bot.understanding.training_payload stores them
    in each example's "phrasing"."""
    from bot.understanding import Bank

    return {
        zlib.crc32(f"{language}\t{intent}\t{phrasing}".encode())
        for language, intent, phrasing in Bank.load(bank_directory).phrasings
    }


def cross_validate(
    payload: dict,
    folds: int,
    threshold: float,
    seed: int = 0,
    dump: Path | None = None,
    added: set[int] | None = None,
) -> CvSeed:
    """Prints the cross-validation's figures for the folds drawn with `seed`; returns the
    intent accuracy and the balanced figure at `threshold`, also without the held-out examples
    of the `added` phrasings (checksums) when given. With `dump`, appends every held-out example
    to it as a JSON line (seed, fold, phrasing checksum, truth, prediction, confidence)."""
    started = time.perf_counter()
    results = cv_predictions(payload, folds, seed=seed)
    if dump is not None:
        with dump.open("a", encoding="utf-8") as out:
            for r in results:
                out.write(json.dumps({"seed": seed, **r.__dict__}, ensure_ascii=False) + "\n")
    language = cv_language_accuracy(payload, folds, seed)
    print()
    print("=" * 100)
    print(
        f"(a) {folds}-fold cross-validation over the question bank (fold seed {seed}): "
        f"{len({g['group'] for g in payload['intents']})} phrasings, "
        f"{len(results)} examples with their fillings and spellings"
    )
    print("=" * 100)
    hits = Ratio(sum(r.truth == r.predicted for r in results), len(results))
    print(f"{'intent accuracy (best intent = truth)':<44} {hits!s}")
    for lang in LANGUAGE_ORDER:
        rows = [r for r in results if r.language == lang]
        print(f"  {lang:<42} {Ratio(sum(r.truth == r.predicted for r in rows), len(rows))!s}")
    print(f"{'language classifier accuracy':<44} {language!s}")
    print()
    print("  threshold sweep: below the threshold a held-out phrasing falls back (right for")
    print("  out_of_scope, wrong otherwise)")
    print(
        f"  {'thresh':>6} | {'right':>8} {'oos recall':>11} {'ans. fb':>8} {'ans. right':>10} "
        f"{'balanced':>9}"
    )
    best = cv_best_threshold(results)
    for t in CV_SWEEP:
        f = cv_at(results, t)
        marks = []
        if abs(t - threshold) < 1e-9:
            marks.append("<- current")
        if abs(t - best) < 1e-9:
            marks.append("<- best balanced")
        print(
            f"  {t:>6.2f} | {_pct(f.right):>7}% {_pct(f.recall):>10}% "
            f"{_pct(f.answerable_fallback):>7}% {_pct(f.answerable_right):>9}% "
            f"{100 * f.balanced:>8.1f}%  {', '.join(marks)}"
        )
    print(f"  (cross-validation time {time.perf_counter() - started:.1f} s)")
    shared = None
    if added is not None:
        shared = cv_at([r for r in results if r.phrasing not in added], threshold).balanced
    return CvSeed(seed, hits, cv_at(results, threshold).balanced, shared)


@dataclass(frozen=True)
class CvSeed:
    """One draw of the folds: its seed, intent accuracy and balanced figure at the threshold."""

    seed: int
    intent: Ratio
    balanced: float
    balanced_shared: float | None = None  # on the phrasings the other bank also holds


def report_cv_seeds(runs: list[CvSeed], threshold: float) -> None:
    """One line per seed, in a fixed form to compare two trees seed by seed, then the mean and
    the standard deviation over the seeds: the noise of the folds' draw."""
    print()
    print(f"cross-validation by fold seed (balanced at the threshold {threshold:.2f}):")
    for run in runs:
        shared = ""
        if run.balanced_shared is not None:
            shared = f", on the shared phrasings {100 * run.balanced_shared:.2f} %"
        print(
            f"  cv-seed {run.seed}: intent {100 * (run.intent.value or 0.0):.2f} % "
            f"({run.intent.hits}/{run.intent.total}), balanced {100 * run.balanced:.2f} %" + shared
        )
    if len(runs) > 1:
        rows = [
            ("intent", [100 * (r.intent.value or 0.0) for r in runs]),
            ("balanced", [100 * r.balanced for r in runs]),
        ]
        if runs[0].balanced_shared is not None:
            rows.append(("shared", [100 * (r.balanced_shared or 0.0) for r in runs]))
        for name, values in rows:
            print(
                f"  {name} over {len(runs)} seeds: mean {statistics.mean(values):.2f} %, "
                f"sd {statistics.stdev(values):.2f}, range {min(values):.2f} … {max(values):.2f}"
            )


# ---- events fixture -------------------------------------------------------------------------


async def insert_events(db, events: list[dict], now: datetime | None = None) -> int:
    """The fixture's events, published, starting `start_in_days` from `now` (default: now)."""
    from datetime import UTC, timedelta

    now = now or datetime.now(UTC).replace(microsecond=0)
    async with db.transaction() as conn:
        for event in events:
            start = now + timedelta(days=float(event["start_in_days"]))
            end = start + timedelta(hours=float(event.get("duration_hours") or 2))
            await conn.execute(
                "INSERT INTO events (id, city_id, topic, starts_at, ends_at, timezone, venue, "
                "origin, created_at, published_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'admin', ?, ?, ?)",
                (
                    event["id"],
                    event["city"],
                    event["topic"],
                    start.isoformat(),
                    end.isoformat(),
                    event.get("timezone") or "Europe/Berlin",
                    event.get("venue"),
                    now.isoformat(),
                    now.isoformat(),
                    now.isoformat(),
                ),
            )
            # A fixture may carry languages the bot does not speak yet: only ours are stored.
            for language, title in event["title"].items():
                if language not in LANGUAGE_ORDER:
                    continue
                await conn.execute(
                    "INSERT INTO event_texts (event_id, language, title, description) "
                    "VALUES (?, ?, ?, ?)",
                    (
                        event["id"],
                        language,
                        title,
                        (event.get("description") or {}).get(language, ""),
                    ),
                )
    return len(events)


# ---- (c) the sealed set ---------------------------------------------------------------------


def report_sealed(name: str, engine: list[Outcome], tuning: float | None) -> None:
    """Aggregate figures only: nothing that shows an item."""
    f = figures(engine)
    print()
    print("=" * 100)
    print(f"(c) sealed set {name}: {len(engine)} questions (aggregate figures only)")
    print("=" * 100)
    print(f"{'correct (overall)':<36} {f['correct']!s}")
    for language, ratio in per_language(engine).items():
        print(f"  {'expected ' + language:<34} {ratio!s}")
    for category, ratio in per_category(engine).items():
        print(f"  {'category ' + category:<34} {ratio!s}")
    answer_languages = sorted({o.language for o in engine})
    for language in answer_languages:
        rows = [o for o in engine if o.language == language]
        print(
            f"  {'answered in ' + language:<34} {Ratio(sum(o.correct for o in rows), len(rows))!s}"
        )
    print(f"{'answer in the right language':<36} {f['language']!s}")
    print(f"{'fallback precision':<36} {f['precision']!s}")
    print(f"{'fallback recall (out of scope)':<36} {f['recall']!s}")
    print(f"{'fallback on answerable':<36} {f['answerable_fallback']!s}")
    if tuning is not None and f["correct"].value is not None:
        gap = 100 * (tuning - f["correct"].value)
        print(f"{'gap to the tuning set (points)':<36} {gap:+.1f} (tuning {100 * tuning:.1f} %)")


async def run(args) -> int:
    import logging

    logging.basicConfig(level=logging.WARNING)
    from bot.app.application import open_answerer
    from bot.db import Database
    from bot.i18n import Catalogs
    from bot.qa import CONFIDENCE_THRESHOLD
    from bot.resources import locales_dir

    if args.sets:
        paths = [Path(p) for p in args.sets]
    elif args.sealed:
        paths = []
    else:
        paths = []
        if DEV_SET.exists():
            paths.append(DEV_SET)
        else:
            print(f"note: {DEV_SET} not found, skipped")
        paths.append(BENCH_SET)
    sets = []
    for path in paths:
        if not path.exists():
            print(f"note: {path} not found, skipped")
            continue
        items = read_set(path)
        if items:
            sets.append((path, items))

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="qa-eval-") as tmp:
        db = await Database.open(Path(tmp) / "eval.sqlite3")
        try:
            qa = await open_answerer(db, Catalogs.load(locales_dir()))
            if args.events:
                count = await insert_events(db, args.events)
                print(f"events fixture: {count} events inserted")
            baseline = await Fts5Baseline.build(db)
            entries = [
                await db.scalar(f"SELECT count(*) FROM {table}")
                for table in ("faq", "cities", "organisations")
            ]
            print(
                f"knowledge base: {entries[0]} FAQ entries, {entries[1]} cities, "
                f"{entries[2]} organisations; baseline: {baseline.rows} FTS5 rows; "
                f"user language: negotiate(language_code) or {args.default_language!r}; "
                f"confidence threshold {CONFIDENCE_THRESHOLD:.2f}"
            )
            if args.cv > 1:
                from bot.understanding import Bank, bank_dir, training_payload

                payload = training_payload(
                    qa.understander.reader, Bank.load(bank_dir()), args.fill_seed
                )
                if args.fill_seed:
                    print(f"bank fillings drawn with seed {args.fill_seed} (the bot's: 0)")
                dump = Path(args.cv_dump) if args.cv_dump else None
                added = None
                if args.cv_shared_with:
                    added = phrasing_checksums(bank_dir()) - phrasing_checksums(
                        Path(args.cv_shared_with)
                    )
                    print(f"{len(added)} phrasings not in {args.cv_shared_with}")
                runs = [
                    cross_validate(payload, args.cv, CONFIDENCE_THRESHOLD, seed, dump, added)
                    for seed in args.cv_seed or [0]
                ]
                report_cv_seeds(runs, CONFIDENCE_THRESHOLD)
            for path, items in sets:
                shown = path.resolve()
                try:
                    shown = shown.relative_to(REPO)
                except ValueError:
                    pass
                engine = await ask_engine(qa, items, args.default_language)
                rescored = await ask_engine_unthresholded(qa, items, args.default_language)
                base = baseline.ask(items, args.default_language)
                report_set(
                    f"(b) {shown}",
                    engine,
                    rescored,
                    base,
                    CONFIDENCE_THRESHOLD,
                    args.show_failures,
                )
            if args.sealed:
                tuning = figures(await ask_engine(qa, read_set(BENCH_SET), args.default_language))
                for sealed_path in args.sealed:
                    sealed = read_set(Path(sealed_path))
                    engine = await ask_engine(qa, sealed, args.default_language)
                    report_sealed(Path(sealed_path).name, engine, tuning["correct"].value)
        finally:
            await db.close()
    print(f"\n(run time {time.perf_counter() - started:.1f} s)")
    return 0


def _quiet_stdout() -> None:
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Accuracy, answer language and fallbacks of the question engine, "
        "against the issue's targets and a plain FTS5 bm25 baseline."
    )
    parser.add_argument(
        "sets",
        nargs="*",
        metavar="JSONL",
        help="question sets (default: ../shared/eval/qa_dev.jsonl if present, "
        "and bench/qa_set.jsonl)",
    )
    parser.add_argument(
        "--show-failures", action="store_true", help="list every item the engine got wrong"
    )
    parser.add_argument(
        "--cv",
        type=int,
        default=5,
        metavar="K",
        help="K-fold cross-validation over the question bank (default 5; 0 skips it)",
    )
    parser.add_argument(
        "--cv-seed",
        type=int,
        action="append",
        metavar="N",
        help="how the cross-validation's folds are drawn: 0 (default) the folds of every "
        "figure before round 17, another N an independent draw; may be given more than once "
        "(one cross-validation per seed, then their mean and spread)",
    )
    parser.add_argument(
        "--cv-dump",
        metavar="JSONL",
        help="append every held-out example of the cross-validation to this file (seed, "
        "fold, phrasing checksum, truth, prediction, confidence)",
    )
    parser.add_argument(
        "--cv-shared-with",
        metavar="BANK_DIR",
        help="another tree's data/questions: also print balanced accuracy without the held-out "
        "phrasings that bank lacks (what a bank change does to the phrasings both banks hold)",
    )
    parser.add_argument(
        "--fill-seed",
        type=int,
        default=0,
        metavar="N",
        help="the seed that fills the bank's slots for the cross-validation (default 0, as the "
        "bot trains); another N measures how much redrawn fillings alone move the figures",
    )
    parser.add_argument(
        "--sealed",
        metavar="JSONL",
        action="append",
        help="a sealed (or blind) test set: aggregate figures only, with the gap to the "
        "tuning figure; may be given more than once",
    )
    parser.add_argument(
        "--events-fixture",
        metavar="JSON",
        help="events to insert into the temporary database before the run",
    )
    parser.add_argument(
        "--default-language",
        default=DEFAULT_LANGUAGE,
        choices=LANGUAGE_ORDER,
        help="user language when language_code is not supported (default: de)",
    )
    args = parser.parse_args(argv)
    if args.sealed and args.show_failures:
        parser.error(
            "--show-failures is not allowed with --sealed: a sealed set is never read item by item"
        )
    args.events = (
        json.loads(Path(args.events_fixture).read_text(encoding="utf-8"))
        if args.events_fixture
        else None
    )
    use_repository()
    try:
        asyncio.run(run(args))
    except BrokenPipeError:  # output piped into `head`
        _quiet_stdout()
    except Exception as exc:  # still a benchmark: say what broke, exit 0
        import traceback

        traceback.print_exc()
        print(f"\nbenchmark aborted: {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
