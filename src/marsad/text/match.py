"""The one Arabic matcher: Aho-Corasick automata over folded text, clitic- and word-boundary aware.

Three matchers share one automaton library (``pyahocorasick``) and one clitic table
(``data/affixes.tsv``); they differ in what a hit is, on purpose, and stay separate classes:

* :class:`NameMatcher` (actors and places, :mod:`marsad.kb`): names are folded and put into one
  automaton. A hit counts when it sits on word boundaries, where the left boundary may be preceded
  by a name proclitic sequence (set ``name_proclitic``: و ف then ب ل ك, e.g. «و», «ب», «وب», «فل»;
  no article, the name carries its own). Names that begin with the article «ال» are also entered as
  «ل» + rest, so that «للمديرية» (= ل + المديرية, the alef elided) matches when the preposition «ل»
  precedes it. A returned span never includes a proclitic that is not part of the name
  («وموريتانيا» → «موريتانيا», «بالرباط» → «الرباط»); for «لل…» the span starts at the SECOND «ل»,
  which stands for the elided article («للمديرية العامة» → «لمديرية العامة»). Latin names
  (acronyms, French/English names) are matched case-insensitively on the ASCII lower-cased text;
  keys registered as acronyms must appear in upper case in the text. Offsets stay folded.
* :class:`WholeWords`: words of a fixed set standing as whole ``\\w+`` runs (no clitics).
* :class:`PhraseMatcher` (the rule lexicons of events, quotes and relations):
  every rule family is a lexicon of folded phrases loaded from a TSV data file, one automaton per
  family, all entries found in one pass. Before a hit the token may carry proclitic chains (set
  ``proclitic``: و ف ب ل ك س and the article ال in their chains, «للـ»), after it an inflection or
  pronoun suffix from the entry's suffix class. Offsets of hits are mapped back to the source text
  (:class:`FoldedText`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from marsad.datafiles import word_sets
from marsad.text.fold import fold_with_map, is_diacritic, source_span

__all__ = [
    "CLITICS", "PROCLITICS", "SUFFIXES", "VERB_PROCLITICS", "FoldedText", "NameHit", "NameMatcher",
    "PhraseHit", "PhraseMatcher", "WholeWords", "norm_token", "strip_clitics", "tokens",
]  # fmt: skip

#: The clitic table: proclitics and suffixes by set (the empty affix is not listed there).
_AFFIXES = word_sets("marsad.text", "data/affixes.tsv", "form")
#: Proclitic sequences accepted before a name (conjunction, then preposition).
CLITICS = frozenset(_AFFIXES["name_proclitic"])
_LIL_CLITICS = frozenset(["ل", "ول", "فل"])  # before «ل»+rest (= ل + ال…)
_ASCII_UPPER = re.compile("[A-Z]+")  # lower-cased run by run: str.translate is slow on Arabic text

#: Proclitic chains a token may carry before a lexicon entry (folded).
PROCLITICS = frozenset({"", *_AFFIXES["proclitic"]})
#: Verbs take no article or preposition: only the conjunctions and the future «س».
VERB_PROCLITICS = frozenset({"", "و", "ف", "س", "وس", "فس"})
_PRONOUNS = ("", *_AFFIXES["pronoun"])
#: Suffix classes: what may follow an entry inside the same token.
SUFFIXES: dict[str, frozenset[str]] = {
    # exact: nothing may follow (multiword phrases whose last word is fixed)
    "x": frozenset({""}),
    # verbs: perfect/imperfect person endings, then object pronouns («ني», never «ي»: قتلى)
    "v": frozenset({e + p for e in ("", *_AFFIXES["verb_ending"]) for p in ("", *_AFFIXES["verb_object"])}),
    # nouns and adjectives: tanween alef, plural/dual endings, possessive pronouns
    "n": frozenset({e + p for e in ("", *_AFFIXES["noun_ending"]) for p in _PRONOUNS}),
    # participles/adverbial accusatives: قائلا، موضحه (موضحة)، مشيرين
    "a": frozenset({"", *_AFFIXES["participle_ending"]}),
}
_CONSTRUCT = frozenset(p for p in _PRONOUNS if p) | frozenset(_AFFIXES["construct"])

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class NameHit:
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

    def iter_hits(self, folded: str) -> Iterator[NameHit]:
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
                yield NameHit(start, end, key, clitic)

    def find(self, folded: str) -> list[NameHit]:
        """Non-overlapping hits, longest first, then leftmost; returned in text order."""
        hits = sorted(self.iter_hits(folded), key=lambda h: (h.start - h.end, h.start))
        taken: list[NameHit] = []
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


@dataclass(frozen=True, slots=True)
class FoldedText:
    """An article text folded once, with the map back to source offsets."""

    text: str
    norm: str
    index: list[int]

    @classmethod
    def of(cls, text: str) -> FoldedText:
        """Fold ``text`` once (:func:`fold_with_map`)."""
        norm, index = fold_with_map(text)
        return cls(text, norm, index)

    def source(self, start: int, end: int) -> tuple[int, int]:
        """Source span of the folded span ``[start, end)``."""
        return source_span(self.index, start, end)

    def folded_offset(self, source_offset: int) -> int:
        """The first folded position whose source offset is at or after ``source_offset``."""
        return bisect.bisect_left(self.index, source_offset, 0, len(self.index) - 1)


@dataclass(frozen=True, slots=True)
class PhraseHit(Generic[T]):
    """One lexicon hit: the source span of the whole token(s), the entry span, and the entry."""

    start: int  # source start of the entry (proclitics excluded)
    end: int  # source end including any suffix
    token_start: int  # source start of the first token (proclitics included)
    entry: T
    phrase: str
    prefix: str
    suffix: str


class PhraseMatcher(Generic[T]):
    """An Aho-Corasick automaton over folded phrases, each with a payload and a suffix class."""

    def __init__(self, entries: Sequence[tuple[str, str, T]]):
        """``entries``: (folded phrase, suffix class, payload); later duplicates are ignored."""
        self._automaton = ahocorasick.Automaton()
        seen: set[str] = set()
        for phrase, suffix_class, payload in entries:
            if not phrase or phrase in seen:
                continue
            seen.add(phrase)
            self._automaton.add_word(phrase, (phrase, suffix_class, payload))
            if phrase.endswith("ه") and ("n" in suffix_class or "a" in suffix_class):
                # ta marbuta in construct with a pronoun: زيارة → زيارته، حكومة → حكومتها
                stem = phrase[:-1] + "ت"
                if stem not in seen:
                    seen.add(stem)
                    self._automaton.add_word(stem, (stem, "construct", payload))
        self._empty = not seen
        if not self._empty:
            self._automaton.make_automaton()
        # the last answer: the event, quote and relation stages each ask for the same article's cues
        self._last: tuple[FoldedText, bool, list[PhraseHit[T]]] | None = None

    def find(self, ft: FoldedText, longest: bool = True) -> list[PhraseHit[T]]:
        """All boundary-valid hits in ``ft``; with ``longest``, overlapping shorter hits are dropped."""
        last = self._last
        if last is not None and last[0] is ft and last[1] == longest:
            return list(last[2])
        hits = self._find(ft, longest)
        self._last = (ft, longest, hits)
        return list(hits)

    def _find(self, ft: FoldedText, longest: bool) -> list[PhraseHit[T]]:
        if self._empty:
            return []
        norm = ft.norm
        hits: list[tuple[int, int, PhraseHit[T]]] = []
        for last, (phrase, suffix_class, payload) in self._automaton.iter(norm):
            begin = last + 1 - len(phrase)
            tok_begin = begin
            while tok_begin > 0 and norm[tok_begin - 1].isalnum():
                tok_begin -= 1
            prefix = norm[tok_begin:begin]
            if prefix not in (VERB_PROCLITICS if suffix_class == "v" else PROCLITICS):
                continue
            tok_end = last + 1
            while tok_end < len(norm) and norm[tok_end].isalnum():
                tok_end += 1
            suffix = norm[last + 1 : tok_end]
            if not _suffix_ok(suffix_class, suffix):
                continue
            if suffix and phrase.endswith("ه") and suffix_class not in ("v", "construct", "x"):
                continue  # a folded ta marbuta ends the word: «مصادره» is not «مصادرها»
            s, e = ft.source(begin, tok_end)
            while e < len(ft.text) and is_diacritic(ft.text[e]):
                e += 1  # keep a final shadda/tanween with its letter («شددّ»)
            ts, _ = ft.source(tok_begin, tok_end)
            hits.append((begin, tok_end, PhraseHit(s, e, ts, payload, phrase, prefix, suffix)))
        if not longest:
            return [h for _, _, h in sorted(hits, key=lambda x: (x[0], -x[1]))]
        return _longest(hits)


def _suffix_ok(suffix_class: str, suffix: str) -> bool:
    if suffix_class == "construct":
        return suffix in _CONSTRUCT and bool(suffix)
    if not suffix:
        return True
    return any(suffix in SUFFIXES.get(c, SUFFIXES["x"]) for c in suffix_class)


def _longest(hits: list[tuple[int, int, PhraseHit[T]]]) -> list[PhraseHit[T]]:
    """Greedy left-to-right selection of non-overlapping hits, the longest first at each start."""
    hits.sort(key=lambda x: (x[0], -(x[1] - x[0]), -len(x[2].phrase)))
    out: list[PhraseHit[T]] = []
    last_end = -1
    for begin, end, hit in hits:
        if begin >= last_end:
            out.append(hit)
            last_end = end
    return out

