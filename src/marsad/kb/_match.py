"""One-pass, clitic-aware name matching on folded text (shared by actors and places).

All names are folded (:func:`marsad.text.fold`) and put into one Aho-Corasick automaton. A hit
counts when it sits on word boundaries, where the left boundary may be preceded by a proclitic
sequence (و ف then ب ل ك, e.g. «و», «ب», «وب», «فل»). Names that begin with the article «ال» are
also entered as «ل» + rest, so that «للمديرية» (= ل + المديرية, the alef elided) matches when the
preposition «ل» precedes it.

Span convention: a returned span never includes a proclitic that is not part of the name
(«وموريتانيا» → «موريتانيا», «بالرباط» → «الرباط»). For «لل…» the span starts at the SECOND
«ل», which stands for the elided article («للمديرية العامة» → «لمديرية العامة»).

Latin names (acronyms, French/English names) are matched case-insensitively on the ASCII
lower-cased text; keys registered as acronyms must appear in upper case in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
import numpy as np
from rapidfuzz import fuzz, process

from marsad.datafiles import word_sets

__all__ = ["CLITICS", "FuzzyNames", "Hit", "NameMatcher", "WholeWords", "norm_token", "strip_clitics", "tokens"]

#: Proclitic sequences accepted before a name (conjunction, then preposition).
CLITICS = frozenset(word_sets("marsad.kb", "data/words.tsv")["clitic"])
_LIL_CLITICS = frozenset(["ل", "ول", "فل"])  # before «ل»+rest (= ل + ال…)
_ASCII_UPPER = re.compile("[A-Z]+")  # lower-cased run by run: str.translate is slow on Arabic text


@dataclass(frozen=True, slots=True)
class Hit:
    """A name found in folded text: ``[start, end)`` in folded offsets, clitic excluded."""

    start: int
    end: int
    key: str
    clitic: str


def _ascii_lower(text: str) -> str:
    """``text`` with the ASCII capitals A-Z lower-cased and nothing else changed."""
    return _ASCII_UPPER.sub(_lower_match, text)


def _lower_match(m: re.Match[str]) -> str:
    return m.group().lower()


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class NameMatcher:
    """An Aho-Corasick automaton over folded keys with clitic and boundary rules."""

    def __init__(
        self, keys: Iterable[str], acronyms: Iterable[str] = (),
        clitics: frozenset[str] = CLITICS,
    ) -> None:  # fmt: skip
        self._acronyms = frozenset(acronyms)
        self._clitics = clitics
        self._auto = ahocorasick.Automaton()
        entries: dict[str, list[tuple[str, bool]]] = {}
        for key in sorted(set(keys) | self._acronyms):
            low = _ascii_lower(key)
            entries.setdefault(low, []).append((key, False))
            if key.startswith("ال") and len(key) > 3:
                entries.setdefault("ل" + key[2:], []).append((key, True))
        for pattern, vals in entries.items():
            # a key read literally before a key read through «لل» (للندن: London, not ال+لندن…),
            # then by key: the same order whatever the hash seed
            self._auto.add_word(pattern, (len(pattern), tuple(sorted(vals, key=lambda v: (v[1], v[0])))))
        if entries:
            self._auto.make_automaton()
        self._empty = not entries

    def _left(self, text: str, start: int, lil: bool) -> str | None:
        """Return the clitic before ``start`` (possibly ''), or None if not at a word start."""
        if start == 0 or not _is_word(text[start - 1]):
            return None if lil else ""
        j = start
        while j > 0 and start - j < 2 and text[j - 1] in "وفبلك":
            j -= 1
            if (j == 0 or not _is_word(text[j - 1])) and text[j:start] in (
                _LIL_CLITICS if lil else self._clitics
            ):
                return text[j:start]
        return None

    def iter_hits(self, folded: str) -> Iterator[Hit]:
        """All boundary-valid hits (overlapping), in end order."""
        if self._empty:
            return
        low = _ascii_lower(folded)
        n = len(folded)
        for end_idx, (length, vals) in self._auto.iter(low):
            end = end_idx + 1
            if end < n and _is_word(folded[end]):
                continue
            start = end - length
            for key, lil in vals:
                if key in self._acronyms and folded[start:end] != key:
                    continue
                clitic = self._left(folded, start, lil)
                if clitic is None:
                    continue
                yield Hit(start, end, key, clitic)

    def find(self, folded: str) -> list[Hit]:
        """Non-overlapping hits, longest first, then leftmost; returned in text order."""
        hits = sorted(self.iter_hits(folded), key=lambda h: (h.start - h.end, h.start))
        taken: list[Hit] = []
        used = bytearray(len(folded) + 1)
        for h in hits:
            if any(used[h.start : h.end]):
                continue
            used[h.start : h.end] = b"\x01" * (h.end - h.start)
            taken.append(h)
        taken.sort(key=lambda h: h.start)
        return taken


def strip_clitics(word: str) -> list[str]:
    """Readings of one folded word with a leading proclitic removed (the word itself first).

    «للمديريه» → [«للمديريه», «المديريه», …]; «وبالجزائر» → […, «الجزائر»].
    """
    out = [word]
    for c in sorted(CLITICS, key=len, reverse=True):
        if word.startswith(c) and len(word) - len(c) >= 2:
            rest = word[len(c) :]
            if c.endswith("ل") and rest.startswith("ل"):
                out.append("ا" + rest)
            out.append(rest)
    return list(dict.fromkeys(out))


def norm_token(tok: str) -> str:
    """A folded token without conjunction, preposition+article or article (for fuzzy matching)."""
    t = tok
    if len(t) > 3 and t[0] in "وف":
        t2 = t[1:]
        if t2.startswith(("ال", "لل", "بال", "كال")):
            t = t2
    for p in ("بال", "كال", "لل", "ال"):
        if t.startswith(p) and len(t) - len(p) >= 2:
            return t[len(p) :]
    return t


_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokens(folded: str) -> list[tuple[int, int, str]]:
    """Word tokens of folded text as ``(start, end, token)``; punctuation breaks are kept as ''."""
    return [
        (m.start(), m.end(), t if (t := m.group())[0].isalnum() or t[0] == "_" else "")
        for m in _TOKEN.finditer(folded)
    ]


_WORD_RUN = re.compile(r"\w+")


class WholeWords:
    """Where words of a fixed set stand as whole ``\\w+`` runs of a text (one Aho-Corasick pass).

    ``find(text)`` equals ``[(m.start(), m.end(), m.group()) for m in re.finditer(r"\\w+", text)
    if m.group() in words]`` without visiting every word of the text.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._auto = ahocorasick.Automaton()
        for w in words:
            if _WORD_RUN.fullmatch(w):  # anything else is never a whole \w+ run
                self._auto.add_word(w, len(w))
        self._empty = len(self._auto) == 0
        if not self._empty:
            self._auto.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, word)`` of every whole-word occurrence, in text order."""
        if self._empty:
            return []
        n = len(text)
        out: list[tuple[int, int, str]] = []
        for last, length in self._auto.iter(text):
            start, end = last + 1 - length, last + 1
            if (start == 0 or not _is_word(text[start - 1])) and (end == n or not _is_word(text[end])):
                out.append((start, end, text[start:end]))
        out.sort()
        return out

class FuzzyNames:
    """``process.extractOne(query, names, scorer=fuzz.ratio, score_cutoff=cutoff)``, scoring fewer names.

    ``fuzz.ratio`` is ``100 * (1 - d / (len(a) + len(b)))`` with ``d`` the indel distance, which is
    at least the length difference and has its parity; two different strings of the same length
    are therefore at least 2 apart. Names are kept in buckets by length (in their original order);
    a bucket that cannot reach the cutoff is skipped, or, when only an identical name could, looked
    up in a dict. Among the bucket winners the best score wins, ties going to the name listed
    first, exactly as ``extractOne`` over the whole list decides. Answers are memoised (bounded):
    the same unknown names come back article after article.
    """

    def __init__(self, names: Iterable[str]) -> None:
        buckets: dict[int, tuple[list[str], list[int], dict[str, int]]] = {}
        for i, name in enumerate(names):
            bucket = buckets.setdefault(len(name), ([], [], {}))
            bucket[0].append(name)
            bucket[1].append(i)
            bucket[2].setdefault(name, i)
        self._buckets = sorted(buckets.items())
        self._masks = {length: np.array([_char_mask(n) for n in b[0]], np.uint64) for length, b in self._buckets}
        self._memo = lru_cache(maxsize=4096)(self._best)

    def best(self, query: str, cutoff: float) -> tuple[str, float] | None:
        """The best-scoring name and its score, or None when none reaches ``cutoff``."""
        return self._memo(query, cutoff)

    def _best(self, query: str, cutoff: float) -> tuple[str, float] | None:
        n = len(query)
        qmask = np.uint64(_char_mask(query))
        best: tuple[float, int, str] | None = None
        for length, (names, order, first) in self._buckets:
            if _best_unequal(n, length) >= cutoff - 1e-6:
                # a character in one string and not the other costs at least one indel: names with
                # more such characters than the cutoff allows cannot reach it (bits may be shared by
                # several characters, which only lowers the count: the test stays necessary)
                allowed = int((1 - cutoff / 100) * (n + length) + 1e-6)
                keep = np.flatnonzero(np.bitwise_count(self._masks[length] ^ qmask) <= allowed)
                if not len(keep):
                    continue
                res = process.extractOne(query, [names[k] for k in keep], scorer=fuzz.ratio, score_cutoff=cutoff)
                if res is None:
                    continue
                name, score, i = res[0], res[1], order[int(keep[res[2]])]
            elif length == n and query in first and cutoff <= 100:
                name, score, i = query, 100.0, first[query]
            elif length > n:
                break  # longer names only score lower
            else:
                continue
            if best is None or score > best[0] or (score == best[0] and i < best[1]):
                best = (score, i, name)
        return None if best is None else (best[2], best[0])


def _char_mask(text: str) -> int:
    """The characters of ``text`` as bits of a 64-bit mask (code point mod 64)."""
    mask = 0
    for ch in text:
        mask |= 1 << (ord(ch) & 63)
    return mask


def _best_unequal(a: int, b: int) -> float:
    """The highest ``fuzz.ratio`` two different strings of lengths ``a`` and ``b`` can have."""
    total = a + b
    if total == 0:
        return 100.0
    return 100.0 * (total - (abs(a - b) or 2)) / total
