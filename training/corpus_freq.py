"""Count folded word frequencies in SaudiNewsNet (used to flag place names that are common words).

Usage: python training/corpus_freq.py ../shared/data/saudinewsnet OUT.tsv
Writes ``token<TAB>count`` for tokens seen at least 5 times, plus a ``#total`` line.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

from marsad.text.fold import fold

_WORD = re.compile(r"[\u0621-\u064a]+")


def count(folder: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for zpath in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    counts.update(_WORD.findall(fold(art.get("content") or "")))
    return counts


def main(argv: list[str]) -> None:
    counts = count(Path(argv[1]))
    total = sum(counts.values())
    with open(argv[2], "w", encoding="utf-8") as out:
        out.write(f"#total\t{total}\n")
        for tok, n in counts.most_common():
            if n < 5:
                break
            out.write(f"{tok}\t{n}\n")


if __name__ == "__main__":
    main(sys.argv)
