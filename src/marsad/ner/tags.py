"""The corpus tag scheme: BIO tags of the NER corpora mapped to marsad's labels.

Shared by the model (:mod:`marsad.ner.model`, which maps its corpus tags once) and the CoNLL
scorer (:mod:`marsad.evaluate.conll`, which re-exports both names); a leaf, so that neither
imports the other for it.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["LABEL_MAP", "map_tags"]

#: Corpus labels → marsad labels (ANERcorp PERS, AQMAR MIS, Wojood PERS/GPE/FAC).
LABEL_MAP: dict[str, str] = {
    "PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC",
    "MISC": "MISC", "MIS": "MISC", "GPE": "LOC", "FAC": "LOC",
}


def map_tags(tags: Iterable[str], label_map: dict[str, str] | None = None) -> list[str]:
    """Map the type part of each BIO tag (``B-PERS`` → ``B-PER``); unknown types become ``O``."""
    lm = LABEL_MAP if label_map is None else label_map
    out = []
    for t in tags:
        if t == "O" or "-" not in t:
            out.append("O")
            continue
        prefix, typ = t.split("-", 1)
        out.append(f"{prefix}-{lm[typ]}" if typ in lm else "O")
    return out
