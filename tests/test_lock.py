"""The committed locks match pyproject.toml: every declared dependency is pinned, hashed and
within its declared range, so an edit to the ranges without `sh requirements/lock.sh` fails CI."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# "name==version ; marker \" followed by "    --hash=sha256:..." lines.
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def pins(lock: str) -> dict[str, list[tuple[str, str | None, int]]]:
    """Package -> [(version, marker, number of hashes)] as the lock file states them."""
    found: dict[str, list[tuple[str, str | None, int]]] = {}
    current: list | None = None
    for line in (ROOT / "requirements" / lock).read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            name, version, marker = match.groups()
            current = [version, marker, 0]
            found.setdefault(canonicalize_name(name), []).append(current)
        elif line.strip().startswith("--hash=sha256:") and current is not None:
            current[2] += 1
    return {name: [tuple(entry) for entry in entries] for name, entries in found.items()}


def declared(extras: bool) -> list[Requirement]:
    requirements = [Requirement(text) for text in PROJECT["dependencies"]]
    if extras:
        requirements += [Requirement(text) for text in PROJECT["optional-dependencies"]["test"]]
    return requirements


@pytest.mark.parametrize(("lock", "extras"), [("base.lock", False), ("test.lock", True)])
def test_every_declared_dependency_is_pinned_within_its_range_with_hashes(lock, extras):
    locked = pins(lock)
    for requirement in declared(extras):
        entries = locked.get(canonicalize_name(requirement.name))
        assert entries, f"{requirement.name} is missing from requirements/{lock}: relock"
        for version, _marker, hashes in entries:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"requirements/{lock} pins {requirement.name}=={version}, outside "
                f"{requirement.specifier}: run requirements/lock.sh"
            )
            assert hashes, f"{requirement.name} has no hash in requirements/{lock}"


def test_the_runtime_lock_agrees_with_the_test_lock():
    runtime, test = pins("base.lock"), pins("test.lock")
    assert runtime, "requirements/base.lock pins nothing"
    for name, entries in runtime.items():
        assert name in test, f"{name} is in base.lock but not in test.lock"
        tested = {e[:2] for e in test[name]}
        for version, marker, _ in entries:
            # A pin without a marker in test.lock (the test tools need it everywhere) covers
            # the same version under any marker.
            assert (version, marker) in tested or (version, None) in tested, name
