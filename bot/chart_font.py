"""Makes the /stats chart's fallback font (`bot/fonts/`): `python -m bot.chart_font SOURCE.ttc`
cuts the glyphs that DejaVu Sans, matplotlib's own font, lacks for the chart's texts in every
catalog (today: Chinese) out of Noto Sans CJK SC Regular, and names the result anew. Run it when
a chart text changes in a catalog; `tests/test_chart_font.py` fails until then.

The source is `NotoSansCJK-Regular.ttc` of Debian bookworm's `fonts-noto-cjk` (SIL OFL 1.1):
`apt-get download fonts-noto-cjk=1:20220127+repack1-1 && dpkg-deb -x fonts-noto-cjk_*.deb src`,
then `python -m bot.chart_font src/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc`."""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
from dataclasses import asdict
from pathlib import Path

from bot.chart import FALLBACK_FAMILY, FALLBACK_FONT
from bot.i18n import Catalogs
from bot.resources import locales_dir
from bot.stats import ChartLabels, chart_labels

# The file the committed font was cut from; another one gives other glyphs (and an unreviewed
# licence), so the tool refuses it.
SOURCE_SHA256 = "b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a"
SOURCE_FACE = "Noto Sans CJK SC"  # the collection's face with the simplified Chinese forms
POSTSCRIPT_NAME = "PartnerbotChartCJK-Regular"
# The name records that name the font: the OFL gives a Modified Version a name of its own.
# The trademark notice (7) goes with the name; copyright, licence and designers stay.
RENAMED = {
    1: FALLBACK_FAMILY,
    3: f"{POSTSCRIPT_NAME}; subset of Noto Sans CJK SC 2.004",
    4: f"{FALLBACK_FAMILY} Regular",
    6: POSTSCRIPT_NAME,
}
DROPPED_NAMES = {7, 16, 17, 18}


def label_texts(labels: ChartLabels) -> list[str]:
    values = asdict(labels)
    states = values.pop("states")
    return [*values.values(), *states.values()]


def chart_characters(catalogs: Catalogs) -> set[str]:
    """Every character of every language's chart texts."""
    return {c for i18n in catalogs for text in label_texts(chart_labels(i18n)) for c in text}


def primary_font() -> Path:
    """The DejaVu Sans that matplotlib ships (and draws with where no system font exists),
    found without importing matplotlib: the bot's tests check that it is never imported."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.origin is not None, "matplotlib is a dependency"
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"


def covered(path: Path) -> set[str]:
    """The characters a font has a glyph for."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return {chr(code) for code in font.getBestCmap()}


def needed(catalogs: Catalogs) -> set[str]:
    """The chart's characters that the primary font lacks: the fallback font's whole content."""
    return {c for c in chart_characters(catalogs) if c.isprintable()} - covered(primary_font())


def make(source: Path, characters: set[str], output: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    if digest != SOURCE_SHA256:
        raise SystemExit(f"{source}: sha256 {digest}, expected {SOURCE_SHA256}")
    faces = TTCollection(source, recalcTimestamp=False).fonts
    [font] = [f for f in faces if f["name"].getDebugName(4) == SOURCE_FACE]
    options = subset.Options()
    options.name_IDs = ["*"]  # all, for the copyright and licence records
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters))
    subsetter.subset(font)
    name = font["name"]
    name.names = [n for n in name.names if n.nameID not in DROPPED_NAMES]
    for record in name.names:
        if record.nameID in RENAMED:
            record.string = RENAMED[record.nameID]
    cff = font["CFF "].cff
    cff.fontNames = [POSTSCRIPT_NAME]
    top = cff.topDictIndex[0]
    top.FullName = RENAMED[4]
    top.FamilyName = FALLBACK_FAMILY
    output.parent.mkdir(parents=True, exist_ok=True)
    font.save(output)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.chart_font", description=__doc__)
    parser.add_argument("source", type=Path, help="NotoSansCJK-Regular.ttc (see above)")
    args = parser.parse_args(argv)
    characters = needed(Catalogs.load(locales_dir()))
    make(args.source, characters, FALLBACK_FONT)
    print(f"{FALLBACK_FONT}: {len(characters)} characters, {FALLBACK_FONT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
