"""Telegram HTML as readable plain text, for the console and `partnerbot ask`."""

from __future__ import annotations

from html.parser import HTMLParser


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
