"""What a start reads from the database instead of reading the data again: the same as it
would find, and found again when what it is read from changes."""

from __future__ import annotations

import dataclasses
import shutil

import bot.qa as qa
import bot.search
import bot.understanding as understanding
from bot.db import Database
from bot.qa import FORMS_NAME
from bot.understanding import (
    BANK_NAME,
    GUARD_NAME,
    READINGS_NAME,
    Bank,
    Knowledge,
    Reader,
    bank_dir,
    guard_key,
    load_understander,
    stored_bank,
)


def _forget() -> None:
    """This process's memos of the matcher, its words and the readings: found anew."""
    understanding._last_matcher._kept.clear()
    understanding._last_readings._kept.clear()
    bot.search._NEAR_NAMES.clear()


async def test_a_start_reads_the_words_and_readings_it_would_find(settings) -> None:
    db = await Database.open(settings.db_path)
    try:
        stored = {row[0] for row in await db.fetchall("SELECT name FROM question_models")}
        assert {GUARD_NAME, READINGS_NAME} <= stored  # with the model, in the seeded database
        _forget()
        read_back = await load_understander(db)
        knowledge, bank = read_back.reader.knowledge, Bank.load(bank_dir())
        _forget()
        found = Reader(knowledge, bank)
        assert found.matcher is not read_back.reader.matcher
        assert read_back.reader.matcher.near_words == found.matcher.near_words
        assert found.matcher.near_words  # the shipped bank has such words
        computed = understanding._entry_readings(found)
        assert (read_back.entry_sectors, read_back.region_words) == computed
    finally:
        _forget()
        await db.close()


async def test_a_change_of_a_name_or_the_bank_reads_them_again(settings) -> None:
    db = await Database.open(settings.db_path)
    try:
        knowledge = await Knowledge.load(db)
    finally:
        await db.close()
    bank = Bank.load(bank_dir())
    key = guard_key(knowledge, bank)
    city = next(iter(knowledge.cities.values()))
    renamed = dataclasses.replace(city, aliases=[*city.aliases, "Neustadtheim"])
    other = dataclasses.replace(knowledge, cities={**knowledge.cities, city.id: renamed})
    assert guard_key(other, bank) != key
    assert guard_key(knowledge, dataclasses.replace(bank, digest=bank.digest + "x")) != key


async def test_the_bank_is_read_as_stored_and_parsed_again_when_a_file_changes(
    settings, tmp_path, monkeypatch
) -> None:
    directory = tmp_path / "questions"
    shutil.copytree(bank_dir(), directory)
    db = await Database.open(settings.db_path)
    try:
        understanding._parsed_banks._kept.clear()
        parsed = await stored_bank(db, directory)
        assert parsed == Bank.load(directory)
        stored = await db.scalar("SELECT key FROM question_models WHERE name = ?", (BANK_NAME,))
        assert stored is not None
        # Read back from the database, not parsed: the same bank.
        understanding._parsed_banks._kept.clear()
        with monkeypatch.context() as patched:
            patched.setattr(understanding, "_sections", None)  # parsing would fail
            assert await stored_bank(db, directory) == parsed
        # A changed file is parsed again and stored in place of the stale sections.
        english = directory / "en.yaml"
        english.write_text(english.read_text() + "not_names: [zzzyxname]\n")
        understanding._parsed_banks._kept.clear()
        changed = await stored_bank(db, directory)
        assert "zzzyxname" in changed.not_names and "zzzyxname" not in parsed.not_names
        rows = await db.fetchall("SELECT key FROM question_models WHERE name = ?", (BANK_NAME,))
        assert len(rows) == 1 and rows[0][0] != stored
    finally:
        understanding._parsed_banks._kept.clear()
        await db.close()


def _office_entry(knowledge: Knowledge, words: str) -> Knowledge:
    """`knowledge` with an office-made FAQ entry whose question is a user's `words`."""
    entry = next(iter(knowledge.faq.values()))
    office = dataclasses.replace(
        entry, id="office-1", office=True, questions={"de": [f"Gibt es {words} in Herne?"]}
    )
    return dataclasses.replace(knowledge, faq={**knowledge.faq, office.id: office})


async def test_the_faq_form_counts_are_stored_without_the_offices_entries(settings) -> None:
    db = await Database.open(settings.db_path)
    try:
        knowledge = _office_entry(await Knowledge.load(db), "Zauberladenquux")
        qa._last_counts._kept.clear()
        counts = await qa.stored_form_counts(db, knowledge)
        step, entries = qa._counted(knowledge)
        assert counts == qa._form_counts(qa._read(entries), step)  # as counted in one pass
        assert "zauberladenquux" in counts
        stored = await db.scalar("SELECT data FROM question_models WHERE name = ?", (FORMS_NAME,))
        assert stored is not None and b"zauberladenquux" not in stored.lower()
        # Read back: the files' counts from the database, the office's counted again.
        qa._last_counts._kept.clear()
        assert await qa.stored_form_counts(db, knowledge) == counts
        # A changed entry of the files is counted again, in place of the stale counts.
        first = next(e for e in knowledge.faq.values() if not e.office)
        answers = {**first.answers, "de": first.answers["de"] + " Schachturnierquux."}
        changed = dataclasses.replace(
            knowledge, faq={**knowledge.faq, first.id: dataclasses.replace(first, answers=answers)}
        )
        qa._last_counts._kept.clear()
        recounted = await qa.stored_form_counts(db, changed)
        assert recounted.get("schachturnierquux") == counts.get("schachturnierquux", 0) + step
        rows = await db.fetchall("SELECT data FROM question_models WHERE name = ?", (FORMS_NAME,))
        assert len(rows) == 1 and b"schachturnierquux" in rows[0][0]
    finally:
        qa._last_counts._kept.clear()
        await db.close()


async def test_a_readers_cues_are_compiled_for_the_languages_it_reads(settings) -> None:
    db = await Database.open(settings.db_path)
    try:
        knowledge = await Knowledge.load(db)
    finally:
        await db.close()
    reader = Reader(knowledge, Bank.load(bank_dir()))
    assert not reader._cues
    assert reader.asked_for("Wer hat den Vertrag unterschrieben?", "de")
    reader.compared("Ist Konin größer als Herne?", "de")
    assert set(reader._cues) == {("asks", "de"), ("compares", "de")}
