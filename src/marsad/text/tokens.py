"""Tokenisation: surface tokens with offsets, and clitic-split words where they align.

Surface tokens (stanza's *Token*) are runs of letters, marks and digits, or single punctuation
characters; «وبالرباط» is one token. Words (stanza's *Word*) split a token into proclitics
(و ف ب ل ك س ال, and ل+ال written «لل»), a stem and pronoun suffixes; every word keeps the exact
offsets of its letters in the text, so «و + ب + الرباط» are three spans of one token.
The split is deliberately conservative (a stem keeps at least three letters), because a wrong split
of a name («بلقاسم») costs more than a missed one: matchers try both the token and its stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.datafiles import read_tsv
from marsad.text.fold import FOLD_TABLE, fold

__all__ = ["Token", "Word", "split_clitics", "strip_proclitics", "tokenize", "words_of"]

_WORD_CHARS = r"\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640"
_TOKEN_RE = re.compile(
    rf"[{_WORD_CHARS}]+(?:(?<=\d)(?:[.,\u066B\u066C]\d+)+)?"  # a word; a number keeps its separators: 12,000 / و٣٫٥
    r"|\S"
)

#: proclitic chains, tried in file order (longest first): ``data/proclitic_chains.tsv``
_PROCLITIC_CHAINS = tuple(r["chain"] for r in read_tsv("marsad.text", "data/proclitic_chains.tsv"))
_CLUSTERS = tuple(r["cluster"] for r in read_tsv("marsad.text", "data/proclitic_clusters.tsv"))
#: the proclitic clusters by first letter, each tuple longest first as in the file
_CLUSTERS_BY_FIRST = {c: tuple(p for p in _CLUSTERS if p[0] == c) for c in dict.fromkeys(p[0] for p in _CLUSTERS)}
_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا")
_MIN_STEM = 3
_MIN_BARE_STEM = 4  # after a bare one-letter clitic: «وزير» stays whole, «وأضاف» splits


@dataclass(frozen=True, slots=True)
class Token:
    """A surface token ``text[start:end]`` and its folded form."""

    start: int
    end: int
    norm: str

    @property
    def is_word(self) -> bool:
        return bool(self.norm) and (self.norm[0].isalpha() or self.norm[0].isdigit())


@dataclass(frozen=True, slots=True)
class Word:
    """One clitic-split piece of a token: ``role`` is proclitic, stem or suffix."""

    start: int
    end: int
    norm: str
    role: str


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into surface tokens with offsets (never raises)."""
    return [Token(m.start(), m.end(), _folded(m.group())) for m in _TOKEN_RE.finditer(text)]


@lru_cache(maxsize=200_000)
def _folded(token: str) -> str:
    """A surface token folded, remembered (most tokens of a corpus are repeats; bounded, so a server
    does not grow)."""
    return token.translate(FOLD_TABLE)


def strip_proclitics(w: str) -> str:
    """A folded word without one proclitic cluster, article included, when at least three letters
    stay (وبالرباط → رباط, للامن → امن, ولد → ولد): the stem the NER and event features use."""
    if len(w) < 4:
        return w
    for p in _CLUSTERS_BY_FIRST.get(w[0], ()):
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p) :]
    return w


def split_clitics(norm: str) -> tuple[str, str, str]:
    """Split a folded word into (proclitics, stem, suffix); the article «ال» stays on the stem."""
    pre = ""
    for chain in _PROCLITIC_CHAINS:
        minimum = _MIN_STEM if ("ال" in chain or chain.endswith("لل")) else _MIN_BARE_STEM
        if norm.startswith(chain) and len(norm) - len(chain) >= minimum:
            pre = chain
            break
    if pre.endswith("ال"):
        pre = pre[:-2]
    elif pre.endswith("لل"):
        pre = pre[:-1]  # ل + ال: the stem keeps «ل» standing for «ال»
    stem = norm[len(pre) :]
    suffix = ""
    if not stem.startswith("ال"):
        for suf in _SUFFIXES:
            if stem.endswith(suf) and len(stem) - len(suf) >= _MIN_STEM:
                suffix = suf
                break
    return pre, stem[: len(stem) - len(suffix)], suffix


def words_of(text: str, token: Token) -> list[Word]:
    """The clitic-split words of ``token`` whose offsets align with the text."""
    surface = text[token.start : token.end]
    if fold(surface) != token.norm or not token.is_word:
        return [Word(token.start, token.end, token.norm, "stem")]
    pre, stem, suf = split_clitics(token.norm)
    cut = _source_offset(surface, len(pre))
    tail = _source_offset(surface, len(pre) + len(stem))
    if (not pre and not suf) or cut is None or tail is None:
        return [Word(token.start, token.end, token.norm, "stem")]
    words = [Word(token.start + i, token.start + i + 1, fold(surface[i]), "proclitic")
             for i in _letter_positions(surface[:cut])]  # fmt: skip
    words.append(Word(token.start + cut, token.start + tail, fold(surface[cut:tail]), "stem"))
    if suf:
        words.append(Word(token.start + tail, token.end, fold(surface[tail:]), "suffix"))
    return words


def _letter_positions(s: str) -> list[int]:
    return [i for i, c in enumerate(s) if fold(c)]


def _source_offset(surface: str, n_folded: int) -> int | None:
    """The index in ``surface`` after its first ``n_folded`` folded letters (marks included)."""
    count = 0
    for i, c in enumerate(surface):
        if count == n_folded:
            return i
        count += len(fold(c))
    return None if count != n_folded else len(surface)
