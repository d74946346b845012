"""Belgorod and the 2018 declaration: what a question about them names is answered (issue 9)."""

from __future__ import annotations

import re

import pytest

from bot.render import to_plain


def plain(answer) -> str:
    return to_plain(answer).lower()


@pytest.mark.parametrize(
    ("question", "language", "field"),
    [
        ("Ging es bei der Erklärung mit Belgorod auch um Nanotechnik?", "de", "nanotechnologie"),
        ("Was the declaration about energy too?", "en", "energy"),
    ],
)
async def test_a_field_named_in_a_declaration_question_gets_the_fields(
    qa, question, language, field
):
    answer = await qa.answer(question, language)
    assert not answer.fallback
    assert answer.entry.startswith("declaration."), answer.entry
    assert "declaration-fields" in answer.entry
    assert field in plain(answer)


async def test_belgorods_nanotechnology_says_where_herne_looked_for_partners(qa):
    answer = await qa.answer(
        "Welche Hochschulen sollten für die Nanotechnologie mit Belgorod Partner werden?", "de"
    )
    text = plain(answer)
    assert "bochum" in text and "dortmund" in text and "gelsenkirchen" in text
    assert re.search("ruht|ausgesetzt", text)  # the Belgorod rule


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Was ging der Erklärung von 2018 voraus?", "de"),
        ("What was the background to the 2018 declaration with Belgorod?", "en"),
        ("Какая предыстория у декларации 2018 года?", "ru"),
        ("2018年合作宣言的背景是什么？", "zh"),
    ],
)
async def test_what_led_up_to_the_declaration_is_part_of_its_answer(qa, question, language):
    answer = await qa.answer(question, language)
    assert not answer.fallback
    assert answer.entry.startswith("declaration."), answer.entry
    assert "declaration-groundwork" in answer.entry
    assert "business international" in plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "website"),
    [
        ("quel est le site de l'Université d'État de Belgorod ?", "fr", "bsuedu.ru"),
        ("¿Cuál es la web de la Universidad Estatal de Bélgorod?", "es", "bsuedu.ru"),
        ("what's the website of Belgorod State Technological University", "en", "bstu.ru"),
    ],
)
async def test_a_university_named_as_people_translate_it_is_the_university(
    qa, question, language, website
):
    """Not the city's website: the city's name inside the university's is no city question."""
    answer = await qa.answer(question, language)
    assert answer.entry.startswith("org.info:"), answer.entry
    assert website in plain(answer)
    assert "beladm.ru" not in plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        (
            "Our choir hoped to visit Belgorod next year, can we still go through the twinning?",
            "en",
        ),
        (
            "Notre chorale voulait aller à Belgorod l'an prochain, ça se fait encore via le "
            "jumelage ?",
            "fr",
        ),
        ("Korumuz Belgorod'u ziyaret etmek istiyor, kardeş şehir üzerinden hâlâ olur mu?", "tr"),
    ],
)
async def test_a_visit_to_belgorod_split_between_readings_that_all_say_the_status_gets_it(
    qa, question, language
):
    # Split between the status, the exchanges to come and the entry on exchanges now, each
    # under the threshold: every one of them says that the partnership is on hold.
    answer = await qa.answer(question, language)
    assert not answer.fallback
    assert answer.entry == "city.status:belgorod"
    assert "2022" in plain(answer)


@pytest.mark.parametrize(
    "question",
    ["What will the weather be like in Belgorod tomorrow?", "Who is the mayor of Belgorod now?"],
)
async def test_what_the_base_does_not_hold_about_belgorod_is_still_not_known(qa, question):
    assert (await qa.answer(question, "en")).fallback


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("belgorod twinning cancelled??", "en"),
        ("Hat Herne die Partnerschaft mit Belgorod gekündigt?", "de"),
        ("побратимство с белгородом заморожено или расторгнуто окончательно", "ru"),
        ("Belgorod ile ilişki donduruldu mu?", "tr"),
        ("¿el hermanamiento con Belgorod está cancelado?", "es"),
    ],
)
async def test_ending_or_freezing_said_in_words_the_bank_lacks_asks_the_status(
    qa, question, language
):
    answer = await qa.answer(question, language)
    assert answer.entry == "city.status:belgorod", answer.entry
    assert answer.confidence >= 0.6


async def test_sector_contacts_for_belgorod_say_the_suspension(qa):
    answer = await qa.answer(
        "Unsere Theatergruppe würde gern mit Jugendlichen aus Belgorod Kontakt aufnehmen, "
        "ist das derzeit möglich?",
        "de",
    )
    assert answer.entry.startswith("contacts.sector:"), answer.entry
    assert re.search("ruht|ausgesetzt", plain(answer))


@pytest.mark.parametrize(
    ("question", "language", "signatory"),
    [
        ("What part did Konin play in the 2018 declaration?", "en", "nowicki"),
        ("Beşiktaş da o 2018 işbirliği bildirgesine katıldı mı?", "tr", "hazinedar"),
        ("А Конин тоже участвовал в декларации 2018 года?", "ru", "новицкий"),
    ],
)
async def test_a_quartet_city_named_in_a_declaration_question_gets_its_own_part(
    qa, question, language, signatory
):
    answer = await qa.answer(question, language)
    assert answer.entry.startswith("declaration.about:declaration-konin-besiktas"), answer.entry
    assert signatory in plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "field"),
    [
        ("um welche bereiche ging es bei der kooperationserklärung 2018", "de", "logistik"),
        ("ça portait sur quoi cette declaration de cooperation", "fr", "logistique"),
        ("о чём была декларация 2018 года?", "ru", "логистик"),
    ],
)
async def test_what_the_declaration_was_about_names_its_fields(qa, question, language, field):
    answer = await qa.answer(question, language)
    assert answer.entry.startswith("declaration.about:"), answer.entry
    assert field in plain(answer)
