"""`partnerbot kb check|import|export FILE`."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.config import Settings
from bot.db import Database
from bot.kb import (
    KnowledgeBase,
    KnowledgeBaseError,
    export_kb,
    import_kb,
    load_files,
    seed_if_empty,
    write_files,
)
from bot.kb.check import shipped_ids
from bot.resources import data_dir
from bot.understanding import train_if_needed


async def run_kb(settings: Settings, action: str, file: Path) -> int:
    if action == "check" and not settings.db_path.exists():
        # No base yet: the first start seeds the shipped data, so a file of one section
        # refers to the cities and organisations of those files.
        known = shipped_ids(data_dir())
        return _report_check(file, await _checked(file, None, known, action))
    # A single section file may refer to ids of the others: resolve them in the live base.
    db = await Database.open(settings.db_path)
    try:
        if action == "export":
            await seed_if_empty(db, data_dir())
            for path in write_files(await export_kb(db), file):
                print(f"wrote {path}")
            return 0
        kb = await _checked(file, db, None, action)
        if action == "check" or kb is None:
            return _report_check(file, kb)
        await import_kb(db, kb)
        # The question model learns the base's names and FAQ questions: train it now, not at
        # the bot's next start.
        await train_if_needed(db)
        print(f"imported {_counts(kb)} into {settings.db_path}")
        return 0
    finally:
        await db.close()


async def _checked(
    file: Path, db: Database | None, known: tuple[set[str], set[str]] | None, action: str
) -> KnowledgeBase | None:
    """The checked files, or None with every problem printed."""
    try:
        return await load_files(file, db, known)
    except KnowledgeBaseError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        outcome = "nothing was imported" if action == "import" else "the files need fixing"
        print(f"{len(exc.problems)} problem(s); {outcome}", file=sys.stderr)
        return None


def _report_check(file: Path, kb: KnowledgeBase | None) -> int:
    if kb is None:
        return 1
    print(f"{file}: OK ({_counts(kb)})")
    return 0


def _counts(kb: KnowledgeBase) -> str:
    return ", ".join(f"{len(entries)} {section}" for section, entries in kb.sections.items())
