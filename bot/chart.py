"""Draws the /stats chart: `python -m bot.chart` reads the numbers and the translated labels as
JSON on stdin and writes a PNG to stdout. Run as a child of the bot so that matplotlib's memory
goes away with the process instead of staying in the bot's. It imports nothing of the bot's
(`bot.stats` alone took a third of a second of its start)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# DejaVu Sans (matplotlib's own) has no CJK glyphs: matplotlib takes each glyph it lacks from the
# next family, a subset of Noto Sans CJK SC cut for the chart's texts (`bot/chart_font.py`).
FALLBACK_FONT = Path(__file__).with_name("fonts") / "PartnerbotChartCJK-Regular.otf"
FALLBACK_FAMILY = "Partnerbot Chart CJK"
FONT_FAMILIES = ["DejaVu Sans", FALLBACK_FAMILY]


def use_fonts() -> None:
    """Makes matplotlib draw with DejaVu Sans and the fallback font; once per process."""
    from matplotlib import font_manager, rcParams

    if FALLBACK_FAMILY not in {font.name for font in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(FALLBACK_FONT)
    rcParams["font.family"] = FONT_FAMILIES


def draw(numbers: dict[str, Any], labels: dict[str, Any]) -> bytes:
    """The chart as PNG bytes."""
    buffer = io.BytesIO()
    chart(numbers, labels).savefig(buffer, format="png")
    return buffer.getvalue()


def chart(numbers: dict[str, Any], labels: dict[str, Any]) -> Figure:
    """Four panels: questions per day, users, subscribers by language, broadcast delivery."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    use_fonts()

    figure = Figure(figsize=(10, 7), dpi=100, layout="constrained")
    figure.suptitle(labels["title"])
    per_day, people, languages, delivery = figure.subplots(2, 2).flat

    days = numbers["days"]
    names = [day[5:] for day, _, _ in days]
    per_day.bar(names, [a for _, a, _ in days], color="#c9d6e8", label=labels["asked"])
    per_day.bar(names, [n for _, _, n in days], color="#2f6db5", label=labels["answered"])
    per_day.set_title(labels["questions"])
    per_day.legend(loc="upper left")
    per_day.tick_params(axis="x", labelrotation=60, labelsize=7)

    inactive = max(numbers["users"] - numbers["active"] - numbers["blocked"], 0)
    people.bar(
        [labels["active"], labels["inactive"], labels["blocked"]],
        [numbers["active"], inactive, numbers["blocked"]],
        color=["#3a9b5c", "#b8b8b8", "#c0504d"],
    )
    people.set_title(labels["users"])

    by_language = sorted(numbers["by_language"].items())
    languages.bar([k for k, _ in by_language] or ["–"], [v for _, v in by_language] or [0])
    languages.set_title(labels["subscribers"])

    # Up to seven states, named in words that run long in some languages ("надсилається",
    # "zugestellt"): side by side under vertical bars they overlapped, so the bars lie down and
    # the names stand one under another, in the order of bot.stats.DELIVERY_STATES from the top.
    states = numbers["deliveries"]  # [state, count]
    delivery.barh(
        [labels["states"].get(s, s) for s, _ in states] or ["–"],
        [count for _, count in states] or [0],
        color="#8064a2",
    )
    delivery.invert_yaxis()
    delivery.set_title(labels["deliveries"])
    for axes in (per_day, people, languages):
        axes.yaxis.get_major_locator().set_params(integer=True)
    delivery.xaxis.get_major_locator().set_params(integer=True)
    return figure


def main() -> None:
    request = json.load(sys.stdin.buffer)
    sys.stdout.buffer.write(draw(request["numbers"], request["labels"]))


if __name__ == "__main__":
    main()
