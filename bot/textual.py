"""Telegram text: its length as Telegram counts it, long text split into messages, and HTML as
readable plain text (for the console and `partnerbot ask`)."""

from __future__ import annotations

import html
from collections.abc import Iterable
from html.parser import HTMLParser

from bot.i18n import Html

# Telegram's limit for one message's text.
TELEGRAM_LIMIT = 4096
# A message is not started with a shorter piece of text than this: it goes to the next one.
MIN_PIECE = 200
# Stand-ins for values in a template, cut out by `template_parts`; as `Html`, never escaped.
MARKERS = (Html("\x00"), Html("\x01"))


def telegram_length(text: str) -> int:
    """Telegram counts UTF-16 code units (an emoji may count twice)."""
    return len(text.encode("utf-16-le")) // 2


def split_escaped(text: str, first: int, room: int = TELEGRAM_LIMIT) -> list[str]:
    """Plain `text` as HTML-escaped pieces, the first of at most `first` units, the others of
    at most `room` (escaped, so never more than Telegram counts), cut after a paragraph, a line
    or a word when one is near."""
    pieces: list[str] = []
    rest, limit = text, first
    while rest:
        if telegram_length(html.escape(rest, quote=False)) <= limit:
            pieces.append(html.escape(rest, quote=False))
            break
        low, high = 0, len(rest)  # the longest prefix that fits
        while low < high:
            middle = (low + high + 1) // 2
            if telegram_length(html.escape(rest[:middle], quote=False)) <= limit:
                low = middle
            else:
                high = middle - 1
        cut = low
        for separator in ("\n\n", "\n", " "):
            at = rest.rfind(separator, 0, cut)
            if at > cut // 2:
                cut = at + len(separator)
                break
        pieces.append(html.escape(rest[:cut], quote=False))
        rest, limit = rest[cut:], room
    return pieces


def pack_messages(segments: Iterable[str], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Telegram messages of at most `limit` units made of `segments` in order: `Html` ones are
    markup kept whole (each short), plain ones are escaped and split where they must be."""
    messages: list[str] = []
    current = ""
    for segment in segments:
        if isinstance(segment, Html):
            if current and telegram_length(current + segment) > limit:
                messages.append(current)
                current = ""
            current += segment
            continue
        room = limit - telegram_length(current)
        if room < MIN_PIECE and current:
            messages.append(current)
            current, room = "", limit
        first, *more = split_escaped(segment, room, limit) or [""]
        current += first
        for piece in more:
            messages.append(current)
            current = piece
    messages.append(current)
    return [message.strip() for message in messages if message.strip()]


def template_parts(rendered: str, count: int) -> list[Html]:
    """A translated template rendered with the markers MARKERS[:count] as its values, cut at
    them: the markup around each value, wherever the translation puts it."""
    parts = [rendered]
    for marker in MARKERS[:count]:
        before, after = parts[-1].split(marker)
        parts[-1:] = [before, after]
    return [Html(part) for part in parts]


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._links: list[tuple[str | None, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._links.append((dict(attrs).get("href"), len(self.parts)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._links:
            href, start = self._links.pop()
            label = "".join(self.parts[start:])
            if href and href != label:
                self.parts.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


# Opening quotation marks and the marks that close them, in the languages the bot speaks.
_QUOTES = {"„": '“”"', "“": "”", "«": "»", '"': '"', "‚": "‘’", "‹": "›", "(": ")"}


def shorten(label: str, limit: int = 60) -> str:
    """`label` cut to at most `limit` characters at a word boundary, with an ellipsis; never
    mid-word and never inside an unclosed quotation mark or bracket (cut before it instead)."""
    label = " ".join(label.split())
    if len(label) <= limit:
        return label
    cut = label[: limit - 1]
    space = cut.rfind(" ")
    # A single overlong word has no boundary to cut at: then cut it, marked by the ellipsis.
    if space > 0:
        cut = cut[:space]
    while True:
        opened = _unclosed(cut)
        if opened is None:
            break
        cut = cut[:opened].rstrip()
    if not cut:
        # The label opens with a quotation that runs past the limit: shown without its marks.
        return shorten(label.translate({ord(mark): None for mark in _QUOTES}), limit)
    return cut.rstrip(" ,;:–-") + "…"


def _unclosed(text: str) -> int | None:
    """Where the last quotation mark or bracket that `text` opens and never closes starts."""
    stack: list[tuple[str, int]] = []
    for position, char in enumerate(text):
        if stack and char in _QUOTES[stack[-1][0]]:
            stack.pop()
        elif char in _QUOTES:
            stack.append((char, position))
    return stack[-1][1] if stack else None
