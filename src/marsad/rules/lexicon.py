"""Folded phrase lexicons: the rule families' matcher, now :mod:`marsad.text.match` (re-exported here).

Every rule family of events, quotes and relations is a lexicon of *folded* phrases loaded from a
TSV data file (:func:`read_tsv`) and matched by :class:`PhraseMatcher`; ``Hit`` is
:class:`marsad.text.match.PhraseHit`.
"""

from __future__ import annotations

from marsad.datafiles import read_tsv  # re-exported, its old home
from marsad.text.match import PROCLITICS, SUFFIXES, VERB_PROCLITICS, FoldedText, PhraseMatcher
from marsad.text.match import PhraseHit as Hit

__all__ = ["PROCLITICS", "SUFFIXES", "VERB_PROCLITICS", "FoldedText", "Hit", "PhraseMatcher", "read_tsv"]
