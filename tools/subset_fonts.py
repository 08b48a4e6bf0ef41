"""Subset Be Vietnam Pro for the web: one WOFF2 file per weight with the Vietnamese alphabet.

The site used to ship the upstream @fontsource split (latin, latin-ext, vietnamese × 3 weights ×
2 styles). A Vietnamese page needs glyphs from all three subsets, so a phone loaded nine font
files (139 KB) before the text settled. One file per weight holding exactly what Vietnamese
text uses — Basic Latin, Latin-1, the Vietnamese letters (Ă Â Đ Ê Ô Ơ Ư Ĩ Ũ and U+1EA0–1EF9),
combining tone marks, typographic punctuation and ₫ — without hinting (phones render
unhinted outlines well) and with only the layout features text needs, is a fraction of that.
Characters outside the set fall back to the system font (the CSS declares the same range).

Maintainer script, not run during a site build (fontTools is a dev tool here, see pyproject.toml):

    .venv/bin/pip install -e '.[fonts]'
    .venv/bin/python tools/subset_fonts.py          # rewrite generator/theme/assets/fonts/*.woff2
    .venv/bin/python tools/subset_fonts.py --check  # exit 1 if the files would change

Sources: generator/fonts/BeVietnamPro-{Regular,Bold}.ttf (SIL OFL 1.1, also drawn on the share
cards). Output is deterministic for a given fontTools version.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {400: ROOT / "generator/fonts/BeVietnamPro-Regular.ttf", 700: ROOT / "generator/fonts/BeVietnamPro-Bold.ttf"}
OUTPUT = ROOT / "generator/theme/assets/fonts"

UNICODES = (
    "U+0020-007E,U+00A0-00FF,U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,"
    "U+0300-0303,U+0309,U+0323,U+1EA0-1EF9,U+2013-2014,U+2018-2019,U+201C-201D,U+2022,U+2026,U+2039-203A,U+20AB"
)
"""The characters kept; generator/theme/assets/stylesheets/fonts.css declares the same unicode-range."""
FEATURES = ["kern", "mark", "mkmk", "ccmp", "locl", "liga", "calt", "case"]
"""Kerning, tone-mark placement and composition: what running Vietnamese text needs."""


def _unicodes() -> list[int]:
    codes: list[int] = []
    for part in UNICODES.split(","):
        first, _, last = part.removeprefix("U+").partition("-")
        codes += range(int(first, 16), int(last or first, 16) + 1)
    return codes


def subset_font(source: Path) -> bytes:
    """`source` reduced to `UNICODES`, unhinted, as WOFF2 bytes."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # copyright, names, version, licence
    options.notdef_outline = True
    font = TTFont(source, recalcTimestamp=False)  # the source date, so two runs give the same bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_unicodes())
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=True)
    return out.getvalue()


def main(argv: list[str]) -> int:
    """Write (or with --check, compare) one WOFF2 per weight."""
    changed = []
    for weight, source in SOURCES.items():
        target = OUTPUT / f"be-vietnam-pro-{weight}.woff2"
        data = subset_font(source)
        if not target.is_file() or target.read_bytes() != data:
            changed.append(target)
            if "--check" not in argv:
                target.write_bytes(data)
        print(f"{target.relative_to(ROOT)}: {len(data):,} bytes")
    if "--check" in argv and changed:
        print("would change: " + ", ".join(str(p.relative_to(ROOT)) for p in changed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
