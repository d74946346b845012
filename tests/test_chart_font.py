"""The /stats chart has a glyph for every character of its texts in every language: DejaVu Sans
draws what it can, the committed subset of Noto Sans CJK SC the rest (`bot/chart_font.py`)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict, fields

import pytest

import bot.stats
from bot.chart import FALLBACK_FAMILY, FALLBACK_FONT, FONT_FAMILIES
from bot.chart_font import covered, label_texts, needed, primary_font
from bot.i18n import LANGUAGES, Catalogs
from bot.stats import ChartLabels, chart_labels
from tests.charts import SCRIPT, SCRIPT_END, WARM_UP


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_character_has_a_glyph(catalogs: Catalogs, language):
    texts = label_texts(chart_labels(catalogs[language]))
    drawable = covered(primary_font()) | covered(FALLBACK_FONT)
    missing = {c for text in texts for c in text if c not in drawable}
    # When this fails, a chart text changed in a catalog: `python -m bot.chart_font` makes the
    # font anew (its docstring says where the source font comes from).
    assert not missing, f"{language}: no glyph for {''.join(sorted(missing))!r}"


def test_the_fallback_font_is_a_small_subset_named_anew(catalogs: Catalogs):
    from fontTools.ttLib import TTFont

    assert needed(catalogs) <= covered(FALLBACK_FONT)
    assert len(covered(FALLBACK_FONT)) < 200 and FALLBACK_FONT.stat().st_size < 64_000
    with TTFont(FALLBACK_FONT) as font:
        assert font["name"].getDebugName(1) == FALLBACK_FAMILY
        assert "Open Font License" in font["name"].getDebugName(13)
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FALLBACK_FONT.parent / "OFL.txt").read_text()
    # Latin, Cyrillic and the rest stay DejaVu Sans: the fallback only fills in.
    assert FONT_FAMILIES == ["DejaVu Sans", FALLBACK_FAMILY]


def test_the_chart_draws_every_languages_texts_without_a_missing_glyph(
    catalogs: Catalogs, chart_process
):
    """One chart whose every label is that label in all nine languages, drawn as the bot's
    child draws it: matplotlib writes a warning to stderr for each glyph its fonts lack."""
    every = [asdict(chart_labels(catalogs[language])) for language in LANGUAGES]
    labels = {
        f.name: " ".join(label[f.name] for label in every)
        for f in fields(ChartLabels)
        if f.name != "states"
    }
    labels["states"] = {
        s: " ".join(label["states"][s] for label in every) for s in every[0]["states"]
    }
    numbers = WARM_UP["numbers"] | {"deliveries": [[state, 1] for state in labels["states"]]}
    drawn = subprocess.run(
        chart_process,
        input=json.dumps({"numbers": numbers, "labels": labels}).encode("utf-8"),
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert drawn.stdout.startswith(b"\x89PNG")
    assert b"missing from font" not in drawn.stderr, drawn.stderr.decode()[:500]


async def test_what_the_chart_process_warns_reaches_the_log(monkeypatch, caplog):
    """A glyph that goes missing after all (a font file lost in packaging) shows in the bot's
    log instead of only as boxes in a picture."""
    warn = (
        "import sys; sys.stdout.buffer.write(b'\\x89PNG'); sys.stderr.write('Glyph 27599 missing')"
    )
    monkeypatch.setattr(bot.stats, "CHART_COMMAND", (sys.executable, "-c", warn))
    png = await bot.stats.chart_png(bot.stats.Stats(), ChartLabels(*"abcdefghij", states={}))
    assert png == b"\x89PNG"
    assert "Glyph 27599 missing" in caplog.text


# Run in a child: matplotlib must stay out of the test worker (test_office_privacy.py checks that
# the bot never imports it, and in-process bots share the worker's modules). A child of the
# worker's drawing process (tests/charts.py), which has imported matplotlib and bot.chart.
OVERLAPS = """
import json, sys
from matplotlib.backends.backend_agg import FigureCanvasAgg
from bot.chart import chart
overlaps = {}
for language, request in json.load(sys.stdin).items():
    figure = chart(request["numbers"], request["labels"])
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            ticks = [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
            boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in ticks]
            for (a, box_a), (b, box_b) in zip(boxes, boxes[1:]):
                if box_a.overlaps(box_b):
                    overlaps.setdefault(language, []).append([axes.get_title(), a, b])
json.dump(overlaps, sys.stdout)
"""


def test_no_two_labels_of_a_chart_axis_overlap_in_any_language(catalogs: Catalogs, chart_process):
    """Every delivery state and user group at once, named in each language: the Ukrainian
    states side by side under vertical bars ran into one another."""
    requests = {}
    for language in LANGUAGES:
        labels = asdict(chart_labels(catalogs[language]))
        numbers = WARM_UP["numbers"] | {
            "deliveries": [[state, n + 1] for n, state in enumerate(labels["states"])],
            "by_language": {code: 1 for code in LANGUAGES},
            "blocked": 2,
        }
        requests[language] = {"numbers": numbers, "labels": labels}
    drawn = subprocess.run(
        chart_process,
        input=SCRIPT + OVERLAPS.encode("utf-8") + SCRIPT_END + json.dumps(requests).encode("utf-8"),
        capture_output=True,
        timeout=120,
    )
    assert drawn.returncode == 0, drawn.stderr.decode()[-2000:]
    assert json.loads(drawn.stdout) == {}
