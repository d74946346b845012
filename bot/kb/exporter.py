"""Exporting the database's knowledge base as data files, in the shipped files' layout, so
that an export imports back to the same database."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.db import Database
from bot.i18n import LANGUAGES
from bot.kb.schema import EVENT_TIME_FORMAT, YAML_DUMPER, Entry


async def export_kb(db: Database) -> dict[str, list[Entry]]:
    """The database's knowledge base as the data files' sections, ready for YAML."""
    texts: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in await db.fetchall("SELECT * FROM city_texts"):
        texts[("city", row["city_id"], row["language"])] = dict(row)
    cities = []
    for row in await db.fetchall("SELECT * FROM cities ORDER BY rowid"):
        by_language = {lang: texts[("city", row["id"], lang)] for lang in LANGUAGES}
        entry: dict[str, Any] = {
            "id": row["id"],
            "partner": bool(row["partner"]),
            "flag": row["flag"],
            "country_code": row["country_code"],
            "name": {lang: by_language[lang]["name"] for lang in LANGUAGES},
            "aliases": json.loads(row["aliases"]),
            "country": {lang: by_language[lang]["country"] for lang in LANGUAGES},
            "region": {lang: by_language[lang]["region"] for lang in LANGUAGES},
            "partner_since": row["partner_since"],
            "status": row["status"],
            "status_since": row["status_since"],
        }
        if row["status"] == "suspended":
            entry["status_note"] = {lang: by_language[lang]["status_note"] for lang in LANGUAGES}
        entry.update(
            {
                "timezone": row["timezone"],
                "coordinates": {"lat": row["lat"], "lon": row["lon"]},
                "website": row["website"],
                "population": row["population"],
                "population_year": row["population_year"],
                "population_approx": bool(row["population_approx"]),
                "profile": {lang: by_language[lang]["profile"] for lang in LANGUAGES},
            }
        )
        if json.loads(row["signed_by"]):
            entry["signed_by"] = json.loads(row["signed_by"])
        entry["sources"] = json.loads(row["sources"])
        if json.loads(row["fact_sources"]):
            entry["fact_sources"] = json.loads(row["fact_sources"])
        cities.append(entry)

    organisations = []
    sectors: dict[str, list[str]] = {}
    for row in await db.fetchall("SELECT * FROM organisation_sectors ORDER BY rowid"):
        sectors.setdefault(row["organisation_id"], []).append(row["sector"])
    org_texts: dict[str, dict[str, Any]] = {}
    for row in await db.fetchall("SELECT * FROM organisation_texts"):
        org_texts.setdefault(row["organisation_id"], {})[row["language"]] = dict(row)
    for row in await db.fetchall("SELECT * FROM organisations ORDER BY rowid"):
        t = org_texts[row["id"]]
        entry = {"id": row["id"], "name": row["name"]}
        local = {lang: t[lang]["name_local"] for lang in LANGUAGES if t[lang]["name_local"]}
        if local:
            entry["name_local"] = local
        entry.update(
            {"aliases": json.loads(row["aliases"]), "kind": row["kind"], "city": row["city_id"]}
        )
        if row["city_id"] is None:
            entry["location"] = {lang: t[lang]["location"] for lang in LANGUAGES}
        entry.update({"sectors": sectors.get(row["id"], []), "website": row["website"]})
        for key in ("address", "founded", "members_approx"):
            if row[key] is not None:
                entry[key] = row[key]
        entry["description"] = {lang: t[lang]["description"] for lang in LANGUAGES}
        entry["sources"] = json.loads(row["sources"])
        organisations.append(entry)

    links: dict[tuple[str, str], list[str]] = {}
    for row in await db.fetchall("SELECT faq_id, city_id FROM faq_cities ORDER BY rowid"):
        links.setdefault(("cities", row[0]), []).append(row[1])
    for row in await db.fetchall(
        "SELECT faq_id, organisation_id FROM faq_organisations ORDER BY rowid"
    ):
        links.setdefault(("organisations", row[0]), []).append(row[1])
    faq_texts: dict[str, dict[str, Any]] = {}
    for row in await db.fetchall("SELECT * FROM faq_texts"):
        faq_texts.setdefault(row["faq_id"], {})[row["language"]] = dict(row)
    faq = []
    # Office-made entries exist in one language only: not data files until completed there.
    for row in await db.fetchall("SELECT * FROM faq WHERE origin = 'files' ORDER BY rowid"):
        t = faq_texts[row["id"]]
        entry = {
            "id": row["id"],
            "topic": row["topic"],
            "cities": links.get(("cities", row["id"]), []),
        }
        if ("organisations", row["id"]) in links:
            entry["organisations"] = links[("organisations", row["id"])]
        if row["date"]:
            entry["date"] = row["date"]
        if json.loads(row["intents"]):
            entry["intents"] = json.loads(row["intents"])
        if json.loads(row["holds"]):
            entry["holds"] = json.loads(row["holds"])
        entry.update(
            {
                "questions": {lang: json.loads(t[lang]["questions"]) for lang in LANGUAGES},
                "answer": {lang: t[lang]["answer"] for lang in LANGUAGES},
                "keywords": {lang: json.loads(t[lang]["keywords"]) for lang in LANGUAGES},
                "sources": json.loads(row["sources"]),
            }
        )
        faq.append(entry)
    return {
        "cities": cities,
        "organisations": organisations,
        "faq": faq,
        "events": await _export_events(db),
    }


async def _export_events(db: Database) -> list[Entry]:
    # Admins' events are announcements in one language, not data files.
    texts: dict[str, dict[str, tuple[str, str]]] = {}
    for row in await db.fetchall("SELECT event_id, language, title, description FROM event_texts"):
        texts.setdefault(row[0], {})[row[1]] = (row[2], row[3])
    events = []
    for row in await db.fetchall("SELECT * FROM events WHERE origin = 'file' ORDER BY rowid"):
        zone = ZoneInfo(row["timezone"])
        pattern = EVENT_TIME_FORMAT[row["precision"]]
        entry: dict[str, Any] = {
            "id": row["id"],
            "city": row["city_id"],
            "topic": row["topic"],
            "start": datetime.fromisoformat(row["starts_at"]).astimezone(zone).strftime(pattern),
        }
        if row["ends_at"]:
            end = datetime.fromisoformat(row["ends_at"]).astimezone(zone)
            entry["end"] = end.strftime(pattern)
        entry["timezone"] = row["timezone"]
        entry["title"] = {lang: texts[row["id"]][lang][0] for lang in LANGUAGES}
        entry["description"] = {lang: texts[row["id"]][lang][1] for lang in LANGUAGES}
        if row["venue"]:
            entry["venue"] = row["venue"]
        if row["lat"] is not None:
            entry["coordinates"] = {"lat": row["lat"], "lon": row["lon"]}
        if row["link"]:
            entry["link"] = row["link"]
        if row["status"] != "scheduled":
            entry["status"] = row["status"]
        entry["sources"] = json.loads(row["sources"])
        events.append(entry)
    return events


def write_files(sections: dict[str, list[Entry]], path: Path) -> list[Path]:
    """A folder gets one file per section (as shipped); a .yaml file gets all sections."""

    def dump(content: dict[str, list[Entry]]) -> str:
        text: str = yaml.dump(
            content, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=100
        )
        return text

    if path.suffix in (".yaml", ".yml"):
        path.write_text(dump(sections), encoding="utf-8")
        return [path]
    path.mkdir(parents=True, exist_ok=True)
    written = []
    for section, entries in sections.items():
        target = path / f"{section}.yaml"
        target.write_text(dump({section: entries}), encoding="utf-8")
        written.append(target)
    return written
