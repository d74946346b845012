"""`partnerbot kb check|import|export FILE`."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.config import Settings
from bot.db import Database
from bot.kb import KnowledgeBaseError, export_kb, import_kb, load_files, seed_if_empty, write_files
from bot.resources import data_dir
from bot.understanding import train_if_needed


async def run_kb(settings: Settings, action: str, file: Path) -> int:
    # A single section file may refer to ids of the others: resolve them in the live base.
    db = (
        await Database.open(settings.db_path)
        if action != "check" or settings.db_path.exists()
        else None
    )
    try:
        if action == "export":
            await seed_if_empty(db, data_dir())
            for path in write_files(await export_kb(db), file):
                print(f"wrote {path}")
            return 0
        try:
            kb = await load_files(file, db)
        except KnowledgeBaseError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(f"{len(exc.problems)} problem(s); nothing was imported", file=sys.stderr)
            return 1
        counts = ", ".join(
            f"{n} {section}" for section, n in ((s, len(e)) for s, e in kb.sections.items())
        )
        if action == "check":
            print(f"{file}: OK ({counts})")
            return 0
        await import_kb(db, kb)
        # The question model learns the base's names and FAQ questions: train it now, not at
        # the bot's next start.
        await train_if_needed(db)
        print(f"imported {counts} into {settings.db_path}")
        return 0
    finally:
        if db is not None:
            await db.close()
