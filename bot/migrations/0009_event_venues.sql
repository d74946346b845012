-- The venue is a place of its own: a meeting at Business Herne about Luzhou takes place in
-- Herne, in Herne's zone, with a pin in Herne. `timezone`, `lat` and `lon` were already the
-- venue's; this names the city the venue is in. NULL (every earlier row): the event's city.
ALTER TABLE events ADD COLUMN venue_city_id TEXT REFERENCES cities (id) DEFERRABLE INITIALLY DEFERRED;

-- Which of a city's sources backs which fact ({"population": [...], "time": [...]}), so that
-- "📰 Source" under a population names the article with the figure, not every source of the
-- city. Each listed source is one of the city's `sources`; '{}' (every earlier row): all of them.
ALTER TABLE cities ADD COLUMN fact_sources TEXT NOT NULL DEFAULT '{}';
