"""The knowledge base: the shipped YAML files, their check, and their SQLite tables.

`load_files` reads and checks the data files (bot/kb/check.py); `import_kb` replaces the
sections it is given in one transaction (bot/kb/importer.py); `export_kb` and `write_files`
write them back (bot/kb/exporter.py). This module is the one surface the rest of the bot uses.
"""

from bot.kb.check import check, known_ids, load_files, read_files
from bot.kb.exporter import export_kb, write_files
from bot.kb.importer import import_kb, seed_if_empty
from bot.kb.schema import (
    EVENT_TIME_FORMAT,
    FAQ_TOPICS,
    ORGANISATION_KINDS,
    SECTIONS,
    SECTORS,
    YAML_DUMPER,
    YAML_LOADER,
    Entry,
    KnowledgeBase,
    KnowledgeBaseError,
    Problem,
    event_time,
    is_url,
    load_yaml,
)

__all__ = [
    "EVENT_TIME_FORMAT",
    "FAQ_TOPICS",
    "ORGANISATION_KINDS",
    "SECTIONS",
    "SECTORS",
    "YAML_DUMPER",
    "YAML_LOADER",
    "Entry",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Problem",
    "check",
    "event_time",
    "export_kb",
    "import_kb",
    "is_url",
    "known_ids",
    "load_files",
    "load_yaml",
    "read_files",
    "seed_if_empty",
    "write_files",
]
