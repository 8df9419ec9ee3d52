"""Folded phrase lexicons matched in one Aho-Corasick pass, clitic- and word-boundary aware.

Every rule family of events, quotes and relations is a lexicon of *folded* phrases
(:func:`marsad.text.fold`) loaded from a TSV data file. :class:`PhraseMatcher` builds one
automaton per family and finds all entries in the folded article text in a single pass. A hit
counts only when it sits on word boundaries: before it, the token may carry proclitics
(و ف ب ل ك س and the article ال in their chains, «للـ»), and after it an inflection or pronoun
suffix from the entry's suffix class. Offsets of hits are mapped back to the source text.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from marsad.datafiles import read_tsv, word_sets  # read_tsv: re-exported, its old home
from marsad.text.fold import fold_with_map, is_diacritic, source_span

__all__ = ["PROCLITICS", "SUFFIXES", "VERB_PROCLITICS", "FoldedText", "Hit", "PhraseMatcher", "read_tsv"]

_AFFIXES = word_sets("marsad.rules", "data/affixes.tsv", "form")  # the empty affix is not listed there
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
class Hit(Generic[T]):
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
        self._last: tuple[FoldedText, bool, list[Hit[T]]] | None = None

    def find(self, ft: FoldedText, longest: bool = True) -> list[Hit[T]]:
        """All boundary-valid hits in ``ft``; with ``longest``, overlapping shorter hits are dropped."""
        last = self._last
        if last is not None and last[0] is ft and last[1] == longest:
            return list(last[2])
        hits = self._find(ft, longest)
        self._last = (ft, longest, hits)
        return list(hits)

    def _find(self, ft: FoldedText, longest: bool) -> list[Hit[T]]:
        if self._empty:
            return []
        norm = ft.norm
        hits: list[tuple[int, int, Hit[T]]] = []
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
            hits.append((begin, tok_end, Hit(s, e, ts, payload, phrase, prefix, suffix)))
        if not longest:
            return [h for _, _, h in sorted(hits, key=lambda x: (x[0], -x[1]))]
        return _longest(hits)


def _suffix_ok(suffix_class: str, suffix: str) -> bool:
    if suffix_class == "construct":
        return suffix in _CONSTRUCT and bool(suffix)
    if not suffix:
        return True
    return any(suffix in SUFFIXES.get(c, SUFFIXES["x"]) for c in suffix_class)


def _longest(hits: list[tuple[int, int, Hit[T]]]) -> list[Hit[T]]:
    """Greedy left-to-right selection of non-overlapping hits, the longest first at each start."""
    hits.sort(key=lambda x: (x[0], -(x[1] - x[0]), -len(x[2].phrase)))
    out: list[Hit[T]] = []
    last_end = -1
    for begin, end, hit in hits:
        if begin >= last_end:
            out.append(hit)
            last_end = end
    return out

