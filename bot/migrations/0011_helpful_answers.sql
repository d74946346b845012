-- 👍 under an answer: counted per day and language like the questions, without the question
-- or who pressed it (the bot does not keep the questions it could answer).
ALTER TABLE question_days ADD COLUMN helpful INTEGER NOT NULL DEFAULT 0;
