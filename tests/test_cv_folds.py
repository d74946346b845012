"""The cross-validation's folds (bench/qa_eval.py): seed 0 keeps the folds every figure before
round 17 was measured on, another seed draws others, and a phrasing's fold never depends on the
rest of the bank."""

from __future__ import annotations

import importlib.util
import sys
import zlib
from collections import Counter
from pathlib import Path

import pytest

QA_EVAL = Path(__file__).resolve().parents[1] / "bench" / "qa_eval.py"


@pytest.fixture(scope="module")
def qa_eval():
    spec = importlib.util.spec_from_file_location("qa_eval_under_test", QA_EVAL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def bank(count: int) -> list[dict]:
    """Examples as bot.understanding.training_payload gives them: several per group, the group's
    checksum in "phrasing"."""
    examples = []
    for group in range(count):
        key = zlib.crc32(f"en\twhere\twhere is {{city}} number {group}".encode())
        examples += [{"group": group, "phrasing": key, "doc": f"variant {v}"} for v in range(3)]
    return examples


def test_seed_zero_is_the_checksum_modulo_the_folds(qa_eval):
    examples = bank(300)
    assert qa_eval.phrasing_folds(examples, 5) == {e["group"]: e["phrasing"] % 5 for e in examples}
    assert qa_eval.phrasing_folds(examples, 5, seed=0) == qa_eval.phrasing_folds(examples, 5)


def test_other_seeds_draw_other_balanced_folds(qa_eval):
    examples = bank(300)
    draws = [qa_eval.phrasing_folds(examples, 5, seed) for seed in range(4)]
    for a in range(len(draws)):
        for b in range(a + 1, len(draws)):
            moved = sum(draws[a][g] != draws[b][g] for g in draws[a])
            # Independent draws agree on about a fifth of the groups.
            assert 180 <= moved <= 300, (a, b, moved)
    for draw in draws:
        sizes = Counter(draw.values())
        assert sorted(sizes) == [0, 1, 2, 3, 4]
        assert min(sizes.values()) >= 40


def test_a_seeded_draw_is_reproducible_and_pinned(qa_eval):
    # Pinned: a figure published for a seed can be rerun on any machine and Python.
    assert [qa_eval._seeded(1, k) % 5 for k in (0, 1, 2, 123456789)] == PINNED_SEED_1
    assert qa_eval.phrasing_folds(bank(50), 5, 3) == qa_eval.phrasing_folds(bank(50), 5, 3)


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_a_phrasing_added_moves_no_other(qa_eval, seed):
    before = qa_eval.phrasing_folds(bank(100), 5, seed)
    after = qa_eval.phrasing_folds(bank(101), 5, seed)
    assert {g: after[g] for g in before} == before


PINNED_SEED_1 = [4, 1, 1, 0]


def test_the_phrasings_a_bank_change_added(qa_eval, tmp_path):
    """--cv-shared-with leaves out the held-out phrasings the other bank lacks: the checksums
    of the phrasings a change added, whichever file they are in."""
    before, after = tmp_path / "before", tmp_path / "after"
    for folder, extra in ((before, ""), (after, '    - "Why is {city} famous?"\n')):
        folder.mkdir()
        (folder / "en.yaml").write_text(
            'language: en\nintents:\n  city.profile:\n    - "Tell me about {city}"\n' + extra,
            encoding="utf-8",
        )
    added = qa_eval.phrasing_checksums(after) - qa_eval.phrasing_checksums(before)
    assert added == {zlib.crc32(b"en\tcity.profile\tWhy is {city} famous?")}
