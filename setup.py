"""What pyproject.toml cannot say: the catalogs, the language registry and the knowledge base,
found by glob (a new language's catalog needs no line here), installed under
<prefix>/share/partnerbot, where bot/resources.py finds them."""

from pathlib import Path

from setuptools import setup

PATTERNS = (
    "locales/*.pot",
    "locales/*.yaml",
    "locales/*/LC_MESSAGES/*.po",
    "data/*.yaml",
    "data/questions/*.yaml",
)


def data_files() -> list[tuple[str, list[str]]]:
    folders: dict[str, list[str]] = {}
    for pattern in PATTERNS:
        for path in sorted(Path().glob(pattern)):
            folders.setdefault(f"share/partnerbot/{path.parent.as_posix()}", []).append(
                path.as_posix()
            )
    return sorted(folders.items())


setup(data_files=data_files())
