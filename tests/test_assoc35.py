"""Round 35: two-part questions about an organisation, whom to contact to take part, a trip to
Belgorod through the association, and thanks said warmly (bench/qa_probe_assoc35.jsonl). What an
organisation is, asked beside what an entry of its own holds, gets its card and that entry;
wanting to take part in the partnerships and asking whom to turn to gets the association; a
trip to a partner city on hold says so; thanks with intensifiers and slang are thanks.
Expectations are computed from the knowledge base; the wordings are neither the probe's nor a
set's."""

from __future__ import annotations

import pytest

from bot.render import to_plain

ASSOCIATION = "partnership-association"
THANKS = "smalltalk.thanks"


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("thanks heaps mate, you really helped me out", "en"),
        ("vielen herzlichen Dank, du hast mich gerettet", "de"),
        ("огромнейшее спасибо, ты меня выручила", "ru"),
        ("dzięki serdeczne, bardzo mi pomogłaś", "pl"),
        ("sağ olasın abi, hayat kurtardın", "tr"),
        ("merci infiniment, vous m'avez bien aidé", "fr"),
        ("gracias de verdad, me has ayudado mucho", "es"),
        ("万分感谢，你救了我", "zh"),
        ("щиро дякую, ти мене виручив", "uk"),
    ],
)
async def test_thanks_said_warmly_is_thanks(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == THANKS, (answer.entry, to_plain(answer))
    assert not answer.fallback


@pytest.mark.parametrize(
    ("question", "language"),
    [("a ton, mate", "en"), ("çok kanka", "tr"), ("огромное бро", "ru")],
)
async def test_the_words_beside_thanks_thank_nobody_alone(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry != THANKS, (answer.entry, to_plain(answer))


async def test_thanks_before_a_question_leaves_the_question(shared_qa):
    answer = await shared_qa.answer("thanks a ton mate, and where is Wakefield?", "en")
    assert answer.entry is not None and answer.entry.startswith("city.where"), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Who can I talk to if I'd like to pitch in with the twin town partnerships?", "en"),
        (
            "Ich möchte mich ehrenamtlich für die Partnerstädte einbringen, an wen wende ich mich?",
            "de",
        ),
        ("Хочу поучаствовать в жизни городов-побратимов Херне — кому написать?", "ru"),
        ("Chcę wspierać miasta partnerskie Herne, do kogo się zgłosić?", "pl"),
        ("Kardeş şehirlere katkı sağlamak istiyorum, kime yazayım?", "tr"),
        ("Je veux m'investir dans le jumelage, vers qui me tourner ?", "fr"),
        ("Quisiera cooperar con las ciudades hermanas de Herne, ¿a quién escribo?", "es"),
        ("我想为友好城市出一份力，找谁？", "zh"),
        ("Хочу волонтерити для міст-партнерів Герне, до кого звернутися?", "uk"),
    ],
)
async def test_taking_part_and_asking_whom_gets_the_association(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, (answer.entry, to_plain(answer))
    assert answer.organisations == [ASSOCIATION], (answer.entry, answer.organisations)


async def test_a_company_cooperating_in_a_sector_is_no_member_of_the_association(shared_qa):
    # A trade named: business contacts, as on main, not the association.
    question = "Meine Logistikfirma will mit Konin zusammenarbeiten, an wen wende ich mich?"
    answer = await shared_qa.answer(question, "de")
    assert not answer.entry or not answer.entry.startswith("association."), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Quick one: what is ruhrvalley, and when did its Herne office open?", "en"),
        ("Czym jest ruhrvalley? Mają biuro w Herne?", "pl"),
        ("ruhrvalley — що це таке і чи є офіс у Герне?", "uk"),
    ],
)
async def test_what_an_organisation_is_and_its_entry_both(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    description = shared_qa.knowledge.organisations["ruhrvalley"].texts[language]["description"]
    assert description in text, (answer.entry, text)
    assert "2021" in text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Is there any twinning association that travels to Wakefield regularly?", "en"),
        ("Gibt es da einen Verein, der Fahrten nach Wakefield anbietet?", "de"),
        ("Hay alguna asociación que organice viajes a Wakefield?", "es"),
    ],
)
async def test_whether_there_is_one_beside_its_trips_gets_its_card_and_trips(
    shared_qa, question, language
):
    knowledge = shared_qa.knowledge
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert ASSOCIATION in answer.organisations
    assert knowledge.faq["association-trips"].answers[language] in text, (answer.entry, text)
    association = knowledge.organisations[ASSOCIATION]
    assert str(association.founded) in text and str(association.members_approx) in text, text


async def test_the_association_meant_without_its_name_gets_its_card(shared_qa):
    question = "Is there some group in Herne for fans of the twin towns? How many members?"
    answer = await shared_qa.answer(question, "en")
    assert ASSOCIATION in answer.organisations, (answer.entry, answer.organisations)
    members = shared_qa.knowledge.organisations[ASSOCIATION].members_approx
    assert str(members) in to_plain(answer), to_plain(answer)


async def test_becoming_a_member_stays_how_to_reach_it(shared_qa):
    answer = await shared_qa.answer("How can I join the twinning association?", "en")
    assert answer.entry is not None and answer.entry.startswith("association.contact"), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Kann unsere Theatergruppe über den Verein gerade eine Reise nach Belgorod planen?", "de"),
        ("Could the twinning society help our youth band visit Belgorod this autumn?", "en"),
        ("Czy stowarzyszenie pomoże nam teraz zorganizować wyjazd do Biełgorodu?", "pl"),
    ],
)
async def test_a_trip_to_a_partner_city_on_hold_says_so(shared_qa, question, language):
    knowledge = shared_qa.knowledge
    held = [c for c in knowledge.cities.values() if c.status == "suspended"]
    assert held
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    # Said in the status note or in an entry's own words: the date it was put on hold.
    assert any(str(c.status_since)[:4] in text for c in held), (answer.entry, text)
