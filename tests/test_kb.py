"""The knowledge-base files: problems named by file, entry and field; imports all or nothing."""

from __future__ import annotations

import copy
import re
import sqlite3
from functools import cache

import pytest
import yaml

from bot.app.local_api import make_user
from bot.config import Settings
from bot.db import Database
from bot.events import list_events
from bot.kb import (
    KnowledgeBaseError,
    check,
    export_kb,
    import_kb,
    load_files,
    read_files,
    seed_if_empty,
    write_files,
)
from bot.kb.schema import YAML_DUMPER, load_yaml
from bot.kb_cli import run_kb
from bot.resources import data_dir
from bot.users import isoformat, utcnow
from handlers.events import EventList
from handlers.menus import MenuButton

# The tests here import the shipped data into databases of their own, which needs its question
# model: the session's template (conftest) trains it once and gives it to every worker. Without
# it a worker that came here first trained it again, beside the template, whenever the machine's
# model cache lacked it (~30 s of CPU each).
pytestmark = pytest.mark.usefixtures("seeded_db_file")


def shipped() -> dict:
    """The shipped data files as parsed, a copy of its own for each caller to change."""
    return copy.deepcopy(_shipped())


@cache
def _shipped() -> dict:
    # libyaml's loader, as the bot reads them: the pure-Python one took about 0.8 s of CPU a
    # call here (half of this file's CPU).
    return {p.stem: load_yaml(p.read_text(encoding="utf-8")) for p in data_dir().glob("*.yaml")}


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
    path.write_text(yaml.dump(content, Dumper=YAML_DUMPER, allow_unicode=True), encoding="utf-8")
    return path


def test_check_names_file_entry_and_field_for_every_problem(tmp_path):
    data = shipped()
    faq = copy.deepcopy(data["faq"]["faq"])
    del faq[0]["answer"]["tr"]  # missing translation
    faq[1]["cities"] = ["atlantis"]  # unknown city
    faq[2]["sources"] = ["htp:/broken url"]  # bad URL (not http) is accepted as citation
    faq[3]["sources"] = ["https://exa mple.org"]  # bad URL
    faq[4]["id"] = faq[5]["id"]  # duplicate id
    faq[6]["holds"] = ["mayor"]  # nothing a question's cues can ask for
    write(tmp_path, "cities.yaml", data["cities"])
    write(tmp_path, "organisations.yaml", data["organisations"])
    path = write(tmp_path, "faq.yaml", {"faq": faq})
    kb, problems = read_files(tmp_path)
    problems = [str(p) for p in problems + check(kb)]
    assert any(f"{path}: {faq[0]['id']}: answer.tr: missing translation" in p for p in problems)
    assert any(f"{faq[1]['id']}: cities: unknown city 'atlantis'" in p for p in problems)
    assert any(f"{faq[3]['id']}: sources: bad URL" in p for p in problems)
    assert any(f"{faq[5]['id']}: id: duplicate id" in p for p in problems)
    assert any(f"{faq[6]['id']}: holds: expected a list" in p for p in problems)
    assert len(problems) == 5, problems


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
            "events": len(exported["events"]),
        }
    )
    assert await export_kb(db) == exported
    write_files(exported, tmp_path / "out")
    again = await load_files(tmp_path / "out")
    assert again.sections == exported
    await db.close()


async def test_a_section_file_is_checked_against_the_shipped_data_before_the_first_start(
    tmp_path, capsys
):
    """Without a database yet, the first start will seed the shipped data: a file of one
    section refers to its cities, and an unknown one is still named."""
    settings = Settings(token=None, db_path=tmp_path / "not-yet.sqlite3")
    organisations = shipped()["organisations"]
    assert await run_kb(settings, "check", write(tmp_path, "ok.yaml", organisations)) == 0
    organisations["organisations"][0]["city"] = "atlantis"
    path = write(tmp_path, "organisations.yaml", organisations)
    assert await run_kb(settings, "check", path) == 1
    err = capsys.readouterr().err
    entry = organisations["organisations"][0]["id"]
    assert f"{path}: {entry}: city: unknown city 'atlantis'" in err
    assert "1 problem(s); the files need fixing" in err
    assert not settings.db_path.exists()  # a check creates no database


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


# ---- events ---------------------------------------------------------------------------------


async def test_the_shipped_events_are_an_archive_of_documented_dates_only():
    kb = await load_files(data_dir())
    events = kb.sections["events"]
    assert len(events) >= 10
    for event in events:
        assert event["sources"], event["id"]
        assert "coordinates" not in event, "no source gives an event's coordinates"
        # Only as precise as the sources: a day at most, never an invented time of day.
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", event["start"]), event["id"]
        if event["city"] == "belgorod":
            for language, text in event["description"].items():
                assert "2022" in text and "15" in text, (event["id"], language)
    # The archive only: facts.md knows no upcoming event.
    assert max(event["start"] for event in events) < str(utcnow().year)


async def test_check_names_file_entry_and_field_for_a_bad_event(tmp_path):
    events = copy.deepcopy(shipped()["events"]["events"])
    events[0]["city"] = "atlantis"
    events[1]["start"] = "2018-13"
    events[2]["end"] = "2017-12-31"  # before its start, 2018-01-16
    del events[3]["title"]["tr"]
    events[4]["topic"] = "gossip"
    events[5]["timezone"] = "Europe/Herne"
    events[6]["link"] = "www.example.org"
    path = write(tmp_path, "events.yaml", {"events": events})
    kb, problems = read_files(path)
    problems = [str(p) for p in problems + check(kb, known_cities={"herne", "belgorod"})]
    expected = [
        f"{path}: {events[0]['id']}: city: unknown city 'atlantis'",
        f"{path}: {events[1]['id']}: start: bad date '2018-13'",
        f"{path}: {events[2]['id']}: end: the end comes before the start",
        f"{path}: {events[3]['id']}: title.tr: missing translation",
        f"{path}: {events[4]['id']}: topic: 'gossip' is not one of",
        f"{path}: {events[5]['id']}: timezone: unknown IANA time zone 'Europe/Herne'",
        f"{path}: {events[6]['id']}: link: bad URL 'www.example.org'",
    ]
    for message in expected:
        assert any(p.startswith(message) for p in problems), (message, problems)
    # besiktas and luzhou are unknown here too: cities come from the live base or the files.
    assert len(problems) == len(expected) + sum(
        e["city"] in ("besiktas", "luzhou") for e in events[1:]
    ), problems


async def add_admin_event_with_reminder(db, event_id: str, reminded: str) -> None:
    now = isoformat(utcnow())
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO events (id, city_id, topic, starts_at, timezone, origin, created_at, "
            "published_at, updated_at) VALUES (?, 'konin', 'sport', '2030-05-01T10:00:00+00:00', "
            "'Europe/Warsaw', 'admin', ?, ?, ?)",
            (event_id, now, now, now),
        )
        await conn.execute(
            "INSERT INTO event_texts (event_id, language, title) VALUES (?, 'pl', 'Mecz')",
            (event_id,),
        )
        await conn.execute(
            "INSERT INTO users (user_id, telegram_language, first_seen, last_seen) "
            "VALUES (4242, 'pl', 'x', 'x')"
        )
        await conn.executemany(
            "INSERT INTO event_reminders (user_id, event_id, created_at) VALUES (4242, ?, ?)",
            [(event_id, now), (reminded, now)],
        )


async def test_reimporting_events_keeps_admin_events_reminders_and_revisions(tmp_path):
    db = await Database.open(tmp_path / "kb.sqlite3")
    assert await seed_if_empty(db, data_dir())
    shipped_events = shipped()["events"]["events"]
    kept, dropped = shipped_events[0]["id"], shipped_events[-1]["id"]
    await add_admin_event_with_reminder(db, "konin-match", kept)
    revisions = dict(await db.fetchall("SELECT id, revision FROM events"))

    await import_kb(db, await load_files(data_dir()))
    assert dict(await db.fetchall("SELECT id, revision FROM events")) == revisions
    assert await db.scalar("SELECT count(*) FROM event_reminders WHERE user_id = 4242") == 2

    # A changed entry is updated in place (its revision, the .ics SEQUENCE, goes up); one the
    # files no longer carry goes; the admin's event and both reminders stay.
    changed = copy.deepcopy(shipped_events[:-1])
    changed[0]["title"]["en"] = "Partnership with Beşiktaş signed in Herne"
    await import_kb(db, await load_files(write(tmp_path, "events.yaml", {"events": changed}), db))
    after = dict(await db.fetchall("SELECT id, revision FROM events"))
    assert dropped not in after
    assert after[kept] == revisions[kept] + 1
    assert after["konin-match"] == revisions["konin-match"]
    assert await db.scalar("SELECT count(*) FROM event_reminders WHERE user_id = 4242") == 2
    exported = (await export_kb(db))["events"]
    assert [e["id"] for e in exported] == [e["id"] for e in changed]
    assert exported[0]["title"]["en"] == "Partnership with Beşiktaş signed in Herne"
    await db.close()


async def test_a_base_seeded_before_the_events_file_gets_the_archive_on_its_next_start(
    tmp_path,
):
    db = await Database.open(tmp_path / "kb.sqlite3")
    await seed_if_empty(db, data_dir())
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM events")
    assert await seed_if_empty(db, data_dir())
    assert await db.scalar("SELECT count(*) FROM events") == len(shipped()["events"]["events"])
    assert not await seed_if_empty(db, data_dir())
    await db.close()


async def test_events_archive_shows_the_shipped_events_latest_first(harness):
    shipped_events = shipped()["events"]["events"]
    page = await list_events(harness.services.db, utcnow(), archive=True, size=100)
    assert {e.id for e in page.events} == {e["id"] for e in shipped_events}
    assert not (await list_events(harness.services.db, utcnow())).events
    latest = sorted(shipped_events, key=lambda e: e["start"], reverse=True)

    user = make_user(5150, "en")
    [listing] = [c for c in await harness.send(user, "/events") if c.method == "sendMessage"]
    assert "No upcoming events" in listing.text
    calls = await harness.press(user, listing.result, EventList(1, "-", "-", 0).pack())
    [archive] = [c for c in calls if c.method == "editMessageText"]
    assert "Archive of past events" in archive.text
    assert "Page 1 of 3" in archive.text
    assert "July 2021" in archive.text
    for event in latest[:5]:
        assert event["title"]["en"] in archive.text
    assert latest[5]["title"]["en"] not in archive.text

    # Belgorod's exchanges, in Russian: the suspension is part of every card.
    user = make_user(5151, "ru")
    [listing] = [c for c in await harness.send(user, "/events") if c.method == "sendMessage"]
    calls = await harness.press(user, listing.result, EventList(1, "belgorod", "-", 0).pack())
    [archive] = [c for c in calls if c.method == "editMessageText"]
    assert "Белгород" in archive.text and "сентябрь 2018" in archive.text.lower()
    [button] = [b for b in archive.buttons() if "гимназии" in b["text"]]
    calls = await harness.press(user, listing.result, button["callback_data"])
    [card] = [c for c in calls if c.method == "editMessageText"]
    assert "15 марта 2022" in card.text and "приостановлено" in card.text
    assert "inherne.net/schueler-aus-belgorod" in card.text
    # A past event has no calendar or reminder buttons: only the way back to the archive.
    assert [b["callback_data"] for b in card.buttons()] == [
        EventList(1, "-", "-", 0).pack(),
        MenuButton("home").pack(),
    ]


def test_a_fact_source_must_be_one_of_the_citys_sources(tmp_path):
    data = shipped()
    cities = copy.deepcopy(data["cities"]["cities"])
    luzhou = next(c for c in cities if c["id"] == "luzhou")
    luzhou["fact_sources"]["population"] = ["https://example.org/invented"]
    luzhou["fact_sources"]["weather"] = [luzhou["sources"][0]]
    write(tmp_path, "cities.yaml", {"cities": cities})
    write(tmp_path, "organisations.yaml", data["organisations"])
    kb, problems = read_files(tmp_path)
    problems = [str(p) for p in problems + check(kb)]
    assert any(
        "luzhou: fact_sources: population: not among the city's sources" in p for p in problems
    )
    assert any("luzhou: fact_sources: unknown fact 'weather'" in p for p in problems)
    assert len(problems) == 2, problems
