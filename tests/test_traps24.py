"""Round 24: places that are no partner cities asked beside or instead of one (neighbours, a
region or a namesake sharing its name) get the direct no or the honest fallback, never the
partner city's own figure (bench/qa_probe_trap24.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Сколько км от Белгорода до Харькова?", "ru"),
        ("À quelle distance est Lens de Hénin-Beaumont ?", "fr"),
        ("重庆离泸州多远？", "zh"),
        ("Ile kilometrów jest z Konina do Słupcy?", "pl"),
    ],
)
async def test_a_distance_to_another_end_than_herne_falls_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


async def test_a_distance_from_a_place_the_city_profile_names_is_answered(shared_qa):
    answer = await shared_qa.answer("Как далеко Белгород от Москвы?", "ru")
    assert answer.entry == "city.distance:belgorod", to_plain(answer)
    assert "500" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("any events coming up in Leeds?", "en"),
        ("Gibt es demnächst Veranstaltungen in Bochum?", "de"),
        ("成都有什么活动？", "zh"),
        ("哈尔科夫在哪里？", "zh"),
    ],
)
async def test_events_or_facts_of_a_place_that_is_no_partner_city_fall_back(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry", "no"),
    [
        (
            "Seit wann ist Hettstedt Partnerstadt von Herne?",
            "de",
            "partners.check:hettstedt",
            "Nein",
        ),
        ("Depuis quand Liévin est jumelée avec Herne ?", "fr", "partners.check:liévin", "Non"),
        ("since when is Pontefract a partner of Herne", "en", "partners.check:pontefract", "No"),
        ("哈尔科夫是黑尔讷的友好城市吗？", "zh", "partners.check:哈尔科夫", "不"),
    ],
)
async def test_since_when_a_place_has_been_a_partner_gets_the_no(
    shared_qa, question, language, entry, no
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)
    assert to_plain(answer).startswith(no)


async def test_since_when_a_partner_city_is_one_is_still_answered(shared_qa):
    answer = await shared_qa.answer("Since when is Konin a partner city?", "en")
    assert answer.entry == "city.since:konin", to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "figure"),
    [
        ("Wie viele Einwohner hat Lutherstadt Wittenberg?", "de", "22.639"),
        ("Какое население Белгородской области?", "ru", "339"),
        ("Скільки жителів у Бєлгородській області?", "uk", "339"),
        ("Ilu mieszkańców ma powiat koniński?", "pl", "71"),
        ("What's the population of Wakefield, Massachusetts?", "en", "109,766"),
        ("Quelle est la population de Wakefield dans le Massachusetts ?", "fr", "109"),
        ("¿Cuántas personas viven en Nicaragua?", "es", "10.000"),
        ("四川省有多少人？", "zh", "10000"),
    ],
)
async def test_a_place_sharing_a_partner_citys_name_gets_none_of_its_figures(
    shared_qa, question, language, figure
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)
    assert figure not in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry", "figure"),
    [
        ("Wie viele Einwohner hat Konin?", "de", "city.population:konin", "71.427"),
        ("Сколько жителей в Белгороде?", "ru", "city.population:belgorod", "339"),
        (
            "What's the population of Wakefield in West Yorkshire?",
            "en",
            "city.population:wakefield",
            "109,766",
        ),
        ("Wie viele Menschen in Herne stammen aus Polen?", "de", "faq:polish-roots-herne", "10"),
    ],
)
async def test_the_partner_citys_own_figures_are_still_answered(
    shared_qa, question, language, entry, figure
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)
    assert figure in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "no"),
    [
        ("Czy Lutherstadt Wittenberg jest miastem partnerskim Herne?", "pl", "Nie"),
        ("Ist Turek bei Konin auch eine Partnerstadt von Herne?", "de", "Nein"),
        ("Старый Оскол — город-побратим Херне?", "ru", "Нет"),
        ("is wanne eickel a twin town of herne", "en", "No"),
    ],
)
async def test_a_place_beside_or_near_a_partner_city_gets_its_no_first(
    shared_qa, question, language, no
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert to_plain(answer).startswith(no), to_plain(answer)


async def test_a_neighbour_is_a_word_in_the_banks_phrasings_and_a_place_in_questions(shared_qa):
    reader = shared_qa.understander.reader
    text = "¿Cuánto cuesta un cuarto en Moyogalpa?"
    assert [m.ids for m in reader.scan(text).entities if m.kind == "place"] == [("Moyogalpa",)]
    assert not [m for m in reader.scan(text, known_by=False).entities if m.kind == "place"]


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        # A noun nobody taught is no other end of a distance, nor a namesake's qualifier.
        ("Wie weit ist Belgorod von der ukrainischen Grenze entfernt?", "de", "city.distance"),
        ("Belgorod Ukrayna sınırına ne kadar uzak?", "tr", "city.distance"),
        # A close spelling of a place ("wymiana", Wiedeń) does not make events another place's.
        ("Kiedy najbliższa wymiana młodzieży?", "pl", "events."),
        # A people is no place asked as a partner: the partner city there since 2019.
        ("Seit wann sind wir mit den Chinesen verpartnert?", "de", "partners.list"),
    ],
)
async def test_names_nobody_taught_are_not_read_as_other_places_too_eagerly(
    shared_qa, question, language, entry
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert (answer.entry or "").startswith(entry), answer.entry
