"""A Latin name for an Arabic place name no gazetteer knows («حي سيدي مومن» → «Sidi Moumen»).

Word by word, in this order: the spelling of a toponym head («سيدي» Sidi, «اولاد» Ouled, «عين» Ain:
``data/toponym_heads.tsv``), else the spelling the NERAr dictionaries give the word most often
(``data/latin_words.tsv.gz``, built by ``training/build_latin_words.py``), else a letter-by-letter
transliteration in the GeoNames manner (the article assimilated before a sun letter: «الشوتري» →
«Ash Shutri»; a short «a» between two consonants; final «ة» → «a»). The result is a readable name,
not a standard romanisation: a name the gazetteer has is always taken from the gazetteer.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from marsad.datafiles import read_tsv

__all__ = ["arabic_skeleton", "latin_name", "latin_skeleton", "toponym_heads"]

_DATA = Path(__file__).resolve().parent / "data"
#: Arabic letter → its Latin spelling, letter by letter ("": not written)
_LETTERS = {r["letter"]: r["latin"] for r in read_tsv("marsad.kb", "data/latin_letters.tsv")}
_SUN = frozenset("تثدذرزسشصضطظلن")
_LONG = frozenset("اوي")


@lru_cache(maxsize=1)
def toponym_heads() -> dict[str, str]:
    """Folded words that begin place names («سيدي», «اولاد», «عين» …) → their usual Latin spelling."""
    return {r["word"]: r["latin"] for r in read_tsv("marsad.kb", "data/toponym_heads.tsv")}


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, str]:
    out: dict[str, str] = {}
    path = _DATA / "latin_words.tsv.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                word, latin, _n = line.rstrip("\n").split("\t")
                out[word] = latin
    return out


#: Countries whose place names GeoNames writes in the French manner («ou», «ch», «El»).
_FRENCH = frozenset({"MAR", "ESH", "DZA", "TUN", "MRT", "MLI", "NER", "BFA", "TCD", "SEN", "LBN", "SYR"})


def latin_name(folded: str, country: str | None = None) -> str:
    """A Latin name for a folded Arabic name (one or more words); ``country`` (ISO alpha-3) picks
    the French spelling of the Maghreb and the Sahel («Sidi Moumen») or the English one («Ash Shutri»)."""
    french = country in _FRENCH
    return " ".join(_word(w, french) for w in folded.split())


def _word(w: str, french: bool) -> str:
    known = toponym_heads().get(w) or _dictionary().get(w)
    if known:
        return known
    if w.startswith("ال") and len(w) > 3:
        rest = w[2:]
        bare = toponym_heads().get(rest) or _dictionary().get(rest) or _letters(rest, french)
        if french:
            return "El " + bare
        return ("A" + _letters(rest[0], french).lower() if rest[0] in _SUN else "Al") + " " + bare
    return _letters(w, french)


def _letters(w: str, french: bool) -> str:
    """Letter by letter; a short «a» (none is written in Arabic) breaks a cluster of two consonants
    at the start of the word, after another consonant, or at its end."""
    out: list[str] = []
    prev_vowel = False
    for i, ch in enumerate(w):
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if ch in _LONG and (i == 0 or ch == "ا" or nxt not in _LONG):
            out.append(_vowel(ch, i == 0, french))
            prev_vowel = True
            continue
        if ch == "ه" and not nxt and out:
            out.append("a")
            continue
        out.append(_consonant(ch, french))
        cluster = nxt and nxt not in _LONG and not (nxt == "ه" and i + 2 == len(w))
        if cluster and (i == 0 or not prev_vowel or i + 2 == len(w)):
            out.append("e" if french and i else "a")
            prev_vowel = True
        else:
            prev_vowel = False
    s = "".join(out).replace("aa", "a")
    return s[:1].upper() + s[1:]


def _vowel(ch: str, initial: bool, french: bool) -> str:
    if ch == "ا":
        return "a"
    if ch == "و":
        return ("ou" if french else "w") if initial else ("ou" if french else "u")
    return "y" if initial else "i"


def _consonant(ch: str, french: bool) -> str:
    if french and ch in "شج":
        return {"ش": "ch", "ج": "j"}[ch]
    return _LETTERS.get(ch, "")


#: Arabic letters → the consonant class both scripts share (vowels, «و», «ي», «ه», «ح», «ع» dropped).
_AR_SKELETON = str.maketrans(
    {r["letter"]: r["skeleton"] for r in read_tsv("marsad.kb", "data/skeleton_letters.tsv")} | {" ": ""}
)
_LATIN_DIGRAPHS = (("dj", "j"), ("tch", "s"), ("ch", "s"), ("sh", "s"), ("kh", "k"), ("gh", "k"), ("th", "t"),
                   ("dh", "d"), ("ou", ""), ("ph", "f"), ("ck", "k"), ("qu", "k"))  # fmt: skip
_LATIN_SKELETON = str.maketrans({"v": "f", "p": "b", "g": "k", "q": "k", "c": "k", "x": "ks"})
_LATIN_ARTICLE = re.compile(r"\b(?:al|el|ad|ed|as|es|ash|ech|at|et|an|en|ar|er|az|ez|adh|ath|ad-|el-|al-)[\s-]+")


def arabic_skeleton(folded: str) -> str:
    """The consonant skeleton of a folded Arabic name, the article dropped («سيفاري» → «sfr»)."""
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in folded.split()]
    return _collapse(" ".join(words).translate(_AR_SKELETON))


def latin_skeleton(name: str) -> str:
    """The consonant skeleton of a Latin name, the article dropped («Sévaré» → «sfr»)."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = _LATIN_ARTICLE.sub(" ", " " + s)
    for a, b in _LATIN_DIGRAPHS:
        s = s.replace(a, b)
    s = re.sub(r"[^a-z]", "", s).translate(_LATIN_SKELETON)
    return _collapse(re.sub(r"[aeiouyhw]", "", s))


def _collapse(s: str) -> str:
    return re.sub(r"(.)\1+", r"\1", s)
