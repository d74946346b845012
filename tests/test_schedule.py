"""How the suite is dealt to the xdist workers (conftest's pytest_collection_modifyitems), and
what the controller prepares for them (`rewrite_once`)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import needs_template, pytest_collection_modifyitems, rewrite_once


@dataclass(eq=False)
class Item:
    """What the hook reads of a collected test."""

    nodeid: str
    fixturenames: tuple[str, ...]
    slow: bool = False

    def get_closest_marker(self, name: str) -> object | None:
        return object() if name == "slow" and self.slow else None


def suite() -> list[Item]:
    template = ("settings", "seeded_db_file")
    items = [Item(f"test_a.py::quick{n}", template) for n in range(40)]
    items += [
        Item("test_e2e.py::polling", ("polling_bot", "seeded_db_file"), slow=True),
        Item("test_e2e.py::failure", ("tmp_path",), slow=True),
        Item("test_crash.py::crash", template, slow=True),
        Item("test_guard_e2e.py::flood", ("polling_bot", "seeded_db_file"), slow=True),
        Item("test_restart.py::restart", template, slow=True),
        Item("test_add_language.py::italian", (), slow=True),
    ]
    items += [Item(f"test_pure.py::pure{n}", ("request",)) for n in range(10)]
    items += [Item(f"test_walk.py::walk{n}", (*template, "chart_process")) for n in range(3)]
    items += [Item("test_font.py::chart", ("chart_process",))]
    return items


@pytest.mark.parametrize("workers", [2, 3])
def test_the_second_worker_begins_with_every_test_that_needs_no_template(monkeypatch, workers):
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", str(workers))
    items = suite()
    dealt = list(items)
    pytest_collection_modifyitems(dealt)
    assert sorted(i.nodeid for i in dealt) == sorted(i.nodeid for i in items)
    # worksteal's first shares: what is left, divided by the workers left, in turn.
    shares, left = [], dealt
    for worker in range(workers):
        size = len(left) // (workers - worker)
        shares.append(left[:size])
        left = left[size:]
    first, second = shares[0], shares[1]
    # The first worker builds the template with its first test, a slow one.
    assert first[0].slow and needs_template(first[0])
    # The second works meanwhile on what needs none, the slow ones first.
    free = [i for i in dealt if not needs_template(i)]
    assert second[: len(free)] == free
    assert [i.slow for i in free] == [True, True] + [False] * 11
    # Every test that draws through the worker's drawing process is on the second worker: one
    # drawing process for the run.
    assert all(i in second for i in dealt if "chart_process" in i.fixturenames)
    # The tests that share one bot are dealt to one worker, and each worker's slow tests come
    # before its quick ones that need the template.
    polling = [dealt.index(i) for i in dealt if "polling_bot" in i.fixturenames]
    assert polling == list(range(polling[0], polling[0] + 2))
    for share in shares:
        kinds = [i.slow for i in share if needs_template(i)]
        assert kinds == sorted(kinds, reverse=True)
        assert any(kinds)


def test_one_process_runs_every_test_once(monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER_COUNT", raising=False)
    items = suite()
    dealt = list(items)
    pytest_collection_modifyitems(dealt)
    assert sorted(i.nodeid for i in dealt) == sorted(i.nodeid for i in items)


def test_the_controller_rewrites_a_test_module_once_for_the_workers(pytestconfig, tmp_path):
    """`rewrite_once` writes the rewritten bytecode that pytest's import hook reads (a worker
    then rewrites nothing), asserts explained as pytest explains them, and leaves one already
    written alone."""
    from _pytest.assertion.rewrite import PYC_TAIL, _read_pyc, get_cache_dir

    source = tmp_path / "test_example.py"
    source.write_text("def test_one():\n    x = 1\n    assert x == 2\n", encoding="utf-8")
    rewrite_once(pytestconfig, [source])
    pyc = get_cache_dir(source) / f"test_example{PYC_TAIL}"
    code = _read_pyc(source, pyc)
    assert code is not None
    namespace: dict = {}
    exec(code, namespace)
    with pytest.raises(AssertionError, match=r"assert 1 == 2"):
        namespace["test_one"]()
    written = pyc.stat().st_mtime_ns
    rewrite_once(pytestconfig, [source])
    assert pyc.stat().st_mtime_ns == written
