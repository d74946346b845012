"""Composed answers: `compose` called with hand-built Understandings on the real seeded database
and the real catalogs, for every kind of answer."""

from __future__ import annotations

import asyncio
import re
import shutil
from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.compose import CITY_KINDS, MAX_ENTRIES, compose, distance_km
from bot.db import Database
from bot.i18n import LANGUAGES
from bot.kb import SECTORS
from bot.render import to_html, to_plain
from bot.understanding import Knowledge, Understanding
from bot.users import utcnow
from tests.test_events import insert_event

PARTNERS = ("henin-beaumont", "wakefield", "eisleben", "belgorod", "konin", "ometepe")
PARTNERS += ("besiktas", "luzhou")


@pytest.fixture(scope="module")
def base(tmp_path_factory, seeded_db_file):
    """The seeded base and its Knowledge, one copy for the module's tests that only read it
    (`compose` reads): copying, opening and loading it cost about 30 ms of CPU a test, most of
    this module's. A test that writes takes `own_base`; nothing may write to this one."""
    path = tmp_path_factory.mktemp("compose") / "compose.sqlite3"
    shutil.copyfile(seeded_db_file, path)
    db = asyncio.run(Database.open(path))
    yield db, asyncio.run(Knowledge.load(db))
    changes = asyncio.run(db.scalar("SELECT total_changes()"))
    asyncio.run(db.close())
    assert changes == 0, f"a test wrote {changes} rows to the shared base"


@pytest.fixture
async def own_base(tmp_path, seeded_db_file):
    """A copy of the seeded base of the test's own, for a test that adds to it."""
    path = tmp_path / "compose.sqlite3"
    shutil.copyfile(seeded_db_file, path)
    db = await Database.open(path)
    yield db, await Knowledge.load(db)
    await db.close()


def understood(intent: str, language: str = "en", **slots) -> Understanding:
    return Understanding(
        text="",
        language=language,
        language_clear=True,
        intent=intent,
        confidence=0.9,
        **{key: tuple(value) for key, value in slots.items()},
    )


async def ask(base, catalogs, intent: str, language: str = "en", **slots):
    db, knowledge = base
    return await compose(understood(intent, language, **slots), knowledge, db, catalogs[language])


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_list_names_all_eight_partner_cities_and_belgorods_suspension(
    base, catalogs, language
):
    answer = await ask(base, catalogs, "partners.list", language)
    knowledge = base[1]
    for city_id in PARTNERS:
        assert knowledge.cities[city_id].name(language) in to_html(answer)
    belgorod = next(line for line in to_html(answer).splitlines() if "🇷🇺" in line)
    assert "2022" in belgorod and "1990" in belgorod
    assert answer.entry == "partners.list" and answer.sources and not answer.fallback
    assert sorted(answer.cities) == sorted(PARTNERS)
    assert ("menu", "cities") in [(s.kind, s.id) for s in answer.suggestions]


async def test_the_list_counts_in_the_readers_plural(base, catalogs):
    assert to_html(await ask(base, catalogs, "partners.list", "ru")).startswith(
        "У Херне 8 городов-партнёров:"
    )
    assert to_html(await ask(base, catalogs, "partners.list", "pl")).startswith(
        "Herne ma 8 miast partnerskich:"
    )


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_two_city_question_answers_both(base, catalogs, language):
    answer = await ask(base, catalogs, "city.since", language, cities=["konin", "wakefield"])
    assert "1991" in to_html(answer) and "1956" in to_html(answer)
    assert answer.entry == "city.since:konin,wakefield"
    assert answer.cities == ["konin", "wakefield"]
    knowledge = base[1]
    # Each city's fact cites what backs that fact (data/cities.yaml's fact_sources), and the
    # entries on how the partnership began theirs.
    began = knowledge.faq["konin-first-contacts-1989"]
    assert set(answer.sources) == set(
        knowledge.cities["konin"].sources_for("since")
        + began.sources
        + knowledge.cities["wakefield"].sources_for("since")
    )


@pytest.mark.parametrize("language", LANGUAGES)
async def test_since_when_comes_with_how_the_partnership_began(base, catalogs, language):
    ometepe = to_html(await ask(base, catalogs, "city.since", language, cities=["ometepe"]))
    assert "1988" in ometepe and "1987" in ometepe  # the contract, and the council's decision
    henin = to_html(await ask(base, catalogs, "city.since", language, cities=["henin-beaumont"]))
    assert "1954" in henin and "1906" in henin
    # Where the base does not tell how it began, the date alone: not the city's profile.
    wakefield = await ask(base, catalogs, "city.since", language, cities=["wakefield"])
    assert len(wakefield.paragraphs) == 1 and "1956" in to_html(wakefield)
    profile = base[1].cities["wakefield"].texts[language]["profile"]
    assert profile not in to_html(wakefield)


async def test_herne_as_the_frame_of_a_question_is_left_out(base, catalogs):
    answer = await ask(base, catalogs, "city.distance", cities=["konin", "herne"])
    assert answer.entry == "city.distance:konin"
    assert "Konin is about" in to_html(answer)
    assert await ask(base, catalogs, "city.since", cities=["herne"]) is None
    herne = await ask(base, catalogs, "city.where", cities=["herne"])
    assert "Germany" in to_html(herne) and herne.entry == "city.where:herne"


async def test_a_city_without_the_fact_is_said_so_beside_one_that_has_it(base, catalogs):
    answer = await ask(base, catalogs, "city.area", "de", cities=["besiktas", "konin"])
    assert "18 km²" in to_html(answer)
    assert "Für Konin enthält meine Wissensbasis dazu keine Angaben." in to_html(answer)
    assert await ask(base, catalogs, "city.area", cities=["konin"]) is None


@pytest.mark.parametrize(
    ("kind", "city", "expected"),
    [
        ("population", "luzhou", "4,254,149"),
        ("population", "ometepe", "About 35,000 people"),
        ("website", "konin", "https://"),
        ("website", "ometepe", "no verified website"),
        ("where", "konin", "Poland"),
        ("time", "luzhou", "Local time in Luzhou"),
        ("founded", "belgorod", "1596"),
        ("founded", "henin-beaumont", "1971"),
        ("history", "henin-beaumont", "1906"),
        ("history", "luzhou", "2018"),
        ("profile", "eisleben", "Luther"),
    ],
)
async def test_city_facts(base, catalogs, kind, city, expected):
    answer = await ask(base, catalogs, f"city.{kind}", cities=[city])
    assert expected in to_html(answer)
    assert answer.entry == f"city.{kind}:{city}" and answer.sources


async def test_the_website_comes_with_a_link_button(base, catalogs):
    answer = await ask(base, catalogs, "city.website", cities=["konin"])
    assert [(s.kind, s.id) for s in answer.suggestions] == [
        ("link", base[1].cities["konin"].website)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
async def test_founding_is_found_in_every_language_and_nowhere_it_is_not_said(
    base, catalogs, language
):
    answer = await ask(base, catalogs, "city.founded", language, cities=["belgorod"])
    assert "1596" in to_html(answer) and "2022" in to_html(answer)
    for city_id in ("konin", "wakefield", "luzhou", "ometepe", "besiktas", "eisleben"):
        assert await ask(base, catalogs, "city.founded", language, cities=[city_id]) is None


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "intent", ["city.status", "city.since", "city.history", "city.population", "city.time"]
)
async def test_every_belgorod_answer_states_the_suspension(base, catalogs, language, intent):
    answer = await ask(base, catalogs, intent, language, cities=["belgorod"])
    assert "2022" in to_html(answer)


async def test_the_status_of_an_active_and_a_suspended_partnership(base, catalogs):
    answer = await ask(base, catalogs, "city.status", cities=["belgorod", "konin"])
    assert (
        "The partnership with Belgorod has been suspended since 15 March 2022. Partner city "
        "since: 19 February 1990." in to_html(answer)
    )
    assert "The partnership with Konin is active." in to_html(answer)
    de = await ask(base, catalogs, "city.status", "de", cities=["belgorod"])
    assert to_html(de).startswith("Die Partnerschaft mit Belgorod ruht seit dem 15. März 2022.")


@pytest.mark.parametrize("language", LANGUAGES)
async def test_paris_is_not_a_partner_city(base, catalogs, language):
    answer = await ask(
        base, catalogs, "partners.check", language, cities=["herne"], places=["paris"]
    )
    assert "Paris" in to_html(answer)
    for city_id in PARTNERS:
        assert base[1].cities[city_id].name(language) in to_html(answer)
    assert answer.cities == [] and answer.entry == "partners.check:paris"


async def test_partner_check_wording(base, catalogs):
    paris = await ask(base, catalogs, "partners.check", places=["Paris"])
    assert to_html(paris).startswith("No: Paris is not one of Herne's partner cities. They are: ")
    konin = await ask(base, catalogs, "partners.check", "de", cities=["konin"])
    assert to_html(konin) == "Ja. Konin ist seit dem 8. Oktober 1991 Partnerstadt von Herne."
    belgorod = await ask(base, catalogs, "partners.check", "ru", cities=["belgorod"])
    assert to_html(belgorod).startswith("Да.") and "2022" in to_html(belgorod)
    herne = await ask(base, catalogs, "partners.check", cities=["herne"])
    assert "Herne itself is the home town" in to_html(herne)
    assert await ask(base, catalogs, "partners.check") is None


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_list_question_naming_another_place_gets_the_direct_no(base, catalogs, language):
    # "Is Lens one of Herne's partner cities?" reads like the list but asks about Lens.
    answer = await ask(base, catalogs, "partners.list", language, cities=["herne"], places=["Lens"])
    checked = await ask(base, catalogs, "partners.check", language, places=["Lens"])
    assert to_html(answer) == to_html(checked) and answer.entry == "partners.check:lens"
    for city_id in PARTNERS:
        assert base[1].cities[city_id].name(language) in to_html(answer)


async def test_upcoming_events_name_the_event_in_ten_days(own_base, catalogs):
    db, _ = own_base
    start = utcnow() + timedelta(days=10)
    texts = {"en": "Konin choir visit", "de": "Chorbesuch aus Konin"}
    await insert_event(db, "choir", "konin", "culture", start, texts=texts)
    await insert_event(db, "dropped", "konin", "culture", start, texts={"en": "Dropped fair"})
    async with db.transaction() as conn:
        await conn.execute("UPDATE events SET status = 'cancelled' WHERE id = 'dropped'")
    await insert_event(db, "later", "wakefield", "sport", start + timedelta(days=3))
    answer = await ask(own_base, catalogs, "events.upcoming")
    assert "Konin choir visit" in to_html(answer) and "Concert" in to_html(answer)
    assert "Dropped fair" not in to_html(answer)
    assert to_html(answer).index("Konin choir visit") < to_html(answer).index("Concert")
    assert ("menu", "events") in [(s.kind, s.id) for s in answer.suggestions]
    german = await ask(own_base, catalogs, "events.upcoming", "de", cities=["konin"])
    assert "Chorbesuch aus Konin" in to_html(german) and "Concert" not in to_html(german)
    assert german.entry == "events.upcoming:konin"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "No events are planned at the moment."),
        ("de", "Derzeit sind keine Veranstaltungen geplant."),
        ("ru", "Сейчас мероприятий не запланировано."),
        ("pl", "Obecnie nie są planowane żadne wydarzenia."),
        ("tr", "Şu anda planlanmış bir etkinlik yok."),
    ],
)
async def test_no_upcoming_events_says_none_are_planned(base, catalogs, language, expected):
    answer = await ask(base, catalogs, "events.upcoming", language)
    assert expected in to_html(answer)
    assert ("menu", "events") in [(s.kind, s.id) for s in answer.suggestions]
    assert not answer.fallback


async def test_more_upcoming_events_than_shown_point_to_the_list(own_base, catalogs):
    db, _ = own_base
    for day in range(1, 9):
        await insert_event(db, f"e{day}", "wakefield", "sport", utcnow() + timedelta(days=day))
    answer = await ask(own_base, catalogs, "events.upcoming", "ru")
    assert to_html(answer).count("• ") == 5
    assert "… и ещё 3: все они — по кнопке ниже." in to_html(answer)


async def test_belgorod_events_state_the_suspension(base, catalogs):
    upcoming = await ask(base, catalogs, "events.upcoming", cities=["belgorod"])
    assert "Belgorod: no events are planned at the moment." in to_html(upcoming)
    assert "2022" in to_html(upcoming)
    past = await ask(base, catalogs, "events.past", "pl", cities=["belgorod"])
    assert "2018" in to_html(past) and "15 marca 2022" in to_html(past)
    assert past.entry == "events.past:belgorod" and past.sources


async def test_past_events_of_a_city_without_any(base, catalogs):
    answer = await ask(base, catalogs, "events.past", cities=["ometepe"])
    assert "Ometepe: the archive holds no documented past events." in to_html(answer)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_logistics_contacts_name_the_organisation_and_its_address(base, catalogs, language):
    answer = await ask(base, catalogs, "contacts.sector", language, sectors=["logistics"])
    assert "Wirtschaftsförderungsgesellschaft Herne mbH" in to_html(answer)
    assert "Westring 303" in to_html(answer)
    assert answer.organisations == ["business-herne"]
    assert answer.entry == "contacts.sector:logistics"


async def test_a_sector_without_a_contact_in_the_city_says_so(base, catalogs):
    answer = await ask(base, catalogs, "contacts.sector", sectors=["logistics"], cities=["konin"])
    assert to_html(answer).startswith("My knowledge base has no contact for logistics in Konin.")
    assert "Westring 303" in to_html(answer)
    science = await ask(base, catalogs, "contacts.sector", sectors=["science"], cities=["belgorod"])
    assert set(science.organisations) == {"belsu", "bstu"}
    assert ("link", "https://bstu.ru") in [(s.kind, s.id) for s in science.suggestions]
    general = await ask(base, catalogs, "contacts.sector", cities=["konin"])
    assert general.entry == "contacts.business" and "Westring 303" in to_html(general)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_sector_without_a_contact_in_a_partner_city_names_the_association_too(
    base, catalogs, language
):
    # "Our rugby club in Wakefield looks for a club in Herne": the sport contacts the base
    # has, and the association, whose section for Wakefield makes such links.
    answer = await ask(
        base, catalogs, "contacts.sector", language, sectors=["sport"], cities=["wakefield"]
    )
    association = await ask(base, catalogs, "association.contact", language)
    assert to_html(answer).endswith(to_html(association))
    assert "herner-ev" in answer.organisations
    assert answer.organisations[-1] == "partnership-association"
    assert set(association.sources) <= set(answer.sources)
    # Contacts found in the city, or asked for without a city, stay as they were.
    for cities in (["belgorod"], []):
        science = await ask(
            base, catalogs, "contacts.sector", language, sectors=["science"], cities=cities
        )
        assert "partnership-association" not in science.organisations


@pytest.mark.parametrize("language", LANGUAGES)
async def test_contacts_in_a_city_without_a_sector_name_its_organisations(base, catalogs, language):
    answer = await ask(base, catalogs, "contacts.sector", language, cities=["belgorod"])
    assert answer.entry == "contacts.sector:belgorod"
    # The general business contact first, then Belgorod's universities and club.
    assert answer.organisations == ["business-herne", "belsu", "bstu", "hc-belgorod"]
    assert "Westring 303" in to_html(answer) and "https://bsuedu.ru" in to_html(answer)
    # Each of their descriptions says that the partnership is on hold.
    belsu = base[1].organisations["belsu"].texts[language]["description"]
    assert "2022" in belsu and belsu in to_html(answer)
    assert ("menu", "contacts") in [(s.kind, s.id) for s in answer.suggestions]


@pytest.mark.parametrize("language", LANGUAGES)
async def test_business_in_belgorod_names_its_organisations_and_the_suspension(
    base, catalogs, language
):
    """Asked who to talk to about doing business in Belgorod: not only Herne's general
    contact, but what the base knows there, and that the partnership is on hold."""
    answer = await ask(base, catalogs, "contacts.business", language, cities=["belgorod"])
    assert answer.organisations == ["business-herne", "belsu", "bstu", "hc-belgorod"]
    note = base[1].cities["belgorod"].texts[language]["status_note"]
    assert note and note in to_html(answer)
    konin = await ask(base, catalogs, "contacts.business", language, cities=["konin"])
    assert "2022" not in to_html(konin)


async def test_business_contacts_and_organisations(base, catalogs):
    business = await ask(base, catalogs, "contacts.business", "tr")
    assert "Westring 303" in to_html(business) and business.organisations == ["business-herne"]
    assert ("menu", "contacts") in [(s.kind, s.id) for s in business.suggestions]
    ruhrvalley = await ask(base, catalogs, "org.info", organisations=["ruhrvalley"])
    assert "ruhrvalley" in to_html(ruhrvalley).lower() and ruhrvalley.entry == "org.info:ruhrvalley"
    assert await ask(base, catalogs, "org.info") is None


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_declaration(base, catalogs, language):
    when = await ask(base, catalogs, "declaration.when", language)
    assert "2018" in to_html(when) and "16" in to_html(when)
    assert when.entry == "declaration.when:declaration-2018-signing"
    who = await ask(base, catalogs, "declaration.who", language)
    knowledge = base[1]
    # Who signed: the signing in Herne, then those who had signed before for the other cities.
    signed = knowledge.faq["declaration-2018-signing"].answers[language]
    before = knowledge.faq["declaration-konin-besiktas-signed-before"].answers[language]
    assert to_html(who).startswith(signed) and before in to_html(who)
    assert await ask(base, catalogs, "declaration.nonsense", language) is None
    fields = await ask(base, catalogs, "declaration.fields", language)
    assert fields.sources and fields.entry == "declaration.fields:declaration-fields"
    about = await ask(base, catalogs, "declaration.about", language)
    # Each entry ends with the suspension; the composed answer says it once.
    answer = knowledge.faq["declaration-languages"].answers[language]
    note = [s for s in re.split(r"(?<=[.!?])\s+|(?<=[。！？])", answer) if s][-1]
    assert to_html(about).count(note) == 1


async def test_a_faq_entry_answers_with_its_sources(base, catalogs):
    answer = await ask(base, catalogs, "faq.eisleben-luther", "pl")
    entry = base[1].faq["eisleben-luther"]
    assert to_html(answer) == entry.answers["pl"]
    assert answer.sources == entry.sources and answer.entry == "faq:eisleben-luther"
    assert await ask(base, catalogs, "faq.no-such-entry") is None


@pytest.mark.parametrize("language", LANGUAGES)
async def test_an_entry_names_the_organisations_its_answer_only_describes(base, catalogs, language):
    # The entry speaks of "the university and the technical academy" without their names.
    answer = await ask(base, catalogs, "faq.nanotech-belgorod-research", language)
    text = to_html(answer)
    entry = base[1].faq["nanotech-belgorod-research"]
    assert text.startswith(entry.answers[language])
    assert "bsuedu.ru" in text and "bstu.ru" in text
    assert {s.id for s in answer.suggestions if s.kind == "link"} == {
        "https://bsuedu.ru",
        "https://bstu.ru",
    }


async def test_an_entry_that_names_its_organisation_gets_no_list(base, catalogs):
    for entry_id in ("herner-ev", "ruhrvalley-members", "association-about"):
        answer = await ask(base, catalogs, f"faq.{entry_id}", "de")
        assert to_html(answer) == base[1].faq[entry_id].answers["de"], entry_id
        assert answer.suggestions == []


async def add_office_entry(db: Database, answer: str) -> None:
    """An office-made FAQ entry 'office-1', answered in German only."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO faq (id, topic, sources, origin) VALUES ('office-1', 'general', "
            "'[\"partnership office, 2026-01-01\"]', 'office')"
        )
        await conn.execute(
            "INSERT INTO faq_texts (faq_id, language, answer, questions, keywords) "
            "VALUES ('office-1', 'de', ?, '[]', '[]')",
            (answer,),
        )


async def test_an_office_entry_in_one_language_is_shown_with_a_note(own_base, catalogs):
    db, _ = own_base
    await add_office_entry(db, "Ja, <gern>.")
    knowledge = await Knowledge.load(db)
    answer = await compose(understood("faq.office-1", "en"), knowledge, db, catalogs["en"])
    assert to_html(answer).startswith("Ja, &lt;gern&gt;.")
    assert "Language shown: German" in to_html(answer)


async def test_the_association_and_the_office(base, catalogs):
    association = await ask(base, catalogs, "association.contact", "ru")
    assert "partnership-association" in association.organisations
    assert association.entry == "association.contact:association-contact"
    office = await ask(base, catalogs, "office.contact", "de")
    assert "/office" in to_html(office) and not office.smalltalk


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_office_answer_says_whom_to_turn_to_in_herne_too(base, catalogs, language):
    # "Where is the twinning office?", "Who runs the twinning?": the bot's /office, the
    # partner-city offices (the entry marked for this kind), then the association's entry
    # (its sections, herne.de).
    office = await ask(base, catalogs, "office.contact", language)
    offices = base[1].faq["partner-city-offices-2019"]
    association = await ask(base, catalogs, "association.contact", language)
    assert "/office" in to_html(office).split("\n\n")[0]
    assert offices.answers[language] in to_html(office) and "Shamrock" in to_html(office)
    assert to_html(office).endswith(to_html(association)) and "herne.de" in to_html(office)
    assert office.entry == "office.contact:partner-city-offices-2019,association-contact"
    assert office.organisations == ["partnership-association"]
    assert set(offices.sources) <= set(office.sources)


@pytest.mark.parametrize("intent", ["association.contact", "contacts.sector", "contacts.business"])
async def test_a_contact_question_naming_an_organisation_gets_its_card(base, catalogs, intent):
    answer = await ask(base, catalogs, intent, "de", organisations=["herner-ev"], sectors=["sport"])
    assert answer.organisations == ["herner-ev"] and answer.entry == "org.info:herner-ev"
    assert "https://herner-ev.com" in to_html(answer)
    # The association itself is the association's answer, also when its card is asked for.
    association = await ask(base, catalogs, intent, "de", organisations=["partnership-association"])
    assert association.entry != "org.info:partnership-association"
    card = await ask(base, catalogs, "org.info", "de", organisations=["partnership-association"])
    assert card.entry == "org.info:partnership-association+association.contact:association-contact"
    # What it is (founded, members) and how to reach it (herne.de).
    assert "1995" in to_html(card) and "270" in to_html(card) and "herne.de" in to_html(card)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_website_asked_of_the_association_gets_how_to_reach_it(base, catalogs, language):
    # Read as the entry on its founding, which names no website: its contact entry answers.
    founded = understood(
        "faq.association-about", language, organisations=["partnership-association"]
    )
    asked = replace(founded, asks=("website",))
    db, knowledge = base
    plain = await compose(founded, knowledge, db, catalogs[language])
    website = await compose(asked, knowledge, db, catalogs[language])
    assert "herne.de" not in to_html(plain) and "herne.de" in to_html(website)
    assert website.entry == "association.contact:association-contact" and not website.fallback
    # A city's or an organisation's answer says what the base knows of a website itself.
    for intent, slots in [
        ("city.website", {"cities": ["ometepe"]}),
        ("org.info", {"organisations": ["business-herne"]}),
        ("org.info", {"organisations": ["ruhrvalley"]}),
    ]:
        answer = await compose(
            replace(understood(intent, language, **slots), asks=("website",)),
            knowledge,
            db,
            catalogs[language],
        )
        assert answer is not None and answer.entry.startswith(intent), intent


@pytest.mark.parametrize(
    "intent", ["smalltalk.greeting", "smalltalk.thanks", "smalltalk.goodbye", "bot.capabilities"]
)
async def test_small_talk_is_marked_and_translated(base, catalogs, intent):
    answers = {lang: await ask(base, catalogs, intent, lang) for lang in LANGUAGES}
    assert all(a.smalltalk and not a.fallback and a.entry == intent for a in answers.values())
    assert len({to_html(a) for a in answers.values()}) == len(LANGUAGES)


@pytest.mark.parametrize(
    "intent", ["out_of_scope", "city.weather", "city.area", "org.info", "faq."]
)
async def test_nothing_to_compose_returns_none(base, catalogs, intent):
    assert await ask(base, catalogs, intent) is None


async def test_answers_carry_the_understood_confidence_and_escape_names(base, catalogs):
    answer = await ask(base, catalogs, "partners.check", places=["<b>Atlantis</b>"])
    assert "&lt;b&gt;Atlantis&lt;/b&gt;" in to_html(answer) and answer.confidence == 0.9


def test_distance_km():
    assert round(distance_km(51.55, 7.217, 52.223, 18.251)) == 760


async def test_partner_cities_in_one_country(base, catalogs):
    answer = await ask(base, catalogs, "partners.list", "de", cities=["konin"])
    first, since = to_html(answer).splitlines()
    assert "Polen" in first and first.endswith("🇵🇱 Konin.")
    assert since == "Konin ist seit dem 8. Oktober 1991 Partnerstadt von Herne."
    assert answer.entry == "partners.list:konin" and answer.cities == ["konin"]
    russia = await ask(base, catalogs, "partners.list", cities=["belgorod"])
    assert "2022" in to_html(russia)


async def test_questions_about_all_partner_cities_get_a_ranking_or_the_list(base, catalogs):
    far = await ask(base, catalogs, "city.distance")
    lines = to_html(far).splitlines()
    assert lines[0] == "Herne's partner cities by distance as the crow flies, farthest first:"
    assert "Ometepe" in lines[1] and "Eisleben" in lines[-1] and len(lines) == 9
    assert "2022" in next(line for line in lines if "Belgorod" in line)
    # "How many people live in Manchester?" names no partner city: no ranking, no fact.
    assert await ask(base, catalogs, "city.population", "ru") is None
    assert await ask(base, catalogs, "city.population", places=["Manchester"]) is None
    moscow = await ask(base, catalogs, "city.distance", places=["Moscow"], cities=["belgorod"])
    assert "Moscow" in to_html(moscow) and "nothing on this" not in to_html(moscow)
    both = await ask(base, catalogs, "city.population", places=["Kraków"], cities=["konin"])
    assert "71,427" in to_html(both)
    assert to_html(both).endswith("My knowledge base holds nothing on this for Kraków.")
    oldest = await ask(base, catalogs, "city.since", "tr")
    assert oldest.entry == "partners.list"
    assert await ask(base, catalogs, "city.website") is None


@pytest.mark.parametrize("language", LANGUAGES)
async def test_an_entry_marked_for_a_kind_answers_it_for_its_city(base, catalogs, language):
    answer = await ask(base, catalogs, "city.founded", language, cities=["henin-beaumont"])
    assert to_html(answer) == base[1].faq["henin-formation-1971"].answers[language]
    assert answer.sources == base[1].faq["henin-formation-1971"].sources


async def test_who_signed_for_a_named_city(base, catalogs):
    answer = await ask(base, catalogs, "declaration.who", "pl", cities=["konin"])
    assert to_html(answer).startswith(
        base[1].faq["declaration-konin-besiktas-signed-before"].answers["pl"]
    )
    assert "Nowicki" in to_html(answer) and "2018" in to_html(answer)


async def test_upcoming_events_for_two_cities(own_base, catalogs):
    db, _ = own_base
    start = utcnow() + timedelta(days=10)
    await insert_event(db, "k", "konin", "culture", start, texts={"en": "Konin fair"})
    await insert_event(db, "w", "wakefield", "sport", start, texts={"en": "Wakefield run"})
    await insert_event(db, "l", "luzhou", "sport", start, texts={"en": "Luzhou visit"})
    answer = await ask(own_base, catalogs, "events.upcoming", cities=["konin", "wakefield"])
    assert "Konin fair" in to_html(answer) and "Wakefield run" in to_html(answer)
    assert "Luzhou visit" not in to_html(answer)
    assert answer.entry == "events.upcoming:konin,wakefield"


async def test_a_flood_of_unknown_places_stays_one_short_message(base, catalogs):
    places = [f"Place{i}" for i in range(200)]
    answer = await ask(base, catalogs, "partners.check", places=places)
    assert to_html(answer).count("No: ") == 3 and len(to_html(answer)) < 4096


@pytest.mark.parametrize("language", LANGUAGES)
async def test_every_answer_fits_one_telegram_message_even_with_every_slot_filled(
    own_base, catalogs, language
):
    db, knowledge = own_base
    for day in range(12):
        await insert_event(db, f"x{day}", "konin", "sport", utcnow() + timedelta(days=day + 1))
    everything = {
        "cities": list(knowledge.cities),
        "organisations": list(knowledge.organisations),
        "sectors": list(SECTORS),
    }
    intents = [f"city.{kind}" for kind in CITY_KINDS]
    intents += ["partners.list", "partners.check", "contacts.sector", "contacts.business"]
    intents += ["org.info", "events.upcoming", "events.past", "association.contact"]
    intents += ["declaration.when", "declaration.who", "declaration.about", "declaration.fields"]
    for intent in intents:
        answer = await ask(own_base, catalogs, intent, language, **everything)
        assert answer is not None and len(to_html(answer)) < 4096, intent


async def test_when_the_declaration_was_signed_is_one_entry_whatever_city_is_named(base, catalogs):
    answer = await ask(base, catalogs, "declaration.when", cities=["belgorod", "konin"])
    assert answer.entry == "declaration.when:declaration-2018-signing"


async def test_upcoming_exchanges_with_a_city_tell_what_the_base_knows_beyond_events(
    base, catalogs
):
    wakefield = await ask(base, catalogs, "events.upcoming", cities=["wakefield"])
    assert to_html(wakefield).startswith(
        "<b>Upcoming events</b> · 🇬🇧 Wakefield\nWakefield: no events"
    )
    assert base[1].faq["association-trips"].answers["en"] in to_html(wakefield)
    assert "partnership-association" in wakefield.organisations
    belgorod = await ask(base, catalogs, "events.upcoming", "de", cities=["belgorod"])
    assert base[1].faq["belgorod-exchanges-now"].answers["de"] in to_html(belgorod)
    assert to_html(belgorod).count("15. März 2022") == 1
    nothing_more = await ask(base, catalogs, "events.upcoming", cities=["luzhou"])
    assert to_html(nothing_more).count("\n") == 1


async def test_a_profile_offers_the_citys_own_entries(base, catalogs):
    answer = await ask(base, catalogs, "city.profile", "tr", cities=["eisleben"])
    assert [(s.kind, s.id) for s in answer.suggestions] == [("faq", "eisleben-luther")]
    assert answer.suggestions[0].label == base[1].faq["eisleben-luther"].questions["tr"][0]
    belgorod = await ask(base, catalogs, "city.profile", cities=["belgorod"])
    assert len(belgorod.suggestions) == 3
    assert all("belgorod" in base[1].faq[s.id].cities for s in belgorod.suggestions)


async def test_an_answer_quotes_a_few_of_many_entries_marked_with_its_kind(own_base, catalogs):
    db, _ = own_base
    async with db.transaction() as conn:
        for n in range(MAX_ENTRIES * 3):
            await conn.execute(
                "INSERT INTO faq (id, topic, sources, intents) VALUES (?, 'declaration', "
                "'[\"https://example.org/\"]', '[\"declaration.when\"]')",
                (f"extra-{n}",),
            )
            await conn.execute(
                "INSERT INTO faq_texts (faq_id, language, answer, questions, keywords) "
                "VALUES (?, 'en', ?, '[]', '[]')",
                (f"extra-{n}", f"Extra fact number {n}."),
            )
    knowledge = await Knowledge.load(db)
    answer = await compose(understood("declaration.when"), knowledge, db, catalogs["en"])
    quoted = answer.entry.partition(":")[2].split(",")
    assert len(quoted) == MAX_ENTRIES
    assert quoted[0] == "declaration-2018-signing"  # the file's order: the shipped entry first


async def test_standing_exchanges_list_the_dated_events_with_their_cities(own_base, catalogs):
    """The association's regular trips give no dates; the upcoming events with Wakefield or
    Konin do, below them. A dated entry (a visit in 2015) gets no events."""
    db, _ = own_base
    before = to_html(await ask(own_base, catalogs, "faq.association-trips"))
    start = utcnow() + timedelta(days=12)
    texts = {"en": "Trip to the Christmas market in Konin"}
    await insert_event(db, "market", "konin", "official", start, texts=texts)
    await insert_event(db, "run", "ometepe", "sport", start, texts={"en": "Ometepe run"})
    await insert_event(db, "visit", "belgorod", "official", start, texts={"en": "Belgorod visit"})
    answer = await ask(own_base, catalogs, "faq.association-trips")
    html = to_html(answer)
    assert html.startswith(before) and "Trip to the Christmas market in Konin" in html
    assert "Ometepe run" not in html
    assert ("menu", "events") in [(s.kind, s.id) for s in answer.suggestions]
    dated = await ask(own_base, catalogs, "faq.exchange-students-2015")
    assert "Belgorod visit" not in to_html(dated)
    assert ("menu", "events") not in [(s.kind, s.id) for s in dated.suggestions]


async def test_the_local_time_comes_with_the_difference_to_herne(base, catalogs):
    luzhou = to_html(await ask(base, catalogs, "city.time", cities=["luzhou"]))
    assert re.search(r"Luzhou is [67] hours ahead of Herne at the moment\.", luzhou), luzhou
    wakefield = to_html(await ask(base, catalogs, "city.time", "de", cities=["wakefield"]))
    assert "In Wakefield ist es derzeit 1 Stunde früher als in Herne." in wakefield
    henin = to_html(await ask(base, catalogs, "city.time", "ru", cities=["henin-beaumont"]))
    assert "то же время, что и в Херне" in henin
    herne = to_html(await ask(base, catalogs, "city.time", cities=["herne"]))
    assert "Herne" in herne and "ahead" not in herne and "same time" not in herne


async def test_an_event_over_two_months_is_on_in_both(own_base, catalogs):
    db, _ = own_base
    berlin = ZoneInfo("Europe/Berlin")
    now = utcnow().astimezone(berlin)
    # From the last day of the month after next to the first of the one after.
    after_next = (now.replace(day=1) + timedelta(days=63)).replace(day=1)
    start = (after_next - timedelta(days=1)).replace(hour=18, minute=0, second=0, microsecond=0)
    end = start + timedelta(days=2)
    await insert_event(db, "fest", "konin", "culture", start, end, texts={"en": "Konin fest"})
    for month in (start.month, end.month):
        answer = await ask(own_base, catalogs, "events.upcoming", months=[month])
        assert "Konin fest" in to_html(answer), month
        assert "nothing is planned" not in to_html(answer)
    other = end.month % 12 + 1
    answer = await ask(
        own_base, catalogs, "events.upcoming", "de", months=[other], cities=["konin"]
    )
    assert "Konin: Für " in to_html(answer) and "ist noch nichts geplant" in to_html(answer)
    # Nothing after that month either: the fest, before it, is not "the next event".
    assert "danach auch nicht" in to_html(answer) and "Konin fest" not in to_html(answer)


@pytest.mark.parametrize("language", ["de", "ru", "tr", "zh"])
async def test_an_answer_lacking_what_the_question_asks_for_is_none(base, catalogs, language):
    knowledge = base[1]
    signing = knowledge.faq["belgorod-signing-1990"].answers[language]
    # Wakefield's history says when the partnership began, not who signed it; Belgorod's does.
    signatory = {"asks": ["signatory"]}
    assert (
        await ask(base, catalogs, "city.history", language, cities=["wakefield"], **signatory)
        is None
    )
    belgorod = await ask(base, catalogs, "city.history", language, cities=["belgorod"], **signatory)
    assert signing in to_plain(belgorod) and "signatory" in belgorod.holds
    # An FAQ entry answers what its data says it holds, and nothing more.
    for entry, asks, answered in [
        ("wakefield-70th-2026", ["signatory"], False),
        ("konin-first-contacts-1989", ["initiator"], True),
        ("exchange-gymnasium-2-2018", ["count"], False),
        ("declaration-16-signatures", ["count"], True),
    ]:
        answer = await ask(base, catalogs, f"faq.{entry}", language, asks=asks)
        assert (answer is not None) == answered, entry
    # Without a cue, the nearest entry is the answer as before.
    assert await ask(base, catalogs, "city.history", language, cities=["wakefield"]) is not None


async def test_an_entry_lacking_the_asked_gives_way_to_the_partnerships_history_of_that_year(
    base, catalogs
):
    db, knowledge = base

    def convoys(text: str) -> Understanding:
        return replace(
            understood("faq.belgorod-aid-convoys", "en", cities=["belgorod"], asks=["signatory"]),
            text=text,
        )

    answer = await compose(
        convoys("who signed with Belgorod in 1990?"), knowledge, db, catalogs["en"]
    )
    assert answer.entry == "city.history:belgorod" and "Pohlmann" in to_plain(answer)
    # The history does not say who signed in 2018: what the base dated that year does (round
    # 23's year story, bot/compose.py `_year_story`): the declaration and its signatories.
    late = await compose(
        convoys("who signed with Belgorod in 2018?"), knowledge, db, catalogs["en"]
    )
    assert late is not None and late.entry != "city.history:belgorod"
    assert "2018" in to_plain(late) and "Dudda" in to_plain(late)


async def test_an_office_entry_holds_what_the_question_it_answers_asks_for(own_base, catalogs):
    """The office wrote its answer for the question asked ("Wer hat 1956 in Wakefield
    unterschrieben?"): whatever that asks for, its answer is the answer."""
    db, _ = own_base
    await add_office_entry(db, "Laut Stadtarchiv die beiden Bürgermeister.")
    knowledge = await Knowledge.load(db)
    asked = understood("faq.office-1", "de", asks=["signatory"])
    answer = await compose(asked, knowledge, db, catalogs["de"])
    assert answer is not None and "Stadtarchiv" in to_plain(answer)


def comparing(intent: str, way: str, cities: list[str], language: str = "en") -> Understanding:
    return replace(understood(intent, language, cities=cities), compares=way)


async def compared(base, catalogs, intent, way, cities, language="en"):
    db, knowledge = base
    u = comparing(intent, way, cities, language)
    return await compose(u, knowledge, db, catalogs[language])


@pytest.mark.parametrize("language", LANGUAGES)
async def test_two_partnerships_compared_say_which_is_older_and_both_years(
    base, catalogs, language
):
    knowledge = base[1]
    wakefield, konin = (knowledge.cities[c].name(language) for c in ("wakefield", "konin"))
    older = await compared(base, catalogs, "city.since", "older", ["konin", "wakefield"], language)
    first = older.paragraphs[0].lines[0]
    assert wakefield in first and "35" in first and konin not in first
    assert "1991" in to_plain(older) and "1956" in to_plain(older)
    newer = await compared(base, catalogs, "city.since", "newer", ["konin", "wakefield"], language)
    assert konin in newer.paragraphs[0].lines[0]
    assert wakefield not in newer.paragraphs[0].lines[0]


async def test_the_years_between_two_partnerships_in_the_readers_plural(base, catalogs):
    lines = [
        (await compared(base, catalogs, "city.since", "older", cities, language))
        .paragraphs[0]
        .lines[0]
        for cities, language in (
            (["konin", "wakefield"], "ru"),
            (["konin", "belgorod"], "ru"),
            (["besiktas", "luzhou"], "pl"),
        )
    ]
    assert lines == [
        "Партнёрство с городом Уэйкфилд — более старое, на 35 лет.",
        "Партнёрство с городом Белгород — более старое, на 1 год.",
        "Partnerstwo z miastem Beşiktaş jest starsze, o 3 lata.",
    ]


async def test_two_partnerships_of_one_year_say_which_began_first(base, catalogs):
    answer = await compared(base, catalogs, "city.since", "newer", ["eisleben", "belgorod"])
    assert answer.paragraphs[0].lines[0] == (
        "Both partnerships began in 1990, the one with Belgorod first, on 19 February 1990."
    )


async def test_older_cities_read_as_their_founding_get_the_partnerships_years(base, catalogs):
    # The base holds no founding year for Konin: the partnerships' years answer, and
    # Belgorod's founding comes after them.
    answer = await compared(base, catalogs, "city.founded", "older", ["konin", "belgorod"])
    assert answer.entry == "city.since:konin,belgorod"
    text = to_plain(answer)
    assert text.startswith("The partnership with Belgorod is the older one, by 1 year.")
    assert "1991" in text and "19 February 1990" in text and "1596" in text
    # Without a comparison, the founding as asked.
    founded = await ask(base, catalogs, "city.founded", cities=["konin", "belgorod"])
    assert founded.entry == "city.founded:konin,belgorod"


async def test_two_cities_compared_by_population_and_distance(base, catalogs):
    def first(answer):
        return answer.paragraphs[0].lines[0]

    cities = ["konin", "wakefield"]
    larger = await compared(base, catalogs, "city.population", "larger", cities)
    assert first(larger) == "Wakefield has more inhabitants than Konin."
    smaller = await compared(base, catalogs, "city.population", "smaller", cities, "de")
    assert first(smaller) == "Konin hat weniger Einwohner als Wakefield."
    # "Which is bigger?" read as area: the base holds no area for either, their populations do.
    area = await compared(base, catalogs, "city.area", "larger", cities, "zh")
    assert area.entry == "city.population:konin,wakefield" and "109,766" in to_plain(area)
    closer = await compared(base, catalogs, "city.distance", "closer", ["belgorod", "konin"])
    assert first(closer) == "Konin is closer to Herne than Belgorod."
    farther = await compared(base, catalogs, "city.distance", "farther", ["belgorod", "konin"])
    assert first(farther) == "Belgorod is farther from Herne than Konin."
    # Two cities' distance without a comparison word: how far apart they are.
    knowledge = base[1]
    konin, belgorod = knowledge.cities["konin"], knowledge.cities["belgorod"]
    km = distance_km(konin.lat, konin.lon, belgorod.lat, belgorod.lon)
    apart = await ask(base, catalogs, "city.distance", cities=["konin", "belgorod"])
    assert first(apart) == (
        f"Konin and Belgorod are about {round(km, -1):,.0f} km apart as the crow flies."
    )
    # One city asked with a comparison word has nothing to be compared with.
    alone = await compared(base, catalogs, "city.since", "older", ["konin"])
    assert first(alone).startswith("Konin has been Herne's partner city since")
