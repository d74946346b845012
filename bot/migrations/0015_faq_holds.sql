-- What an FAQ entry's answer holds of the things a question may ask for besides its topic (a
-- signatory, an initiator, a count: data/questions `asks`), as a JSON list: "Who signed the
-- partnership with Wakefield?" is not answered by an entry that only says when it began.
ALTER TABLE faq ADD COLUMN holds TEXT NOT NULL DEFAULT '[]';
