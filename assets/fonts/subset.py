#!/usr/bin/env python3
"""Makes the Latin subsets of the bundled DejaVu Sans faces (`*-Latin.ttf` in this folder).

A PDF whose every character is in these subsets embeds them as they are, already compressed
at build time, instead of subsetting the whole font on each run (see src/render/pdf/fonts.rs).
The glyph outlines and advances are DejaVu's own: only the characters kept, the layout tables
(which the renderer does not use) and the hinting are left out. The licence's name rule allows
this: the subsets keep the name DejaVu Sans, which contains neither "Bitstream" nor "Vera".

Run from the repository root after changing COVERAGE or the fonts:

    pip install fonttools==4.68.0
    python3 assets/fonts/subset.py

The test `latin_subsets_match_the_fonts` checks the result against the full fonts.
"""

import subprocess
import sys
from pathlib import Path

# Characters of Swedish, English and the other languages written with Latin-1 and Latin
# Extended-A, with the punctuation, currency signs, arrows and boxes the documents use.
# The renderer reads the coverage from the subsets' own cmap; the test
# `latin_subsets_match_the_fonts` names the characters that must be there.
COVERAGE = [
    "U+0020-007E",  # Basic Latin
    "U+00A0-017F",  # Latin-1 Supplement and Latin Extended-A
    "U+0218-021B",  # S and T with comma below (Romanian)
    "U+2010-2027",  # dashes, quotation marks, bullet, ellipsis
    "U+2030-203A",  # per mille, primes, angle quotation marks
    "U+20AC",  # euro sign
    "U+2116",  # numero sign
    "U+2122",  # trade mark sign
    "U+2190-2193",  # arrows
    "U+2212",  # minus sign
    "U+2264-2265",  # less-than or equal, greater-than or equal
    "U+2610-2612",  # ballot boxes
    "U+2713-2718",  # check marks and crosses
]

FACES = ["DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"]


def main() -> int:
    folder = Path(__file__).resolve().parent
    for face in FACES:
        subprocess.run(
            [
                "pyftsubset",
                str(folder / f"{face}.ttf"),
                "--unicodes=" + ",".join(COVERAGE),
                "--layout-features=",
                "--drop-tables+=GDEF,GPOS,GSUB,MATH,FFTM",
                "--no-hinting",
                "--name-IDs=*",
                "--no-glyph-names",
                "--notdef-outline",
                f"--output-file={folder / f'{face}-Latin.ttf'}",
            ],
            check=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
