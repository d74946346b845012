"""/stats for admins: the numbers as text, then the same as a chart."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.app.context import BotContext
from bot.events import TOPIC_LABELS
from bot.i18n import LANGUAGES, escape
from bot.stats import (
    ACTIVE_DAYS,
    CHART_DAYS,
    Stats,
    chart_labels,
    chart_png,
    collect,
    delivery_state_names,
)
from handlers.admin import require_admin


def _counts(counter, label) -> str:
    return ", ".join(f"{escape(label(key))} {n}" for key, n in counter.most_common()) or "–"


def stats_text(stats: Stats, context: BotContext) -> str:
    cities = context.qa.index.cities
    every_city = context.gettext("all cities")
    every_topic = context.gettext("all topics")
    share = context.i18n.percent(stats.answered / stats.asked) if stats.asked else "–"
    lines = [
        context.gettext("<b>Statistics</b>"),
        # The period's word agrees with its number (ru/uk/pl have three forms).
        context.ngettext(
            "👥 Users: %(users)s; active in the last %(days)s day: %(active)s; blocked the "
            "bot: %(blocked)s",
            "👥 Users: %(users)s; active in the last %(days)s days: %(active)s; blocked the "
            "bot: %(blocked)s",
            ACTIVE_DAYS,
            users=stats.users,
            days=ACTIVE_DAYS,
            active=stats.active,
            blocked=stats.blocked,
        ),
        context.gettext("🔔 Subscribers: %(count)s", count=stats.subscribers),
        context.gettext(
            "by language: %(counts)s",
            counts=_counts(
                stats.by_language,
                lambda k: context.i18n.language_name(k, label=True) if k in LANGUAGES else k,
            ),
        ),
        context.gettext(
            "by city: %(counts)s",
            counts=_counts(
                stats.by_city,
                lambda k: (
                    every_city
                    if k is None
                    else cities[k].name(context.locale)
                    if k in cities
                    else k
                ),
            ),
        ),
        context.gettext(
            "by topic: %(counts)s",
            counts=_counts(
                stats.by_topic,
                lambda k: (
                    every_topic
                    if k is None
                    else context.gettext(TOPIC_LABELS[k])
                    if k in TOPIC_LABELS
                    else k
                ),
            ),
        ),
        context.ngettext(
            "❓ Questions in the last %(days)s day: %(asked)s, answered by the bot: %(share)s",
            "❓ Questions in the last %(days)s days: %(asked)s, answered by the bot: %(share)s",
            CHART_DAYS,
            days=CHART_DAYS,
            asked=stats.asked,
            share=share,
        ),
        context.ngettext(
            "👍 Answers marked helpful in the last %(days)s day: %(count)s",
            "👍 Answers marked helpful in the last %(days)s days: %(count)s",
            CHART_DAYS,
            days=CHART_DAYS,
            count=stats.helpful,
        ),
        context.gettext("Open questions for the office: %(count)s", count=stats.open_questions),
    ]
    if stats.unanswered:
        lines.append(context.gettext("Most frequent unanswered:"))
        lines += [f"• {n}× {escape(text[:100])}" for text, n in stats.unanswered]
    states = delivery_state_names(context.i18n)
    lines.append(
        context.gettext(
            "📣 Broadcasts: %(count)s; deliveries: %(states)s",
            count=stats.broadcasts,
            states=_counts(stats.deliveries, lambda k: states.get(k, k)),
        )
    )
    return "\n".join(lines)


async def show_stats(update: Update, context: BotContext) -> None:
    if not await require_admin(update, context):
        return
    stats = await collect(context.db, context.questions, context.settings.default_language)
    message = update.effective_message
    await message.reply_text(stats_text(stats, context))
    png = await chart_png(stats, chart_labels(context.i18n))
    # Bytes without a file name: python-telegram-bot then guesses no type from a name, which
    # would read the system's MIME table into the bot's memory for good (a photo has none).
    await message.reply_photo(png)


HANDLERS = [CommandHandler("stats", show_stats)]
