"""Round 37: four small classes (bench/qa_probe_rest37.jsonl). An event to come told by its
guests' art ("poems by people from …", "their pictures") is that city's events, not a text to
write; a place under or inside a partner city ("im Landkreis Konin", "泸州下面的…") asked a fact
gets no figure of the city; two partnerships compared by a rare word ("давніше", "goes back
further") get both years; an agreement signed with a partner city ("договор", "签的约", "with
Herne") or asked whether it came first is its own partnership's history; who arranged a first
contact ("angebahnt", "搭的桥") and what preceded the declaration named by its word. Expectations
are computed from the base."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.render import to_plain
from bot.users import utcnow
from tests.test_events import insert_event

POEMS = {
    "de": "Gedichte und Geschichten: Lesung mit Gästen aus Wakefield",
    "en": "Poems and stories: a reading with guests from Wakefield",
    "ru": "Стихи и рассказы: чтения с гостями из Уэйкфилда",
    "fr": "Poèmes et récits : lecture avec des invités de Wakefield",
}
PAINTINGS = {
    "de": "Bilder aus Beşiktaş: Ausstellung",
    "en": "Pictures from Beşiktaş: an exhibition",
    "ru": "Картины из Бешикташа: выставка",
    "fr": "Tableaux de Beşiktaş : exposition",
}


async def add_events(qa) -> None:
    now = utcnow()
    await insert_event(
        qa.db, "poems", "wakefield", "culture", now + timedelta(days=15), texts=POEMS
    )
    await insert_event(
        qa.db, "paintings", "besiktas", "culture", now + timedelta(days=60), texts=PAINTINGS
    )


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("Is there a night soon where folks from Wakefield recite their poems?", "en", "wakefield"),
        ("Kommt bald ein Abend mit Gedichten von Gästen aus Wakefield?", "de", "wakefield"),
        ("Скоро гости из Бешикташа покажут свои картины?", "ru", "besiktas"),
        ("Des tableaux de Beşiktaş exposés à Herne, c'est quand ?", "fr", "besiktas"),
    ],
)
async def test_an_event_told_by_its_guests_art_is_their_citys_events(qa, question, language, city):
    await add_events(qa)
    answer = await qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == f"events.upcoming:{city}", text
    mine, other = (POEMS, PAINTINGS) if city == "wakefield" else (PAINTINGS, POEMS)
    assert mine[language] in text
    assert other[language] not in text


async def test_a_poem_asked_of_the_bot_is_still_refused(qa):
    await add_events(qa)
    answer = await qa.answer("Schreib mir ein Gedicht über Konin", "de")
    assert answer.entry == "smalltalk.cannot", to_plain(answer)


def _figure(qa, city: str) -> str:
    """The last three digits of the city's population, as every locale writes them."""
    return str(qa.knowledge.cities[city].population)[-3:]


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("How many people live in Normanton, in the district of Wakefield?", "en", "wakefield"),
        ("Wie viele Einwohner hat Kleczew im Landkreis Konin?", "de", "konin"),
        ("Сколько жителей в селе Ясные Зори Белгородского района?", "ru", "belgorod"),
        ("Ilu mieszkańców ma gmina Kramsk w powiecie konińskim?", "pl", "konin"),
        ("Beşiktaş ilçesine bağlı Bebek semtinin nüfusu kaç?", "tr", "besiktas"),
        ("Combien d'habitants compte Helfta, quartier de Lutherstadt Eisleben ?", "fr", "eisleben"),
        ("¿Cuántos habitantes tiene Mérida, una comunidad de Ometepe?", "es", "ometepe"),
        ("泸州下面的江阳区有多少人口？", "zh", "luzhou"),
        ("Скільки людей живе в селі Стрілецьке Бєлгородського району?", "uk", "belgorod"),
    ],
)
async def test_a_place_under_a_partner_city_gets_no_figure_of_it(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))
    assert _figure(shared_qa, city) not in to_plain(answer)


async def test_the_partner_city_itself_keeps_its_figure(shared_qa):
    answer = await shared_qa.answer("Wie viele Einwohner hat Konin?", "de")
    assert answer.entry == "city.population:konin", to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "cities"),
    [
        ("Яке партнерство давніше — з Ометепе чи з Айслебеном?", "uk", ("ometepe", "eisleben")),
        ("Which twinning goes back further, Beşiktaş or Luzhou?", "en", ("besiktas", "luzhou")),
    ],
)
async def test_two_partnerships_compared_by_a_rare_word_get_both_years(
    shared_qa, question, language, cities
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry is not None and answer.entry.startswith("city."), text
    for city in cities:
        assert str(shared_qa.knowledge.cities[city].partner_since)[:4] in text, text


@pytest.mark.parametrize(
    ("question", "language", "city", "year"),
    [
        ("Hat man mit Luzhou zuerst ein Abkommen geschlossen?", "de", "luzhou", "2018"),
        ("Когда Ометепе подписал договор с Херне?", "ru", "ometepe", "1988"),
        ("Beşiktaş Herne ile hangi yıl imzaladı?", "tr", "besiktas", "2016"),
    ],
)
async def test_an_agreement_of_one_partner_city_is_its_history(
    shared_qa, question, language, city, year
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == f"city.history:{city}", text
    assert year in text


async def test_the_declaration_signed_beforehand_stays_the_declaration(shared_qa):
    answer = await shared_qa.answer("Hat Beşiktaş die Erklärung vorher unterschrieben?", "de")
    assert answer.entry is not None and answer.entry.startswith("declaration."), to_plain(answer)


async def test_who_arranged_the_first_contact_names_the_go_between(shared_qa):
    answer = await shared_qa.answer(
        "Wer hat die Verbindung zwischen Herne und Konin angebahnt?", "de"
    )
    assert "Hénin" in to_plain(answer), answer.entry


async def test_what_preceded_the_declaration_named_by_its_word(shared_qa):
    answer = await shared_qa.answer("宣言签署之前有哪些铺垫活动呢？", "zh")
    assert "Business International" in to_plain(answer), answer.entry
