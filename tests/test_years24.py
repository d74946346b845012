"""History questions of round 24: how many years a partnership has lasted and when one of its
anniversaries falls, counted from its beginning in the base (never an invented date), and the
people the base's answers name, asked about by name; anyone else by name gets the fallback."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import bot.compose
from bot.persons import named_persons
from bot.render import to_plain


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


@pytest.fixture
def in_december_2026(monkeypatch):
    """Today is 2 December 2026 (after Konin's 8 October, before nothing of the year)."""
    monkeypatch.setattr(bot.compose, "utcnow", lambda: datetime(2026, 12, 2, 9, tzinfo=UTC))


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("How many years has the partnership with Wakefield existed?", "en", ("70 years", "1956")),
        ("ile lat trwa już partnerstwo z Koninem?", "pl", ("35 lat", "1991")),
        ("скока лет уже дружим с вейкфилдом", "ru", ("70 лет",)),
        ("和科宁结为友好城市多少年了？", "zh", ("35年",)),
        ("ça fait combien d'années que herne est jumelée avec wakefield ?", "fr", ("70 ans",)),
    ],
)
async def test_how_many_years_is_counted_from_the_beginning(
    qa, in_december_2026, text, language, expected
):
    answer = await qa.answer(text, language)
    assert not answer.fallback and answer.language == language
    said = to_plain(answer)
    assert all(e in said for e in expected), said


async def test_the_count_is_of_whole_years_by_the_day_the_partnership_began(qa, monkeypatch):
    # Konin since 8 October 1991: 34 years on 1 October 2026, 35 a week later.
    monkeypatch.setattr(bot.compose, "utcnow", lambda: datetime(2026, 10, 1, tzinfo=UTC))
    said = to_plain(await qa.answer("How many years has Herne been twinned with Konin?", "en"))
    assert "34 years" in said
    monkeypatch.setattr(bot.compose, "utcnow", lambda: datetime(2026, 10, 9, tzinfo=UTC))
    said = to_plain(await qa.answer("How many years has Herne been twinned with Konin?", "en"))
    assert "35 years" in said


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # read as Konin's first contacts, its events, another city's entry
        ("wann ist das 30-jährige Jubiläum mit Konin?", "de", "war 2021"),
        ("когда будет 30 лет партнерства с Конином?", "ru", "в 2021 году"),
        (
            "quand aura lieu le 75e anniversaire du jumelage avec hénin-beaumont ?",
            "fr",
            "aura lieu en 2029",
        ),
        ("when is the 70th anniversary of the twinning with wakefield", "en", "this year, 2026"),
        ("和韦克菲尔德结好70周年是哪一年？", "zh", "2026"),
    ],
)
async def test_an_anniversary_by_its_number_falls_in_the_year_counted_from_the_beginning(
    qa, in_december_2026, text, language, expected
):
    answer = await qa.answer(text, language)
    assert not answer.fallback and answer.language == language
    assert answer.entry and answer.entry.startswith("city.since:")
    assert expected in to_plain(answer)


async def test_no_count_where_the_question_asks_no_partnerships_years(qa, in_december_2026):
    # a city's founding, a trip's length, a year that is no anniversary's number
    for text, language in (
        ("When was Belgorod founded?", "en"),
        ("Wie lange dauert die Fahrt nach Konin?", "de"),
        ("Seit wann ist Konin Partnerstadt?", "de"),
    ):
        said = to_plain(await qa.answer(text, language))
        assert "Jahre" not in said and "years" not in said and "Jubiläum" not in said, said


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Wer war Willi Pohlmann?", "de", "1990"),
        ("кто такой Вилли Польман?", "ru", "1990"),
        ("维利·波尔曼是谁？", "zh", "1990"),
        ("who is Murat Hazinedar?", "en", "2016"),
        ("kim jest Józef Nowicki?", "pl", "Konin"),
        ("quien es Frank Dudda?", "es", "2018"),
        ("wer ist eigentlich dieser pohlman", "de", "1990"),
    ],
)
async def test_a_person_the_answers_name_is_told_by_those_answers(qa, text, language, expected):
    answer = await qa.answer(text, language)
    assert not answer.fallback and answer.language == language
    assert expected in to_plain(answer)


async def test_the_entries_naming_a_person_come_in_date_order(qa):
    answer = await qa.answer("who is Murat Hazinedar?", "en")
    assert answer.entry == "faq:besiktas-signing-2016,declaration-konin-besiktas-signed-before"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wer war Hans Meierhoff und was hatte der mit den Partnerstädten zu tun?", "de"),
        ("кто такой Иван Сидоренко из Белгорода?", "ru"),
        # a person named, but asked what no answer holds (current mayors are unverified, a
        # private number is never given)
        ("Is Frank Dudda still the mayor of Herne today?", "en"),
        ("Дайте мне номер мобильного Константина Полежаева", "ru"),
    ],
)
async def test_anyone_else_or_anything_else_about_them_gets_the_fallback(qa, text, language):
    assert (await qa.answer(text, language)).fallback


def test_a_surname_is_found_declined_or_one_letter_off_but_not_inside_other_words():
    assert named_persons("Кто такой Польман?") == ["willi-pohlmann"]
    assert named_persons("kto to był Pohlmana?") == ["willi-pohlmann"]
    assert named_persons("who was Hazinadar") == ["murat-hazinedar"]
    assert named_persons("who was Polmannsberger, the mayor?") == []
    assert named_persons("Is Frank Dudda still the mayor of Herne?") == []
    assert named_persons("Frank Dudda") == []  # no word asks who he is
    assert named_persons("who is Pohlmann " + "Pohlmann " * 500) == []  # no short question


@pytest.mark.parametrize(
    ("text", "language", "entry"),
    [
        # a long city name typed with two letters left out
        ("how far is wakfeld", "en", "city.distance:wakefield"),
        ("when did wakefld become a partner", "en", "city.since:wakefield"),
        # a reflexive verb typed as it sounds
        ("где находица вейкфилд", "ru", "city.where:wakefield"),
        ("де знаходицця конін", "uk", "city.where:konin"),
    ],
)
async def test_typed_fast_or_as_it_sounds(qa, text, language, entry):
    answer = await qa.answer(text, language)
    assert not answer.fallback and answer.entry == entry


def test_a_spoken_ending_is_read_as_written_and_nothing_else_is():
    from bot.nlp import spoken_readings
    from bot.search import _two_left_out

    assert spoken_readings("находица") == ["находится"]
    assert spoken_readings("знаходицця") == ["знаходиться"]
    assert spoken_readings("находится") == []
    assert "wakfeld" in _two_left_out("wakefield")
    assert "akefiel" not in _two_left_out("wakefield")  # the first letter is kept


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("konin is in poland right?", "en"),
        ("конин в польше, да?", "ru"),
        ("konin polonyada degil mi?", "tr"),
        ("konin jest w polsce, prawda?", "pl"),
        ("конін у польщі, так?", "uk"),
    ],
)
async def test_a_partner_city_said_to_lie_in_its_own_country_asks_where_it_lies(qa, text, language):
    answer = await qa.answer(text, language)
    assert answer.entry == "city.where:konin" and answer.language == language


@pytest.mark.parametrize(
    ("text", "language", "entry"),
    [
        # a country asked as if it were a city, a partner city there, Herne's Polish roots
        ("Is Poland a partner city?", "en", "partners.check"),
        ("is there a partner city in poland", "en", "partners.list"),
        ("ile osób z polskimi korzeniami mieszka w herne", "pl", "faq:polish-roots-herne"),
    ],
)
async def test_a_country_without_a_city_said_to_lie_there_is_read_as_before(
    qa, text, language, entry
):
    answer = await qa.answer(text, language)
    assert (answer.entry or "").startswith(entry)
