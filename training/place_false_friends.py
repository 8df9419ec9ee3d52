"""Derive place names that are mostly ordinary words from SaudiNewsNet word statistics.

Usage: python training/place_false_friends.py [../shared/data/saudinewsnet]
Writes ``src/marsad/kb/data/place_false_friends.tsv`` with two kinds of lines:

* ``proclitic<TAB>name``: the name is seen (≥ 20 times) mostly (≥ 80 %) glued to a «ب»/«ل»
  proclitic, so the glued form is a word of its own: «لجنة» is not ل + «جنة» (Djenné), «بلاتر»
  not ب + «لاتر» (Latur);
* ``frequent<TAB>name``: the bare name is frequent (≥ 100 times) but follows a place noun
  («مدينة/منطقة/ولاية …») in under 1 % of its uses: «أمن» (Emmen), «معسكر» (Mascara), «ليل» (Lille).
  Capitals are frequent too, so the geocoder only drops these when the place's country is not
  in the article's context and the place is small (see :mod:`marsad.kb.places`).
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

from marsad.kb.places import _PLACE_NOUNS, Geocoder
from marsad.text.fold import fold

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "marsad" / "kb" / "data" / "place_false_friends.tsv"
_WORD = re.compile(r"[\u0621-\u064a]+")
_PROCLITICS = ("ب", "ل", "وب", "ول", "فب", "فل")


def counts(folder: Path, names: set[str]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """(bare, glued to a ب/ل proclitic, after a place noun) counts of each name."""
    bare: Counter[str] = Counter()
    glued: Counter[str] = Counter()
    after_noun: Counter[str] = Counter()
    for zpath in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    prev = ""
                    for tok in _WORD.findall(fold(art.get("content") or "")):
                        if tok in names:
                            bare[tok] += 1
                            after_noun[tok] += prev in _PLACE_NOUNS
                        else:
                            for c in _PROCLITICS:
                                if tok.startswith(c) and tok[len(c) :] in names:
                                    glued[tok[len(c) :]] += 1
                                    break
                        prev = tok
    return bare, glued, after_noun


def main(argv: list[str]) -> None:
    folder = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data" / "saudinewsnet"
    names = {n for n in Geocoder.load().arabic_names() if " " not in n}
    bare, glued, after_noun = counts(folder, names)
    lines = ["# derived by training/place_false_friends.py from SaudiNewsNet word counts (see ATTRIBUTION.md)"]
    for n in sorted(names):
        b, g = bare[n], glued[n]
        if g >= 20 and g >= 0.8 * (b + g):
            lines.append(f"proclitic\t{n}")
        if b >= 100 and after_noun[n] < 0.01 * b:
            lines.append(f"frequent\t{n}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)
