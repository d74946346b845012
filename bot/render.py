"""Answers as Telegram HTML (every text escaped here, once) or as plain text (the console's
`ask`, the benchmark)."""

from __future__ import annotations

from collections.abc import Callable

from bot.answer import Answer, Bullet, Heading, Line, Note, Paragraph
from bot.i18n import escape

BULLET = "• "


def to_html(content: Answer | Paragraph) -> str:
    return _render(content, _html_line)


def to_plain(content: Answer | Paragraph) -> str:
    return _render(content, _plain_line)


def _render(content: Answer | Paragraph, line: Callable[[Line], str]) -> str:
    paragraphs = content.paragraphs if isinstance(content, Answer) else [content]
    return "\n\n".join("\n".join(map(line, p.lines)) for p in paragraphs)


def _html_line(line: Line) -> str:
    if isinstance(line, Heading):
        flag = f"{escape(line.flag)} " if line.flag else ""
        return f"{flag}<b>{escape(line.title)}</b>{escape(line.after)}"
    if isinstance(line, Bullet):
        emphasis = f"<b>{escape(line.emphasis)}</b>" if line.emphasis else ""
        return BULLET + escape(line.text) + emphasis + escape(line.after)
    if isinstance(line, Note):
        return f"<i>{escape(line.text)}</i>"
    return escape(line)


def _plain_line(line: Line) -> str:
    if isinstance(line, Heading):
        flag = f"{line.flag} " if line.flag else ""
        return flag + line.title + line.after
    if isinstance(line, Bullet):
        return BULLET + line.text + line.emphasis + line.after
    if isinstance(line, Note):
        return line.text
    return line
