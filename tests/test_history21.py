"""History questions of round 21: names as each language writes them, the association by its
long name shortened, who arranged the first contacts, trips to a city on hold."""

from __future__ import annotations

import pytest

from bot.nlp import fold_latin, words
from bot.render import to_plain
from bot.search import EntityMatcher


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


def _folded(text: str) -> list[str]:
    return [fold_latin(w) for w in words(text)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Где подписали декларацию 2018 года?", "ru", "Паркхотель"),
        ("У якому готелі підписали декларацію 2018 року?", "uk", "Паркготель"),
        ("Qui a signé la déclaration de 2018 à Herne ?", "fr", "Polejaïev"),
        ("Wer hat 2018 im Parkhotel unterschrieben?", "de", "Poleschajew"),
        ("2018 bildirgesini Belgorod adına kim imzaladı?", "tr", "Polejayev"),
        ("Who signed the partnership treaty with Belgorod in 1990?", "en", "Kobyakov"),
        ("1990年谁和别尔哥罗德签的协议？", "zh", "科比亚科夫"),
    ],
)
async def test_names_are_written_as_the_language_writes_them_beside_the_latin_form(
    qa, text, language, expected
):
    answer = await qa.answer(text, language)
    assert not answer.fallback
    assert expected in to_plain(answer)


NAMES = [
    (
        "organisation",
        "Товариство сприяння партнерським зв'язкам міста Герне",
        ("association",),
        "uk",
    ),
    ("organisation", "黑尔讷市友好城市关系促进协会", ("association",), "zh"),
    ("organisation", "Hochschulallianz ruhrvalley", ("ruhrvalley",), None),
    ("city", "黑尔讷", ("herne",), "zh"),
]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a word left out, the end cut off, a word inflected, a word before the others left out
        ("Коли заснували товариство сприяння партнерським зв'язкам Герне?", True),
        ("товариство сприяння партнерським зв'язкам", True),
        ("黑尔讷友好城市关系促进协会是哪一年成立的", True),
        # too little of it: the first words are many a name's
        ("товариство сприяння Герне", False),
        ("黑尔讷市友好城市有哪些", False),
    ],
)
def test_an_organisations_long_name_is_found_shortened(text, found):
    matcher = EntityMatcher(NAMES)
    kinds = {m.kind for m in matcher.find(_folded(text))}
    assert ("organisation" in kinds) is found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Коли заснували товариство сприяння партнерським зв'язкам Герне?", "uk"),
        ("В каком году создано общество содействия партнёрским связям Херне?", "ru"),
        (
            "Wie viele Mitglieder hat der Verein zur Förderung partnerschaftlicher Beziehungen?",
            "de",
        ),
        ("Kiedy powstało Stowarzyszenie Wspierania Stosunków Partnerskich Herne?", "pl"),
        ("黑尔讷友好城市关系促进协会是哪一年成立的？", "zh"),
    ],
)
async def test_the_association_asked_by_its_name_shortened_is_the_association(qa, text, language):
    understood, _ = qa.understander.understand(text, language)
    assert understood.organisations == ("partnership-association",)
    answer = await qa.answer(text, language)
    assert not answer.fallback
    assert "1995" in to_plain(answer)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Кто организовал первые контакты с Конином?", "ru"),
        ("Konin ile ilk temasları kim sağladı?", "tr"),
        ("Konin'le ilk bağlantıyı kim kurdu?", "tr"),
        ("¿Quién organizó el primer contacto con Konin?", "es"),
        ("Kto zorganizował pierwsze kontakty z Koninem?", "pl"),
        ("与科宁的第一次接触是谁安排的？", "zh"),
        ("Who set up the first contacts with Konin?", "en"),
    ],
)
async def test_who_arranged_the_first_contacts_gets_how_the_partnership_began(qa, text, language):
    understood, _ = qa.understander.understand(text, language)
    assert "initiator" in understood.asks
    answer = await qa.answer(text, language)
    assert not answer.fallback
    assert "1989" in to_plain(answer)


async def test_the_turkish_verb_to_provide_is_no_health_word(qa):
    understood, _ = qa.understander.understand("Konin ile ilk temasları kim sağladı?", "tr")
    assert understood.sectors == ()


async def test_whom_to_contact_is_still_whom_to_contact(qa):
    # No cue of the first contacts: a contact, not the history.
    answer = await qa.answer("Wer ist mein Ansprechpartner für Logistik in Konin?", "de")
    assert "1989" not in to_plain(answer)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Meine Nichte möchte mit ihrer Schule nach Belgorod fahren, geht das überhaupt noch?",
            "de",
        ),
        ("Mein Sohn will mit seiner Klasse nach Belgorod reisen, ist das noch möglich?", "de"),
        ("Моя племінниця хоче поїхати зі школою до Бєлгорода, це ще можливо?", "uk"),
    ],
)
async def test_a_trip_to_a_city_on_hold_gets_its_status(qa, text, language):
    answer = await qa.answer(text, language)
    assert not answer.fallback
    assert "2022" in to_plain(answer)
