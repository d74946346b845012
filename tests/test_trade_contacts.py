"""Business contacts asked by the asker's trade (round 21): a kind of organisation the base
holds none of, told as the asker's own ("I'm an accountant at a haulage firm, ..."), is
context, not what is asked for; a Ukrainian sector word typed without its apostrophe is still
the sector."""

from __future__ import annotations

import re

import pytest

from bot.nlp import clean
from bot.render import to_plain


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


BUSINESS_HERNE = re.compile(r"business herne|wirtschaftsförderung", re.IGNORECASE)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        (
            "Я бухгалтерка в логістичній фірмі, ми шукаємо ділові контакти в Коніні через "
            "Герне — до кого звернутися?",
            "uk",
        ),
        ("I'm an accountant at a haulage firm and we'd like business contacts in Konin", "en"),
        ("Ben avukatım, Beşiktaş'taki şirketlerle çalışmak istiyoruz", "tr"),
        ("Pracuję jako prawnik, nasza kancelaria szuka partnerów w Herne", "pl"),
        ("Je suis avocate et je cherche des contacts d'affaires à Herne", "fr"),
        ("Soy abogada y busco contactos de negocios en Herne", "es"),
        ("我是律师，想和黑尔讷的企业合作", "zh"),
        ("Als Steuerberaterin suche ich Geschäftskontakte in Konin", "de"),
    ],
)
def test_a_kind_told_as_the_askers_own_is_not_asked_for(qa, question, language):
    reader = qa.understander.reader
    assert reader.kinds_named(reader.scan(clean(question)), language) == ()


@pytest.mark.parametrize(
    ("question", "language", "kind"),
    [
        ("I need an accountant in Konin", "en", "tax_adviser"),
        ("I am looking for a lawyer in Konin", "en", "lawyer"),
        ("Мне нужен бухгалтер в Херне", "ru", "tax_adviser"),
        ("Szukam prawnika w Koninie", "pl", "lawyer"),
        ("Herne'de bir avukat arıyorum", "tr", "lawyer"),
        ("Je cherche un avocat à Herne", "fr", "lawyer"),
    ],
)
def test_a_kind_asked_for_still_is(qa, question, language, kind):
    reader = qa.understander.reader
    assert reader.kinds_named(reader.scan(clean(question)), language) == (kind,)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        (
            "Я бухгалтерка в логістичній фірмі, ми шукаємо ділові контакти в Коніні через "
            "Герне — до кого звернутися?",
            "uk",
        ),
        (
            "Я юрист, у нашей фирмы клиенты в Бешикташе, и мы хотим расширяться. Кто в Херне "
            "помогает с деловыми контактами?",
            "ru",
        ),
        (
            "Soy abogada y mi despacho quiere trabajar con empresas de Herne, ¿quién nos puede "
            "poner en contacto?",
            "es",
        ),
    ],
)
async def test_an_asker_of_a_kind_gets_the_business_contact(qa, question, language):
    answer = await qa.answer(question, language)
    assert not answer.fallback and answer.language == language, to_plain(answer)
    assert BUSINESS_HERNE.search(to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # Words that begin like a trade word are no sector: "important", "founded",
        # "Kontakte herstellen" (to make contacts), "start".
        ("Why is Konin important for Herne?", "en"),
        ("When was Konin founded?", "en"),
        ("Wie kann ich Kontakte nach Konin herstellen?", "de"),
        ("When did the partnership with Konin start?", "en"),
    ],
)
def test_words_beginning_like_a_trade_are_no_sector(qa, question, language):
    understood, _ = qa.understander.understand(question, language)
    assert "business_development" not in understood.sectors


@pytest.mark.parametrize(
    "question",
    [
        "до кого звертатися щодо охорони здоровя в герне",
        "до кого звертатися щодо охорони здоров’я в герне",
        "до кого звертатися щодо охорони здоров'я в герне",
    ],
)
async def test_a_ukrainian_sector_word_without_its_apostrophe_is_the_sector(qa, question):
    understood, _ = qa.understander.understand(question, "uk")
    assert understood.sectors == ("health_economy",)
    answer = await qa.answer(question, "uk")
    assert not answer.fallback and BUSINESS_HERNE.search(to_plain(answer))
