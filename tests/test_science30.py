"""Round 30: science and nanotechnology cooperation and the declaration's fields asked with a
reason: a field asked why, the declaration asked in a sentence of its own beside the asker's
trade, a place near Herne asked as a partner city because of its university, and what the
declaration was about when a story names its cities (bench/qa_probe_sci30.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Weshalb hebt die Erklärung gerade die Nanotechnologie hervor?", "de"),
        ("How come nanotechnology got such weight in the declaration?", "en"),
        ("Отчего в той декларации столько внимания нанотехнологиям?", "ru"),
        ("¿Por qué razón la declaración pone la nanotecnología en primer plano?", "es"),
    ],
)
async def test_a_field_asked_why_is_what_was_said_of_the_research(shared_qa, question, language):
    # Not the list of the fields nor the year's story: what was said of Belgorod's research
    # and where Herne looked for partners, the universities of applied sciences.
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == "faq:nanotech-belgorod-research", text
    assert "Bochum" in text or "Бохум" in text, text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        (
            "Meine Tante führt eine Apotheke in Herne. Sie hat gehört, dass 2018 eine Erklärung "
            "mit Belgorod unterzeichnet wurde. Welche Felder umfasst sie?",
            "de",
        ),
        (
            "Jakie sektory obejmowała deklaracja z 2018? Mam firmę kurierską w Koninie i szukam "
            "kontaktów.",
            "pl",
        ),
        (
            "Mon oncle tient une entreprise de logistique et a lu qu'en 2018 Herne avait signé une "
            "déclaration avec Konin. Elle concerne quels domaines ?",
            "fr",
        ),
    ],
)
async def test_the_declaration_asked_beside_a_trade_story_gives_its_fields(
    shared_qa, question, language
):
    # The asker's trade is no sector asked about, nor is the year a story of the year: the
    # sentence that asks is about the declaration, and its fields are the answer.
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert (answer.entry or "").startswith("declaration."), text
    assert "nanotech" in text.lower(), text
    assert not (answer.entry or "").startswith("contacts."), text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Gehört Bochum auch zu den Partnerstädten, wegen der Hochschule dort?", "de"),
        ("Dortmund — тоже город-побратим, ведь там есть вуз?", "ru"),
        ("Is Dortmund twinned with Herne as well, what with the college being there?", "en"),
    ],
)
async def test_a_place_asked_as_partner_for_its_university_gets_the_check(
    shared_qa, question, language
):
    # The university is the asker's reason, not the question: whether the place is a
    # partner city (it is not), never the unverified Bochum–Belgorod agreement.
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert (answer.entry or "").startswith("partners.check"), text
    assert "bochum-belgorod" not in (answer.entry or ""), text


async def test_what_the_declaration_was_about_keeps_its_fields_beside_the_cities(shared_qa):
    # A story naming the cities that signed it brings their entries first; the fields still
    # belong to what the declaration was about.
    answer = await shared_qa.answer(
        "A colleague mentioned Konin and Beşiktaş signing some paper with Herne back then. "
        "What was the 2018 declaration about?",
        "en",
    )
    assert "declaration-fields" in (answer.entry or ""), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "needed"),
    [
        ("Wann genau wurde die Erklärung im Parkhotel unterschrieben?", "de", "16"),
        ("Kto złożył podpisy pod deklaracją w Parkhotelu?", "pl", "Dudda"),
    ],
)
async def test_the_signing_is_answered_as_before(shared_qa, question, language, needed):
    answer = await shared_qa.answer(question, language)
    assert needed in to_plain(answer), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wie lange hat das Labor der Fachhochschule Dortmund samstags geöffnet?", "de"),
        ("How much does a semester at the Westfälische Hochschule cost?", "en"),
    ],
)
async def test_science_questions_the_base_cannot_answer_fall_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)
