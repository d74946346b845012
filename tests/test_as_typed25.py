"""Round 25: English, Spanish and French as people type them (bench/qa_probe_enes25.jsonl): a
list asked after a story of why, whom to phone, how a partnership stands or when it was signed
asked in passing, a school exchange with a partner city, and an active partnership's start
given as a year."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        (
            "so basically my daughter's school wants to do some kind of exchange with one of the "
            "partner towns and the teacher asked me which ones there are, can you list them?",
            "en",
        ),
        (
            "my son's football club wants to play a team from a twin town, which twin towns "
            "does Herne have?",
            "en",
        ),
        (
            "Bonjour, alors en fait l'école de ma fille voudrait organiser un échange avec une "
            "ville jumelée, lesquelles y a-t-il ?",
            "fr",
        ),
    ],
)
async def test_a_list_asked_after_a_story_gets_the_list(shared_qa, question, language):
    # talk26: the school exchange may be answered too, before the list (whom to contact for
    # one: the association's education contacts), as its own part of the message.
    answer = await shared_qa.answer(question, language)
    assert "partners.list" in answer.entry.split("+"), to_plain(answer)
    assert {"wakefield", "konin", "luzhou"} <= set(answer.cities), answer.cities


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Could you tell me whom I should ring about twinning in Herne, please?", "en"),
        ("who do I need to ring about the town twinning?", "en"),
    ],
)
async def test_whom_to_phone_about_twinning_is_the_association(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert "Verein zur Förderung" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("¿hay intercambios escolares con Wakefield?", "es"),
        ("Est-ce que l'école peut faire un échange avec Wakefield ?", "fr"),
        ("are there school exchanges with Wakefield?", "en"),
        ("Gibt es Schüleraustausch mit Wakefield?", "de"),
        ("y a-t-il des échanges scolaires avec Konin ?", "fr"),
    ],
)
async def test_a_school_exchange_with_a_partner_city_is_not_hernes_science_partners(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry != "faq:nanotech-partners-herne", to_plain(answer)


async def test_hernes_own_organisations_tie_an_entry_to_a_partner_city_by_no_sector(shared_qa):
    understander = shared_qa.understander
    faq = understander.reader.knowledge.faq
    universities = faq["nanotech-partners-herne"]
    # Universities are of education, but Herne's science partners say nothing of schools in
    # Wakefield ...
    assert understander._only_herne_bodies(universities, {"wakefield"}, ("education",))
    # ... while asked of no partner city, or of the sector its own questions name, they do;
    # and an entry about the partner city asked is never set aside so.
    assert not understander._only_herne_bodies(universities, set(), ("education",))
    assert not understander._only_herne_bodies(universities, {"belgorod"}, ("nanotechnology",))
    trips = faq["association-trips"]
    assert not understander._only_herne_bodies(trips, {"wakefield"}, ("education",))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("how are things with Belgorod these days", "en"),
        ("como van las cosas con belgorod", "es"),
        ("ça en est où avec Belgorod ?", "fr"),
    ],
)
async def test_how_a_partnership_stands_asked_in_passing(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "city.status:belgorod", to_plain(answer)
    assert "2022" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("gracias! y cuando se firmo lo de konin?", "es"),
        ("merci ! et c'était quand pour Konin ?", "fr"),
    ],
)
async def test_when_a_partnership_was_signed_is_not_the_declaration(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert "1991" in text and "2018" not in text, text


@pytest.mark.parametrize(
    ("question", "language", "said", "unsaid"),
    [
        ("ça en est où avec Wakefield ?", "fr", "Début du jumelage\u00a0: 1956", "le 1956"),
        (
            "estado del hermanamiento con Wakefield",
            "es",
            "Inicio del hermanamiento: 1956",
            "el 1956",
        ),
    ],
)
async def test_an_active_partnerships_start_as_a_year_reads_well(
    shared_qa, question, language, said, unsaid
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == "city.status:wakefield", text
    assert said in text and unsaid not in text, text


@pytest.mark.parametrize(
    ("question", "language", "figure"),
    [
        ("when was the association founded", "en", "1995"),
        ("how many members does the association have?", "en", "270"),
        ("cuando se fundo la asociacion", "es", "1995"),
        ("quand a ete fondee l'association", "fr", "1995"),
        ("kiedy założono stowarzyszenie?", "pl", "1995"),
        ("dernek ne zaman kuruldu?", "tr", "1995"),
    ],
)
async def test_the_association_by_its_bare_word_is_asked_about(
    shared_qa, question, language, figure
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "faq:association-about", to_plain(answer)
    assert figure in to_plain(answer)
