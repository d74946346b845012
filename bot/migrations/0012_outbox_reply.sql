-- An office post can continue a thread: the user's reply to an office answer goes out as a reply
-- to the office's post of the question (Telegram's message id in that chat; a deleted one is not
-- an error, the post then stands alone).
ALTER TABLE outbox ADD COLUMN reply_to_message_id INTEGER;
