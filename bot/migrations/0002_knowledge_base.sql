-- The knowledge base (data/*.yaml): partner cities, organisations, facts and FAQ entries.
-- Texts live in *_texts tables, one row per language. Links to cities and organisations are
-- checked at COMMIT, so an import can replace a section whose ids others refer to.
CREATE TABLE cities (
    id                 TEXT PRIMARY KEY,
    partner            INTEGER NOT NULL CHECK (partner IN (0, 1)),
    flag               TEXT NOT NULL,
    country_code       TEXT NOT NULL,
    partner_since      TEXT,                 -- 'YYYY' or 'YYYY-MM-DD'
    status             TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
    status_since       TEXT,
    timezone           TEXT NOT NULL,        -- IANA
    lat                REAL,
    lon                REAL,
    website            TEXT,
    population         INTEGER,
    population_year    INTEGER,
    population_approx  INTEGER NOT NULL DEFAULT 0,
    signed_by          TEXT NOT NULL DEFAULT '[]',   -- JSON list of names
    aliases            TEXT NOT NULL DEFAULT '[]',   -- JSON list
    sources            TEXT NOT NULL                 -- JSON list
) STRICT;

CREATE TABLE city_texts (
    city_id      TEXT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    language     TEXT NOT NULL CHECK (language IN ('de', 'en', 'ru', 'pl', 'tr')),
    name         TEXT NOT NULL,
    country      TEXT NOT NULL,
    region       TEXT NOT NULL,
    profile      TEXT NOT NULL,
    status_note  TEXT,
    PRIMARY KEY (city_id, language)
) STRICT;

CREATE TABLE organisations (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    city_id         TEXT REFERENCES cities (id) DEFERRABLE INITIALLY DEFERRED,
    website         TEXT,
    address         TEXT,
    founded         INTEGER,
    members_approx  INTEGER,
    aliases         TEXT NOT NULL DEFAULT '[]',
    sources         TEXT NOT NULL
) STRICT;

CREATE TABLE organisation_texts (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    language         TEXT NOT NULL CHECK (language IN ('de', 'en', 'ru', 'pl', 'tr')),
    name_local       TEXT,
    location         TEXT,
    description      TEXT NOT NULL,
    PRIMARY KEY (organisation_id, language)
) STRICT;

CREATE TABLE organisation_sectors (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    sector           TEXT NOT NULL CHECK (sector IN ('health_economy', 'energy', 'logistics',
                         'science', 'nanotechnology', 'culture', 'sport', 'education')),
    PRIMARY KEY (organisation_id, sector)
) STRICT;

CREATE TABLE faq (
    id       TEXT PRIMARY KEY,
    topic    TEXT NOT NULL,
    date     TEXT,
    sources  TEXT NOT NULL
) STRICT;

CREATE TABLE faq_texts (
    faq_id     TEXT NOT NULL REFERENCES faq (id) ON DELETE CASCADE,
    language   TEXT NOT NULL CHECK (language IN ('de', 'en', 'ru', 'pl', 'tr')),
    answer     TEXT NOT NULL,
    questions  TEXT NOT NULL,   -- JSON list
    keywords   TEXT NOT NULL,   -- JSON list
    PRIMARY KEY (faq_id, language)
) STRICT;

CREATE TABLE faq_cities (
    faq_id   TEXT NOT NULL REFERENCES faq (id) ON DELETE CASCADE,
    city_id  TEXT NOT NULL REFERENCES cities (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (faq_id, city_id)
) STRICT;

CREATE TABLE faq_organisations (
    faq_id           TEXT NOT NULL REFERENCES faq (id) ON DELETE CASCADE,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (faq_id, organisation_id)
) STRICT;

-- One row per entry and language: its stemmed, case- and accent-folded words, and markers
-- (ent_<id>) for the cities, organisations and sectors it concerns. `language` is indexed so
-- that a query can be narrowed to one language inside MATCH.
CREATE VIRTUAL TABLE kb_search USING fts5 (
    terms,
    language,
    doc UNINDEXED,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
