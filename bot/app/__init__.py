"""The composition root: wires python-telegram-bot, the handlers, the jobs and the services of
the Telegram-free core; the only part of `bot/` that imports `telegram` or `handlers`."""
