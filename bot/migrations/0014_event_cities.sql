-- An event takes place in one city, but may involve others: a youth orchestra from Konin playing
-- in Herne is Herne's event and an exchange with Konin. The partner cities its title or
-- description names (read by the question engine's name recognition, in every language and
-- inflection) are kept here, so that "the next exchange with Konin" and the /events filter for
-- Konin find it. Derived data: rebuilt from the texts, never typed by anyone.
CREATE TABLE event_cities (
    event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    city_id   TEXT NOT NULL,
    PRIMARY KEY (event_id, city_id)
) STRICT;
CREATE INDEX event_cities_city ON event_cities (city_id);

-- Which names read the texts (a digest of the knowledge base's city names and aliases); NULL:
-- not read since the texts last changed (every earlier row, and any write to event_texts,
-- however it is made: /newevent, a translation, an edit, `partnerbot kb import`).
ALTER TABLE events ADD COLUMN cities_read TEXT;
CREATE TRIGGER event_texts_inserted AFTER INSERT ON event_texts BEGIN
    UPDATE events SET cities_read = NULL WHERE id = NEW.event_id;
END;
CREATE TRIGGER event_texts_updated AFTER UPDATE ON event_texts BEGIN
    UPDATE events SET cities_read = NULL WHERE id = NEW.event_id;
END;
CREATE TRIGGER event_texts_deleted AFTER DELETE ON event_texts BEGIN
    UPDATE events SET cities_read = NULL WHERE id = OLD.event_id;
END;
