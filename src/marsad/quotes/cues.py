"""The quote stage's lexicons: speech cues (hand-made and mined), extenders, speaker head words.

- ``data/cues.tsv``: the hand lexicon (verb stems with their suffix class, participles, skips,
  the attribution words «حسب», «وفق», «جاء في» …, flag ``attr``);
- ``data/cues_mined.tsv``: exact cue forms mined from the corpus train split
  (``training/quotes/mine_cues.py``), each with the context it needs (``strict``, ``next``) and
  its measured precision; the hand lexicon wins where both name a form;
- ``data/extenders.tsv``: words that, right after a cue, belong to it («قائلا», «بالقول»);
- ``data/speaker_heads.tsv``: role and institution nouns that speak («مصدر», «بلاغ», «النقابة»),
  mined from the gold speakers of the train split;
- ``data/function_words.tsv``: the rules' sets of function words (complementizers, prepositions that
  name no speaker, time words …);
- ``data/statement_nouns.tsv``: nouns of saying («تصريح», «شهادة», «تعبير») an attribution word
  may govern before its speaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.datafiles import read_tsv
from marsad.text.match import PhraseMatcher

__all__ = ["Cue", "cue_matcher", "extenders", "function_words", "is_speaker_head", "speaker_heads", "statement_noun"]


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue entry: its flags, and the words one of which must follow it (empty: no condition)."""

    flags: frozenset[str]
    next: frozenset[str] = frozenset()


def _rows(name: str) -> list[tuple[str, str, Cue]]:
    out = []
    for r in read_tsv("marsad.quotes", name):
        flags = frozenset(filter(None, r.get("flags", "").split(",")))
        out.append((r["cue"], r["cls"], Cue(flags, frozenset(filter(None, r.get("next", "").split("|"))))))
    return out


@lru_cache(maxsize=1)
def cue_matcher() -> PhraseMatcher[Cue]:
    """One automaton over the hand and the mined cues (the hand entry first: it wins)."""
    return PhraseMatcher(_rows("data/cues.tsv") + _rows("data/cues_mined.tsv"))


@lru_cache(maxsize=1)
def extenders() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("marsad.quotes", "data/extenders.tsv"))


@lru_cache(maxsize=16)
def function_words(name: str) -> frozenset[str]:
    """The words of one set of ``data/function_words.tsv`` («not_speaker», «time», «complementizer» …)."""
    return frozenset(r["word"] for r in read_tsv("marsad.quotes", "data/function_words.tsv") if r["set"] == name)


@lru_cache(maxsize=1)
def statement_nouns() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("marsad.quotes", "data/statement_nouns.tsv"))


@lru_cache(maxsize=1)
def speaker_heads() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("marsad.quotes", "data/speaker_heads.tsv"))


_CLITICS = ("وال", "فال", "بال", "لل", "ال", "ول", "وب", "و", "ل", "ب")


def is_speaker_head(folded_word: str) -> bool:
    """A folded word that is a role or institution noun, with or without its clitics («للمديرية»)."""
    heads = speaker_heads()
    return folded_word in heads or any(folded_word.startswith(p) and folded_word[len(p) :] in heads for p in _CLITICS)


_POSSESSIVES = ("هما", "هم", "ها", "ه", "و")


def statement_noun(folded_word: str) -> tuple[bool, bool] | None:
    """(is a statement noun, carries a possessive pronoun) for «تصريح», «لتقرير», «تعبيره», «هضرتو»;
    None for other words."""
    nouns = statement_nouns()
    for p in ("", "ل", "ال", "لل"):
        if not folded_word.startswith(p):
            continue
        w = folded_word[len(p) :]
        if w in nouns:
            return True, False
        for suffix in _POSSESSIVES:
            stem = w[: -len(suffix)] if w.endswith(suffix) else ""
            if stem in nouns or (stem.endswith("ت") and stem[:-1] + "ه" in nouns):
                return True, True
    return None
