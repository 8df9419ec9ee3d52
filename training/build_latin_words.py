"""Build ``src/marsad/kb/data/latin_words.tsv.gz``: the Latin spelling of Arabic name words.

Usage: PYTHONPATH=src python training/build_latin_words.py [SHARED_DIR]
(SHARED_DIR defaults to <repo>/../shared.)

Source: the NERAr dictionaries (``data/gazetteers/nerar``, BSD 2-clause, (c) 2013 CNRS;
attribution in ``src/marsad/kb/data/ATTRIBUTION.md``): Arabic (Buckwalter) – Latin pairs of
person and place names from AFP news and Wikipedia. A pair whose two sides have as many words
is aligned word by word; each folded Arabic word keeps the Latin spelling seen most often
(at least twice; ties go to the alphabetically first), which gives «سيدي» → Sidi, «مولاي» →
Moulay, «اولاد» → Ouled. Read by :mod:`marsad.kb.translit` to name places no gazetteer has.

Output columns (tab-separated, UTF-8, gzip, sorted): folded Arabic word, Latin word, count.
"""

from __future__ import annotations

import gzip
import io
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from marsad.text.fold import fold

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "marsad" / "kb" / "data" / "latin_words.tsv.gz"
FILES = ("dico-bi-ar-fr.PERS.norm", "dico-bi-ar-fr.LOC.norm")
#: The Buckwalter transliteration (as NERAr's convertUTF8toBW.pl writes it).
_BW = {
    "'": "ء", "|": "آ", ">": "أ", "&": "ؤ", "<": "إ", "}": "ئ", "A": "ا", "b": "ب", "p": "ة", "t": "ت",
    "v": "ث", "j": "ج", "H": "ح", "x": "خ", "d": "د", "*": "ذ", "r": "ر", "z": "ز", "s": "س", "$": "ش",
    "S": "ص", "D": "ض", "T": "ط", "Z": "ظ", "E": "ع", "g": "غ", "_": "", "f": "ف", "q": "ق", "k": "ك",
    "l": "ل", "m": "م", "n": "ن", "h": "ه", "w": "و", "Y": "ى", "y": "ي", "F": "", "N": "", "K": "",
    "a": "", "u": "", "i": "", "~": "", "o": "", "`": "", "{": "ا",
}  # fmt: skip
_LATIN_WORD = re.compile(r"^[A-Za-zÀ-ÿ'’-]{2,}$")
_MIN_COUNT = 2
_LATIN_ARTICLE = re.compile(r"^(?:al|el|al-|el-|as|ash|ad|at|an|ar|az|es|ech|ed|et|en|er|ez)[- ]", re.IGNORECASE)
#: Latin letters an Arabic letter may be written with at the start of a word (an alignment check).
_INITIALS = {
    "ا": "aeiouy", "أ": "aeiouy", "إ": "aeiouy", "آ": "a", "ب": "bp", "ت": "t", "ث": "tsth", "ج": "jgdy",
    "ح": "h", "خ": "khj", "د": "d", "ذ": "dzt", "ر": "r", "ز": "z", "س": "s", "ش": "sc", "ص": "s",
    "ض": "dz", "ط": "t", "ظ": "dz", "ع": "aeiou", "غ": "gr", "ف": "fv", "ق": "qkg", "ك": "kcg", "ل": "l",
    "م": "m", "ن": "n", "ه": "h", "و": "wouv", "ي": "yiej", "ء": "aeiou", "ى": "aey",
}  # fmt: skip


def from_buckwalter(s: str) -> str:
    return "".join(_BW.get(c, c) for c in s)


def pairs(shared: Path) -> list[tuple[str, str]]:
    """(folded Arabic word, Latin word) for every word-aligned dictionary pair."""
    out: list[tuple[str, str]] = []
    for name in FILES:
        path = shared / "data/gazetteers/nerar" / name
        for line in path.read_text(encoding="utf-8").splitlines():
            ar, _, lat = line.partition("\t")
            a_words = fold(from_buckwalter(ar.strip())).split()
            l_words = _latin_words(lat)
            if not a_words or len(a_words) != len(l_words):
                continue
            for a, latin in zip(a_words, l_words, strict=True):
                bare = _LATIN_ARTICLE.sub("", latin)
                if len(a) >= 2 and _LATIN_WORD.match(bare) and _initials_agree(a, bare):
                    out.append((a, bare[:1].upper() + bare[1:]))
    return out


def _latin_words(lat: str) -> list[str]:
    """Latin words, an article kept with its noun («al Saud» → one word «al Saud»)."""
    words: list[str] = []
    for w in lat.split():
        if words and _LATIN_ARTICLE.match(words[-1] + " ") and words[-1].lower() in _ARTICLES:
            words[-1] = words[-1] + " " + w
        else:
            words.append(w)
    return words


_ARTICLES = frozenset({"al", "el", "as", "ash", "ad", "at", "an", "ar", "az", "es", "ech", "ed", "et", "en", "er"})


def _initials_agree(arabic: str, latin: str) -> bool:
    """True when the first letter of ``latin`` may write the first letter of ``arabic`` (article dropped)."""
    a = arabic[2:] if arabic.startswith("ال") and len(arabic) > 3 else arabic
    return latin[:1].lower() in _INITIALS.get(a[:1], "")


def table(aligned: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for a, latin in aligned:
        counts[a][latin] += 1
    rows = []
    for a, c in counts.items():
        latin, n = min(c.items(), key=lambda kv: (-kv[1], kv[0]))
        if n >= _MIN_COUNT:
            rows.append((a, latin, n))
    return sorted(rows)


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared"
    rows = table(pairs(shared))
    with (
        OUT.open("wb") as binary,
        gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=binary, mtime=0) as raw,
        io.TextIOWrapper(raw, encoding="utf-8") as fh,
    ):
        for a, latin, n in rows:
            fh.write(f"{a}\t{latin}\t{n}\n")
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main(sys.argv)
