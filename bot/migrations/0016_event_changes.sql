-- How often the events the question engine may name have changed: their texts, dates, status or
-- publication, however written (/newevent, /editevent, a translation, `partnerbot kb import`,
-- another process). The engine's index of event titles (bot/event_titles.py) is rebuilt when
-- this count is not the one it was built at: one row read per question, never a stale index.
CREATE TABLE event_changes (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    count  INTEGER NOT NULL
) STRICT;
INSERT INTO event_changes (id, count) VALUES (1, 0);
CREATE TRIGGER event_changes_event_inserted AFTER INSERT ON events BEGIN
    UPDATE event_changes SET count = count + 1;
END;
CREATE TRIGGER event_changes_event_deleted AFTER DELETE ON events BEGIN
    UPDATE event_changes SET count = count + 1;
END;
-- Not on `cities_read` (the engine's own bookkeeping) nor `revision`/`updated_at` alone.
CREATE TRIGGER event_changes_event_updated
AFTER UPDATE OF starts_at, ends_at, precision, timezone, status, published_at, city_id,
    venue_city_id ON events BEGIN
    UPDATE event_changes SET count = count + 1;
END;
CREATE TRIGGER event_changes_text_inserted AFTER INSERT ON event_texts BEGIN
    UPDATE event_changes SET count = count + 1;
END;
CREATE TRIGGER event_changes_text_updated AFTER UPDATE ON event_texts BEGIN
    UPDATE event_changes SET count = count + 1;
END;
CREATE TRIGGER event_changes_text_deleted AFTER DELETE ON event_texts BEGIN
    UPDATE event_changes SET count = count + 1;
END;
