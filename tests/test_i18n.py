"""The real catalogs: complete, consistent, with correct plural forms and locale formatting."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po

from bot import babel_runner
from bot.i18n import LANGUAGES, CatalogError, Catalogs, negotiate, placeholders
from bot.resources import locales_dir

PLURAL_MSGID = "(%(count)s earlier notice was held back.)"
PLURAL_MSGID_PLURAL = "(%(count)s earlier notices were held back.)"


def po_catalog(language: str):
    with (locales_dir() / language / "LC_MESSAGES" / "messages.po").open("rb") as fp:
        return read_po(fp, locale=language)


def test_the_code_and_the_template_agree_and_every_catalog_is_complete():
    assert babel_runner.check() == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_the_same_placeholders(language):
    catalog = po_catalog(language)
    messages = [m for m in catalog if m.id]
    assert messages, "the catalog has no messages"
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{language}: {ids[0]!r} is not translated"
        assert not message.fuzzy, f"{language}: {ids[0]!r} is fuzzy"
        expected = placeholders(ids[-1])
        for string in strings:
            assert placeholders(string) == expected, f"{language}: {ids[0]!r}: {string!r}"


def test_translations_differ_from_english_where_they_should():
    """A catalog copied from English would pass the completeness check; this would not."""
    english = {m.id: m.string for m in po_catalog("en") if m.id}
    for language in (code for code in LANGUAGES if code != "en"):
        catalog = {m.id: m.string for m in po_catalog(language) if m.id}
        same = [mid for mid, string in catalog.items() if string == english[mid]]
        assert len(same) <= len(catalog) // 10, f"{language} copies English: {same[:5]}"


# The form each count takes: Russian and Polish have three, and they differ (21, 22, 111).
EXPECTED_FORM = {
    "ru": {1: 0, 2: 1, 5: 2, 21: 0, 22: 1, 25: 2, 111: 2},
    "pl": {1: 0, 2: 1, 5: 2, 21: 2, 22: 1, 25: 2, 111: 2},
    "de": {1: 0, 2: 1, 5: 1, 21: 1, 22: 1, 25: 1, 111: 1},
    "en": {1: 0, 2: 1, 5: 1, 21: 1, 22: 1, 25: 1, 111: 1},
    "tr": {1: 0, 2: 0, 5: 0, 21: 0, 22: 0, 25: 0, 111: 0},
    # French counts 0 and 1 as singular; Babel's third form (1,000,000 "de") is for millions.
    "fr": {0: 0, 1: 0, 2: 2, 5: 2, 21: 2, 111: 2, 1_000_000: 1},
    "es": {0: 2, 1: 0, 2: 2, 5: 2, 21: 2, 111: 2, 1_000_000: 1},
    "zh": {1: 0, 2: 0, 5: 0, 21: 0, 22: 0, 25: 0, 111: 0},
    "uk": {1: 0, 2: 1, 5: 2, 21: 0, 22: 1, 25: 2, 111: 2},
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms(language, catalogs):
    forms = po_catalog(language)[PLURAL_MSGID].string
    translator = catalogs[language]
    for n, form in EXPECTED_FORM[language].items():
        text = translator.ngettext(PLURAL_MSGID, PLURAL_MSGID_PLURAL, n)
        assert text == forms[form] % {"count": translator.number(n)}, (language, n, text)


def test_russian_and_polish_three_forms_read_right(catalogs):
    ru = catalogs["ru"]
    assert "уведомление было" in ru.ngettext(PLURAL_MSGID, PLURAL_MSGID_PLURAL, 21)
    assert "уведомления были" in ru.ngettext(PLURAL_MSGID, PLURAL_MSGID_PLURAL, 22)
    assert "уведомлений были" in ru.ngettext(PLURAL_MSGID, PLURAL_MSGID_PLURAL, 111)
    pl = catalogs["pl"]
    assert "powiadomień" in pl.ngettext(PLURAL_MSGID, PLURAL_MSGID_PLURAL, 21)
    assert "powiadomienia" in pl.ngettext(PLURAL_MSGID, PLURAL_MSGID_PLURAL, 22)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("de", "de"),
        ("de-AT", "de"),
        ("en-GB", "en"),
        ("en_US", "en"),
        ("ru", "ru"),
        ("pl", "pl"),
        ("tr", "tr"),
        ("fr-CA", "fr"),
        ("es-419", "es"),
        ("zh-hans", "zh"),
        ("zh-CN", "zh"),
        ("uk", "uk"),
        ("ja", None),
        ("pt-BR", None),
        ("", None),
        (None, None),
        ("x!-@@", None),
        ("zz", None),
    ],
)
def test_telegram_language_codes_are_negotiated(code, expected):
    assert negotiate(code) == expected


def test_numbers_and_dates_follow_the_locale(catalogs):
    assert catalogs["de"].number(339978) == "339.978"
    assert catalogs["en"].number(339978) == "339,978"
    assert catalogs["ru"].number(339978) == "339\xa0978"
    assert catalogs["pl"].number(339978) == "339\xa0978"
    assert catalogs["tr"].number(339978) == "339.978"
    day = date(2018, 1, 16)
    assert catalogs["de"].date(day) == "16. Januar 2018"
    assert catalogs["ru"].date(day) == "16 января 2018\u202fг."
    assert catalogs["pl"].date(day) == "16 stycznia 2018"
    assert catalogs["tr"].date(day) == "16 Ocak 2018"
    assert catalogs["fr"].date(day) == "16 janvier 2018"
    assert catalogs["es"].date(day) == "16 de enero de 2018"
    assert catalogs["zh"].date(day) == "2018年1月16日"
    assert catalogs["uk"].date(day) == "16 січня 2018\u202fр."
    moment = datetime(2018, 1, 16, 14, 30, tzinfo=ZoneInfo("UTC"))
    assert catalogs["de"].time(moment, tz=ZoneInfo("Europe/Berlin")) == "15:30"
    # A 24-hour clock in French, Spanish and Ukrainian; Chinese as Chinese writes it.
    for language in ("fr", "es", "uk", "zh"):
        assert catalogs[language].time(moment, tz=ZoneInfo("Europe/Berlin")) == "15:30"


def test_values_are_escaped_after_translation(catalogs):
    text = catalogs["en"].gettext(
        "I don't know the command %(command)s. Send /help to see what I can do.",
        command="<b>&",
    )
    assert "&lt;b&gt;&amp;" in text


def test_a_missing_catalog_fails_loudly(tmp_path):
    (tmp_path / "messages.pot").write_bytes((locales_dir() / "messages.pot").read_bytes())
    with pytest.raises(CatalogError, match="catalog missing"):
        Catalogs.load(tmp_path)


def test_an_incomplete_catalog_fails_loudly(tmp_path):
    for path in locales_dir().rglob("*.po*"):
        target = tmp_path / path.relative_to(locales_dir())
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    po = tmp_path / "pl" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Proszę wybrać język:"', 'msgstr ""'), encoding="utf-8")
    with pytest.raises(CatalogError, match="not translated"):
        Catalogs.load(tmp_path)


def test_compiled_catalogs_are_kept_for_the_same_files_and_a_changed_file_is_read_again(
    tmp_path, monkeypatch
):
    """A start reads the .mo compiled from the same .po files before; a corrected
    translation is compiled and checked anew, and a broken one still fails loudly."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    locales = tmp_path / "locales"
    for path in locales_dir().rglob("*.po*"):
        target = locales / path.relative_to(locales_dir())
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    prompt = "Choose your language:"
    first = Catalogs.load(locales)
    [kept] = (tmp_path / "cache" / "partnerbot" / "catalogs").iterdir()
    again = Catalogs.load(locales)
    assert again["pl"].gettext(prompt) == first["pl"].gettext(prompt) == "Proszę wybrać język:"
    po = locales / "pl" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('"Proszę wybrać język:"', '"Wybierz język:"'), encoding="utf-8")
    assert Catalogs.load(locales)["pl"].gettext(prompt) == "Wybierz język:"
    assert kept.exists() and len(list(kept.parent.iterdir())) == 2
    po.write_text(text.replace('msgstr "Proszę wybrać język:"', 'msgstr ""'), encoding="utf-8")
    with pytest.raises(CatalogError, match="not translated"):
        Catalogs.load(locales)
