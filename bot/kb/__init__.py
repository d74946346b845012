"""The knowledge base: the shipped YAML files, their check, and their SQLite tables.

`load_files` reads and checks the data files (bot/kb/check.py); `import_kb` replaces the
sections it is given in one transaction (bot/kb/importer.py); `export_kb` and `write_files`
write them back (bot/kb/exporter.py). This module is the one surface the rest of the bot uses.
"""

from bot.kb.check import check, load_files, read_files
from bot.kb.exporter import export_kb, write_files
from bot.kb.importer import import_kb, seed_if_empty
from bot.kb.schema import (
    ASKED_FOR,
    BACKGROUND,
    CLOSING,
    COMPOSITION,
    COUNT,
    OPENING,
    POPULATION,
    PRICE,
    RECOMMENDATION,
    REFUSED,
    SECTORS,
    SIGNATORY,
    VENUE,
    WEBSITE,
    YAML_LOADER,
    KnowledgeBase,
    KnowledgeBaseError,
    Problem,
    is_url,
    load_yaml,
)

__all__ = [
    "ASKED_FOR",
    "BACKGROUND",
    "CLOSING",
    "COMPOSITION",
    "COUNT",
    "OPENING",
    "POPULATION",
    "PRICE",
    "RECOMMENDATION",
    "REFUSED",
    "SECTORS",
    "SIGNATORY",
    "VENUE",
    "WEBSITE",
    "YAML_LOADER",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Problem",
    "check",
    "export_kb",
    "import_kb",
    "is_url",
    "load_files",
    "load_yaml",
    "read_files",
    "seed_if_empty",
    "write_files",
]
