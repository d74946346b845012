"""The knowledge-base files: problems named by file, entry and field; imports all or nothing."""

from __future__ import annotations

import copy
import re
import sqlite3

import pytest
import yaml

from bot.db import Database
from bot.kb import (
    KnowledgeBaseError,
    check,
    export_kb,
    import_kb,
    load_files,
    read_files,
    write_files,
)
from bot.resources import data_dir


def shipped() -> dict:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in data_dir().glob("*.yaml")
    }


async def test_the_shipped_data_is_valid_and_covers_every_partner_city():
    kb = await load_files(data_dir())
    cities = {c["id"]: c for c in kb.sections["cities"]}
    assert set(cities) == {
        "herne",
        "henin-beaumont",
        "wakefield",
        "eisleben",
        "belgorod",
        "konin",
        "ometepe",
        "besiktas",
        "luzhou",
    }
    assert cities["belgorod"]["status"] == "suspended"
    assert cities["belgorod"]["status_since"] == "2022-03-15"
    assert all(entry["sources"] for section in kb.sections.values() for entry in section)


def test_the_shipped_data_has_no_phone_numbers_or_email_addresses():
    text = "\n".join(p.read_text(encoding="utf-8") for p in data_dir().glob("*.yaml"))
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)
    assert not re.search(r"\+\d[\d /-]{6,}\d|\(0\d+\)\s*\d", text)


def write(tmp_path, name: str, content: dict):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return path


def test_check_names_file_entry_and_field_for_every_problem(tmp_path):
    data = shipped()
    faq = copy.deepcopy(data["faq"]["faq"])
    del faq[0]["answer"]["tr"]  # missing translation
    faq[1]["cities"] = ["atlantis"]  # unknown city
    faq[2]["sources"] = ["htp:/broken url"]  # bad URL (not http) is accepted as citation
    faq[3]["sources"] = ["https://exa mple.org"]  # bad URL
    faq[4]["id"] = faq[5]["id"]  # duplicate id
    write(tmp_path, "cities.yaml", data["cities"])
    write(tmp_path, "organisations.yaml", data["organisations"])
    path = write(tmp_path, "faq.yaml", {"faq": faq})
    kb, problems = read_files(tmp_path)
    problems = [str(p) for p in problems + check(kb)]
    assert any(f"{path}: {faq[0]['id']}: answer.tr: missing translation" in p for p in problems)
    assert any(f"{faq[1]['id']}: cities: unknown city 'atlantis'" in p for p in problems)
    assert any(f"{faq[3]['id']}: sources: bad URL" in p for p in problems)
    assert any(f"{faq[5]['id']}: id: duplicate id" in p for p in problems)
    assert len(problems) == 4, problems


def test_check_reports_yaml_errors_with_the_file(tmp_path):
    (tmp_path / "broken.yaml").write_text("faq: [\n  - id: x\n", encoding="utf-8")
    _, problems = read_files(tmp_path)
    assert "broken.yaml" in str(problems[0]) and "not valid YAML" in str(problems[0])


async def test_import_is_idempotent_and_export_round_trips(tmp_path):
    db = await Database.open(tmp_path / "kb.sqlite3")
    kb = await load_files(data_dir())
    first = await import_kb(db, kb)
    exported = await export_kb(db)
    second = await import_kb(db, await load_files(data_dir()))
    assert (
        first
        == second
        == {
            "cities": 9,
            "organisations": len(exported["organisations"]),
            "faq": len(exported["faq"]),
        }
    )
    assert await export_kb(db) == exported
    write_files(exported, tmp_path / "out")
    again = await load_files(tmp_path / "out")
    assert again.sections == exported
    await db.close()


async def test_a_bad_import_changes_nothing(tmp_path):
    db = await Database.open(tmp_path / "kb.sqlite3")
    await import_kb(db, await load_files(data_dir()))
    before = await export_kb(db)
    data = shipped()
    broken = copy.deepcopy(data["faq"])
    broken["faq"][0]["cities"] = ["nowhere"]
    path = write(tmp_path, "faq.yaml", broken)
    with pytest.raises(KnowledgeBaseError) as raised:
        await load_files(path, db)
    assert "unknown city 'nowhere'" in str(raised.value)
    # A section that removes a city others still refer to fails at COMMIT and rolls back.
    cities = copy.deepcopy(data["cities"])
    cities["cities"] = [c for c in cities["cities"] if c["id"] != "konin"]
    kb = await load_files(write(tmp_path, "cities.yaml", cities), db)
    with pytest.raises(sqlite3.IntegrityError):
        await import_kb(db, kb)
    assert await export_kb(db) == before
    await db.close()


async def test_a_single_section_file_resolves_ids_in_the_live_base(tmp_path):
    db = await Database.open(tmp_path / "kb.sqlite3")
    await import_kb(db, await load_files(data_dir()))
    faq = shipped()["faq"]
    faq["faq"] = faq["faq"][:3]
    counts = await import_kb(db, await load_files(write(tmp_path, "faq.yaml", faq), db))
    assert counts == {"faq": 3}
    assert await db.scalar("SELECT count(*) FROM faq") == 3
    assert await db.scalar("SELECT count(*) FROM cities") == 9
    await db.close()
