#!/usr/bin/env python3
"""Model selection for the question engine, by figures about questions nobody tuned on.

For each variant (a classifier, its regularisation, a feature set, or one of
bot/understanding.py's hand-written rules switched off) it prints, on one line:

- the K-fold cross-validation over the bank (bench/qa_eval.py's, the bot's reading of a
  question included): best intent right, and held-out phrasings right (answered right or
  rightly fallen back) at the bot's threshold and at the threshold the cross-validation
  finds best;
- for each set given: correct, per language, answer language, fallback recall and fallback
  on answerable questions, and per category where the set has categories. Aggregates only:
  no item of any set is ever printed, so a blind set (bench/qa_select.jsonl) stays blind.

    python bench/qa_models.py [--cv K] [--variants NAME ...] [SET.jsonl[:EVENTS.json] ...]

A set may name its events fixture after a colon (bench/qa_select.jsonl:bench/qa_select_events.json);
each set gets a database of its own. Default sets: bench/qa_tune.jsonl with its events and
bench/qa_set.jsonl, plus bench/qa_select.jsonl with its events when present.
The variants are trained in this process with bot/train.py's functions (scikit-learn may be
imported by a benchmark); the bot's own model and cache are untouched. A benchmark: exit 0.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import itertools
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import qa_eval
from qa_eval import REPO, Ratio, figures, per_category, per_language

qa_eval.use_repository()

from bot.nlp import Analyzer  # noqa: E402


def _char_grams(surface: str, low: int, high: int) -> list[str]:
    result = []
    for word in surface.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if n > len(padded):
                break
            result.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return result


def _lemma_grams(lemmas: str) -> list[str]:
    tokens = lemmas.split()
    return ["w:" + t for t in tokens] + [f"b:{a} {b}" for a, b in itertools.pairwise(tokens)]


# Each variant is an Analyzer (bot/nlp.py), as the bot's model needs: the character n-grams of
# the surface words in the given range, then the document's other features.
def _surface(document: str) -> list[str]:
    return document.partition("\t")[0].split()


def _lemmas(document: str) -> str:
    return document.partition("\t")[2]


char_only = Analyzer(2, 5, lambda d: (_surface(d), []))
lemmas_only = Analyzer(2, 5, lambda d: ([], _lemma_grams(_lemmas(d))))
char_and_unigrams = Analyzer(2, 5, lambda d: (_surface(d), ["w:" + t for t in _lemmas(d).split()]))
char_3_5_and_lemmas = Analyzer(3, 5, lambda d: (_surface(d), _lemma_grams(_lemmas(d))))
char_1_6_and_lemmas = Analyzer(1, 6, lambda d: (_surface(d), _lemma_grams(_lemmas(d))))
# The bot's features plus character n-grams of the lemmas (an inflection the bank never used
# still shares its lemma's n-grams).
char_lemmas_and_lemma_chars = Analyzer(
    2,
    5,
    lambda d: (
        _surface(d),
        _lemma_grams(_lemmas(d)) + ["l" + g for g in _char_grams(_lemmas(d), 3, 5)],
    ),
)


@dataclass
class Variant:
    name: str
    # None: the bot's own
    analyzer: Analyzer | None = None
    c: float | None = None
    classifier: str = "svm"  # "svm" (LinearSVC) or "logreg" (LogisticRegression)
    balanced: bool = False
    # bot.understanding / bot.qa module constants set for the variant (rules switched off)
    rules: dict[str, object] = field(default_factory=dict)
    threshold: float | None = None  # bot.qa.CONFIDENCE_THRESHOLD; None: the bot's

    @property
    def model_key(self) -> tuple:
        return (self.analyzer, self.c, self.classifier, self.balanced)


VARIANTS = [
    Variant("bot (LinearSVC C=1, char 2-5 + lemma 1-2)"),
    Variant("svm C=0.3", c=0.3),
    Variant("svm C=0.5", c=0.5),
    Variant("svm C=2", c=2.0),
    Variant("svm balanced", balanced=True),
    Variant("logreg C=10", classifier="logreg", c=10.0),
    Variant("logreg C=30", classifier="logreg", c=30.0),
    Variant("char 2-5 only", analyzer=char_only),
    Variant("lemma 1-2 only", analyzer=lemmas_only),
    Variant("char 2-5 + lemma 1", analyzer=char_and_unigrams),
    Variant("char 3-5 + lemma 1-2", analyzer=char_3_5_and_lemmas),
    Variant("char 1-6 + lemma 1-2", analyzer=char_1_6_and_lemmas),
    Variant("+ lemma char 3-5", analyzer=char_lemmas_and_lemma_chars),
    Variant("rule off: families", rules={"FAMILIES": ()}),
    Variant("rule off: nameless small talk", rules={"NAMELESS": frozenset()}),
    Variant("rule off: unknown-word penalty", rules={"UNKNOWN_PENALTY": 0.0}),
    Variant("rule off: same question wins", rules={"FAQ_SAME_QUESTION": float("inf")}),
    Variant("rule off: named entry bonus", rules={"NAMED_ENTRY_BONUS": 0.0}),
    Variant("rule off: faq min similarity", rules={"FAQ_MIN_SIMILARITY": -1.0}),
    Variant("penalty 0.5", rules={"UNKNOWN_PENALTY": 0.5}),
    Variant("penalty 0.5, threshold 0.30", rules={"UNKNOWN_PENALTY": 0.5}, threshold=0.30),
    Variant("penalty 1, threshold 0.30", threshold=0.30),
    Variant("penalty 0, threshold 0.50", rules={"UNKNOWN_PENALTY": 0.0}, threshold=0.50),
    Variant(
        "rules off: nameless, faq min similarity",
        rules={"NAMELESS": frozenset(), "FAQ_MIN_SIMILARITY": -1.0},
    ),
]


def _fit_sklearn(variant: Variant):
    """bot.train.fit_sklearn with the variant's classifier."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    def fit_sklearn(docs, labels, analyzer, c):
        vectorizer = TfidfVectorizer(
            analyzer=analyzer, sublinear_tf=True, min_df=2, dtype=np.float32
        )
        weight = "balanced" if variant.balanced else None
        if variant.classifier == "logreg":
            classifier = LogisticRegression(C=c, max_iter=300, class_weight=weight)
        else:
            classifier = LinearSVC(C=c, random_state=0, class_weight=weight)
        classifier.fit(vectorizer.fit_transform(docs), labels)
        return vectorizer, classifier

    return fit_sklearn


@contextlib.contextmanager
def applied(variant: Variant) -> Iterator[None]:
    """The variant's training and reading, in place of the bot's, while inside."""
    import bot.qa
    import bot.train
    import bot.understanding
    from bot.nlp import features

    saved = {name: getattr(bot.understanding, name) for name in variant.rules}
    saved_threshold = bot.qa.CONFIDENCE_THRESHOLD
    saved_fit, saved_features = bot.train.fit_sklearn, bot.train.features
    try:
        for name, value in variant.rules.items():
            setattr(bot.understanding, name, value)
        if variant.threshold is not None:
            bot.qa.CONFIDENCE_THRESHOLD = variant.threshold
        bot.train.fit_sklearn = _fit_sklearn(variant)
        bot.train.features = variant.analyzer or features
        yield
    finally:
        for name, value in saved.items():
            setattr(bot.understanding, name, value)
        bot.qa.CONFIDENCE_THRESHOLD = saved_threshold
        bot.train.fit_sklearn, bot.train.features = saved_fit, saved_features


def understander_for(base, payload: dict, variant: Variant, trained: dict):
    """The bot's understander with the variant's intent model and FAQ index (`trained`
    keeps them for variants that only read differently)."""
    import bot.train
    from bot.nlp import features
    from bot.understanding import OfficeIndex

    if variant.model_key not in trained:
        analyzer = variant.analyzer or features
        c = bot.train.INTENT_C if variant.c is None else variant.c
        model = bot.train.calibrated(bot.train.labelled(payload["intents"], c), analyzer, c)
        questions = [e for e in payload["intents"] if e.get("entry")] + payload.get("index", [])
        entries = [(e["doc"], e["entry"]) for e in questions]
        spoken = [e.get("language", "") for e in questions]
        trained[variant.model_key] = model, bot.train.faq_index(model, entries, spoken)
    model, index = trained[variant.model_key]
    understander = copy.copy(base)
    understander.intents = model
    understander.faq = index
    understander.office = OfficeIndex(base.reader, model)
    return understander


@dataclass
class Target:
    path: Path
    events: Path | None
    items: list = field(default_factory=list)
    qa: object = None


def _pct(ratio: Ratio) -> str:
    return "  n/a" if ratio.value is None else f"{100 * ratio.value:5.1f}"


async def evaluate(args) -> None:
    import logging

    logging.basicConfig(level=logging.WARNING)
    import bot.qa
    from bot.app.application import open_answerer
    from bot.db import Database
    from bot.i18n import Catalogs
    from bot.resources import locales_dir
    from bot.understanding import Bank, bank_dir, training_payload

    targets = [Target(path, events) for path, events in args.targets]
    chosen = [v for v in VARIANTS if not args.variants or any(n in v.name for n in args.variants)]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="qa-models-") as tmp:
        databases = []
        try:
            catalogs = Catalogs.load(locales_dir())
            for number, target in enumerate(targets):
                db = await Database.open(Path(tmp) / f"set{number}.sqlite3")
                databases.append(db)
                target.qa = await open_answerer(db, catalogs)
                if target.events:
                    events = json.loads(target.events.read_text(encoding="utf-8"))
                    await qa_eval.insert_events(db, events)
                target.items = qa_eval.read_set(target.path)
            if not targets:
                db = await Database.open(Path(tmp) / "bank.sqlite3")
                databases.append(db)
                base = await open_answerer(db, catalogs)
            else:
                base = targets[0].qa
            bot_understander = base.understander
            payload = training_payload(bot_understander.reader, Bank.load(bank_dir()))
            print(
                f"{len(payload['intents'])} training examples; {args.cv}-fold cross-validation; "
                f"sets: {', '.join(f'{t.path.name} ({len(t.items)})' for t in targets)}; "
                f"threshold {bot.qa.CONFIDENCE_THRESHOLD:.2f}"
            )
            fitted: dict[tuple, dict] = {}
            trained: dict[tuple, tuple] = {}
            for variant in chosen:
                await run_variant(
                    variant, args, payload, bot_understander, targets, fitted, trained
                )
                for target in targets:
                    target.qa.understander = bot_understander
        finally:
            for db in databases:
                await db.close()
    print(f"\n(run time {time.perf_counter() - started:.1f} s)")


async def run_variant(variant, args, payload, bot_understander, targets, fitted, trained) -> None:
    import bot.qa

    began = time.perf_counter()
    with applied(variant):
        line = [f"\n## {variant.name}"]
        if args.cv > 1:
            folds = fitted.setdefault(variant.model_key, {})
            held = qa_eval.cv_predictions(payload, args.cv, variant.analyzer, variant.c, folds)
            hits = Ratio(sum(r.truth == r.predicted for r in held), len(held))
            best = qa_eval.cv_best_threshold(held)
            at_bot = qa_eval.cv_at(held, bot.qa.CONFIDENCE_THRESHOLD)
            at_best = qa_eval.cv_at(held, best)
            languages = " ".join(
                f"{lang} {_pct(Ratio(sum(r.truth == r.predicted for r in rows), len(rows)))}"
                for lang in qa_eval.LANGUAGE_ORDER
                for rows in [[r for r in held if r.language == lang]]
            )
            line.append(
                f"  CV intent {_pct(hits)} | at {bot.qa.CONFIDENCE_THRESHOLD:.2f}: right "
                f"{_pct(at_bot.right)}, oos recall {_pct(at_bot.recall)}, ans. fb "
                f"{_pct(at_bot.answerable_fallback)}, balanced {100 * at_bot.balanced:.1f} | "
                f"best balanced at {best:.2f}: {100 * at_best.balanced:.1f} "
                f"(right {_pct(at_best.right)})"
            )
            line.append(f"  CV per language: {languages}")
            if args.sweep:
                rows = []
                for t in qa_eval.CV_SWEEP:
                    f = qa_eval.cv_at(held, t)
                    rows.append(f"{t:.2f}: {_pct(f.right)}/{100 * f.balanced:.1f}")
                line.append("  CV sweep (right/balanced): " + "  ".join(rows))
        if targets:
            understander = understander_for(bot_understander, payload, variant, trained)
            for target in targets:
                target.qa.understander = understander
                outcomes = await qa_eval.ask_engine(target.qa, target.items, "de")
                f = figures(outcomes)
                languages = " ".join(
                    f"{lang} {_pct(r)}" for lang, r in per_language(outcomes).items()
                )
                line.append(
                    f"  {target.path.name}: {_pct(f['correct'])} | lang {_pct(f['language'])} "
                    f"| fb recall {_pct(f['recall'])} | ans. fb {_pct(f['answerable_fallback'])}"
                    f" | {languages}"
                )
                if args.categories:
                    categories = " ".join(
                        f"{c} {_pct(r)}" for c, r in per_category(outcomes).items()
                    )
                    line.append(f"    categories: {categories}")
        line.append(f"  ({time.perf_counter() - began:.0f} s)")
    print("\n".join(line), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", metavar="SET[:EVENTS]")
    parser.add_argument("--cv", type=int, default=5, metavar="K", help="folds (0: none)")
    parser.add_argument(
        "--variants", nargs="*", metavar="NAME", help="only variants whose name contains NAME"
    )
    parser.add_argument("--categories", action="store_true", help="per-category figures too")
    parser.add_argument("--sweep", action="store_true", help="the CV threshold sweep too")
    parser.add_argument("--list", action="store_true", help="list the variants and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(v.name for v in VARIANTS))
        return 0
    if not args.sets:
        bench = REPO / "bench"
        args.sets = [
            f"{bench / 'qa_tune.jsonl'}:{bench / 'qa_tune_events.json'}",
            str(bench / "qa_set.jsonl"),
        ]
        if (bench / "qa_select.jsonl").exists():
            args.sets.append(f"{bench / 'qa_select.jsonl'}:{bench / 'qa_select_events.json'}")
    args.targets = []
    for spec in args.sets:
        path, _, events = spec.partition(":")
        if Path(path).exists():
            args.targets.append((Path(path), Path(events) if events else None))
        else:
            print(f"note: {path} not found, skipped")
    try:
        asyncio.run(evaluate(args))
    except Exception as exc:  # a benchmark: say what broke, exit 0
        import traceback

        traceback.print_exc()
        print(f"\nbenchmark aborted: {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
