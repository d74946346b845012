"""A language is added with data alone: a registry entry, a catalog and the translated data.

The test copies the code byte for byte into a temporary tree, adds Italian there as the README's
"Adding a language" says (nothing else changes), and runs the real `partnerbot` in it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from bot.kb.schema import YAML_DUMPER, load_yaml
from bot.languages import REGISTRY_FILE, load_registry
from bot.resources import resource_root

pytestmark = pytest.mark.slow

ROOT = resource_root()
# The entry as an editor appends it to locales/languages.yaml.
ITALIAN = """
  - code: it
    name: Italiano
    detector: italian
    lemmatizer: it
    stemmer: italian
    typed_without_keyboard: diacritics
    stopwords: il lo la i gli le un una di da in con su per e o ma che è
"""
MARK = "[it] "


def italian_catalog(locales: Path) -> None:
    """Every message of the template, "translated" as the English text marked [it]."""
    template = read_po((locales / "messages.pot").open("rb"))
    catalog = Catalog(locale="it", domain="messages")
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            strings = tuple(MARK + message.id[min(i, 1)] for i in range(catalog.num_plurals))
            catalog.add(message.id, strings, context=message.context)
        else:
            catalog.add(message.id, MARK + message.id, context=message.context)
    target = locales / "it" / "LC_MESSAGES" / "messages.po"
    target.parent.mkdir(parents=True)
    with target.open("wb") as fp:
        write_po(fp, catalog)


def with_italian(node: object) -> None:
    """Every per-language mapping of the knowledge base gets an Italian text (the English one,
    marked); lists of questions and keywords keep their words so that questions still match."""
    if isinstance(node, dict):
        if "en" in node and "de" in node and isinstance(node["en"], str | list):
            english = node["en"]
            node["it"] = MARK + english if isinstance(english, str) else list(english)
        for value in node.values():
            with_italian(value)
    elif isinstance(node, list):
        for value in node:
            with_italian(value)


def test_a_language_is_added_by_a_registry_entry_a_catalog_and_data(tmp_path: Path):
    tree = tmp_path / "tree"
    for folder in ("bot", "handlers", "locales", "data"):
        shutil.copytree(ROOT / folder, tree / folder, ignore=shutil.ignore_patterns("__pycache__"))
    # The one registry entry.
    registry = tree / "locales" / REGISTRY_FILE
    registry.write_text(
        registry.read_text(encoding="utf-8") + ITALIAN,
        encoding="utf-8",
    )
    assert "it" in load_registry(registry)
    italian_catalog(tree / "locales")
    # The translated data. The question bank is cut to English and Italian: training on all
    # banks would take the better part of a minute and prove nothing more.
    for path in (tree / "data").glob("*.yaml"):
        # libyaml, as the bot reads them: the pure-Python loader and dumper cost seconds here.
        content = load_yaml(path.read_text(encoding="utf-8"))
        with_italian(content)
        path.write_text(
            yaml.dump(content, Dumper=YAML_DUMPER, allow_unicode=True), encoding="utf-8"
        )
    questions = tree / "data" / "questions"
    for path in questions.glob("*.yaml"):
        if path.stem not in ("en", "places"):
            path.unlink()
    (questions / "it.yaml").write_text(
        yaml.safe_dump(
            {
                "language": "it",
                "intents": {
                    "city.where": [
                        "Dove si trova {city}?",
                        "dov'è {city}",
                        "dove sta {city}",
                        "in quale paese si trova {city}?",
                        "dove si trova la città di {city}",
                        "dove è situata {city}?",
                        "{city} si trova dove?",
                        "in che regione si trova {city}",
                    ],
                    "city.since": ["Da quando {city} è città gemellata con Herne?"],
                },
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )

    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "PARTNERBOT_DB": str(tmp_path / "partnerbot.sqlite3"),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DEFAULT_LANGUAGE", None)

    def partnerbot(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            cwd=tmp_path,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )

    where = partnerbot("kb", "check", str(tree / "data"))
    assert where.returncode == 0, where.stderr
    asked = partnerbot("ask", "--json", "--lang", "it", "Dove si trova Konin?")
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert answer["language"] == "it"
    assert not answer["fallback"] and answer["entry"] == "city.where:konin"
    assert MARK in answer["text"]
    # The language picker offers it, as the registry's last language; choosing it switches the
    # menus to it (one console: the button pressed is the one the picker shows for it).
    number = list(load_registry(registry)).index("it") + 1
    chosen = partnerbot("console", "--lang", "en", stdin=f"/language\n#{number}\n")
    assert chosen.returncode == 0, chosen.stderr
    picker = chosen.stdout.split("Choose your language")[1]
    assert f"[#{number}] Italiano" in picker, picker
    assert MARK + "Done: I will talk to you in English from now on." in picker
    # The copy ran, not the installed code.
    imported = subprocess.run(
        [sys.executable, "-c", "import bot; print(bot.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(imported.stdout.strip()).is_relative_to(tree)
