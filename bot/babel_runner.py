"""Catalog maintenance: `python -m bot.babel_runner extract|update|init|check`.

extract  writes locales/messages.pot from the code (pyproject's [tool.babel] mapping)
update   merges the template into every locales/<lang>/LC_MESSAGES/messages.po
check    fails when the code has strings the template lacks, or a catalog is incomplete;
         then compiles every catalog in memory exactly as start-up does
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from bot.i18n import DOMAIN, LANGUAGES, CatalogError, Catalogs, read_catalog
from bot.resources import resource_root

ROOT = resource_root()
LOCALES = ROOT / "locales"
TEMPLATE = LOCALES / f"{DOMAIN}.pot"


# The committed catalogs wrap at the code's line length; pybabel's default (76) would rewrap
# every file on each update and make merges of catalog changes needlessly hard.
WIDTH = "--width=100"


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]


def extract(output: Path = TEMPLATE) -> None:
    _pybabel(
        "extract",
        "-F",
        str(ROOT / "pyproject.toml"),
        "-o",
        str(output),
        "--no-location",
        "--sort-output",
        WIDTH,
        "--add-comments=Translators:",
        "--project=partnerbot",
        "--copyright-holder=Partnerbot contributors",
        "-k",
        "N_",
        str(ROOT / "bot"),
        str(ROOT / "handlers"),
    )


def update() -> None:
    for language in LANGUAGES:
        po = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        command = "update" if po.exists() else "init"
        _pybabel(
            command,
            "-i",
            str(TEMPLATE),
            "-d",
            str(LOCALES),
            "-D",
            DOMAIN,
            "-l",
            language,
            WIDTH,
            *(["--no-fuzzy-matching", "--ignore-obsolete"] if command == "update" else []),
        )


def _ids(path: Path) -> set[tuple[str | None, object]]:
    return {(message.context, message.id) for message in read_catalog(path, "en") if message.id}


def check() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.pot"
        extract(fresh)
        missing, stale = _ids(fresh) - _ids(TEMPLATE), _ids(TEMPLATE) - _ids(fresh)
    for _, message in sorted(missing, key=str):
        print(f"not in {TEMPLATE.name}: {message!r} (run extract and update)", file=sys.stderr)
    for _, message in sorted(stale, key=str):
        print(f"no longer in the code: {message!r} (run extract and update)", file=sys.stderr)
    try:
        Catalogs.load(LOCALES)
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 1 if missing or stale else 0


def main(argv: list[str]) -> int:
    actions = {"extract": extract, "update": update, "check": check}
    if len(argv) != 1 or argv[0] not in actions:
        print(__doc__, file=sys.stderr)
        return 2
    return actions[argv[0]]() or 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
