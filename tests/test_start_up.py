"""What a start reads from the database instead of reading the data again: the same as it
would find, and found again when what it is read from changes."""

from __future__ import annotations

import dataclasses

import bot.search
import bot.understanding as understanding
from bot.db import Database
from bot.understanding import (
    GUARD_NAME,
    READINGS_NAME,
    Bank,
    Knowledge,
    Reader,
    bank_dir,
    guard_key,
    load_understander,
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
