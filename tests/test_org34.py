"""Round 34: an organisation itself versus how to reach it, and opening a business
(bench/qa_probe_org34.jsonl). Someone opening a shop, a salon or a firm who asks whom to turn
to, or who promotes the economy, gets business development (in a partner city, with what the
base holds there); a question about what an organisation is (its members, sections, founding,
whether there is one, what it consists of) gets what the base holds about it, and the
association's card says how to reach it too. Expectations are computed from the knowledge
base; the wordings are neither the probe's nor a set's."""

from __future__ import annotations

import pytest

from bot.qa import CONFIDENCE_THRESHOLD
from bot.render import to_plain

BUSINESS = "business-herne"
ASSOCIATION = "partnership-association"


def _business_development(qa):
    return next(o for o in qa.knowledge.organisations.values() if o.kind == "business_development")


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("We're about to open a little ice-cream parlour in Herne, who do we talk to?", "en"),
        ("Ich möchte in Herne eine Metzgerei eröffnen, an wen wende ich mich?", "de"),
        ("Je vais ouvrir une laverie à Herne, vers qui me tourner ?", "fr"),
        ("Хочу открыть в Херне цветочный магазин, к кому обратиться?", "ru"),
        ("Herne'de bir pastane açmak istiyoruz, kime gitmeliyiz?", "tr"),
        ("我想在黑尔讷开一家理发店，找谁？", "zh"),
        ("¿Quién impulsa la economía de Herne?", "es"),
        ("Хто в Герне підтримує економіку міста?", "uk"),
    ],
)
async def test_opening_a_venture_in_herne_gets_business_development(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, (answer.entry, to_plain(answer))
    assert BUSINESS in answer.organisations, (answer.entry, to_plain(answer))
    assert _business_development(shared_qa).name in to_plain(answer)


async def test_a_founder_in_herne_is_not_given_herne_s_clubs(shared_qa):
    # Herne's own organisations (its hockey club, its universities) are no founder's contacts.
    answer = await shared_qa.answer("I'd like to open a bike shop in Herne, who can help?", "en")
    assert answer.organisations == [BUSINESS], (answer.entry, answer.organisations)


async def test_a_founder_in_a_partner_city_gets_that_city_s_business_contacts(shared_qa):
    question = "Chcę otworzyć piekarnię w Belgorodzie, do kogo się zwrócić?"
    answer = await shared_qa.answer(question, "pl")
    assert not answer.fallback, (answer.entry, to_plain(answer))
    there = {o.id for o in shared_qa.knowledge.organisations.values() if o.city_id == "belgorod"}
    assert BUSINESS in answer.organisations
    assert there <= set(answer.organisations), (answer.entry, answer.organisations)


@pytest.mark.parametrize(
    ("question", "unheld", "language"),
    [
        (
            "I want to open a kebab shop in Herne, who do I ask about the licence?",
            "licence",
            "en",
        ),
        (
            "Ich will in Herne einen Laden aufmachen, an wen wende ich mich wegen der Steuer?",
            "wegen der Steuer",
            "de",
        ),
        ("Chcę otworzyć sklep w Herne, kto mi pomoże z podatkiem?", "podatkiem", "pl"),
    ],
)
def test_what_the_base_holds_nothing_of_is_no_founders_question(
    shared_qa, question, unheld, language
):
    # A permit, a rent or a tax is nothing the base holds: no business contacts for it, while
    # the same question without it is a founder's.
    understander = shared_qa.understander
    u, _ = understander.understand(question, language)
    assert understander.founding(u, CONFIDENCE_THRESHOLD) is None, u
    v, _ = understander.understand(question.replace(unheld, ""), language)
    assert understander.founding(v, CONFIDENCE_THRESHOLD) is not None, v


async def test_a_choir_seeking_a_partner_choir_stays_with_the_association(shared_qa):
    answer = await shared_qa.answer(
        "Our choir wants to set up a link with a choir in Konin, who should we contact?", "en"
    )
    assert (answer.entry or "").startswith("association.contact"), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Does the twinning association have a branch for Eisleben?", "en"),
        ("Hat der Partnerschaftsverein eine Sparte für Beşiktaş?", "de"),
        ("Из кого состоит общество партнёрских связей Херне?", "ru"),
        ("A-t-il beaucoup de membres, le comité de jumelage ?", "fr"),
        ("Czy stowarzyszenie partnerskie ma sekcję dla Luzhou?", "pl"),
        ("¿La asociación de hermanamiento tiene una sección para Konin?", "es"),
        ("Чи має товариство партнерських зв'язків секцію для Белгорода?", "uk"),
    ],
)
async def test_the_association_itself_gets_what_the_base_holds_about_it(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, (answer.entry, to_plain(answer))
    association = shared_qa.knowledge.organisations[ASSOCIATION]
    text = to_plain(answer)
    assert str(association.founded) in text or str(association.members_approx) in text, text


async def test_is_there_an_association_and_how_to_reach_it_gets_both(shared_qa):
    answer = await shared_qa.answer(
        "Gibt's in Herne überhaupt einen Verein der Partnerstädte? Und wie kontaktiere ich den?",
        "de",
    )
    text = to_plain(answer)
    association = shared_qa.knowledge.organisations[ASSOCIATION]
    reach = shared_qa.knowledge.faq["association-contact"].answers["de"]
    assert str(association.members_approx) in text, (answer.entry, text)
    # Once: the card holds how to reach it, and the second part is not answered again.
    assert text.count(reach[:40]) == 1, (answer.entry, text)


async def test_becoming_a_member_is_how_to_reach_the_association(shared_qa):
    answer = await shared_qa.answer("Wie kann ich Mitglied im Partnerschaftsverein werden?", "de")
    assert (answer.entry or "").startswith("association.contact"), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Quels établissements composent ruhrvalley ?", "fr"),
        ("Jakie szkoły tworzą ruhrvalley?", "en"),
        ("ruhrvalley'i hangi okullar oluşturuyor?", "tr"),
    ],
)
async def test_what_an_alliance_consists_of_names_its_members(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, (answer.entry, to_plain(answer))
    text = to_plain(answer)
    members = ("hochschule-bochum", "fh-dortmund", "westfaelische-hochschule")
    names = [shared_qa.knowledge.organisations[m].name for m in members]
    assert sum(name in text for name in names) >= 2, (answer.entry, text)
