"""``ner.kb.v1``: actor KB mentions → the "entities" layer (one :class:`Entity` per mention, ids E1…,
canonical from the KB).

Demonym adjectives («التركي»، «العراقية») are not named mentions (annotation guide), so they go to a
side layer "actor_mentions" (ids D1…) that the event and relation rules read alongside the entities.
:func:`build_entities` is the one place entities are created (a trained NER model's spans are fused
later, :mod:`marsad.ner.fuse`). A seat of power standing for its state («البيت الأبيض», «الكرملين») is
the institution: ORG, linked to the state.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from marsad.article import Article
from marsad.config import Settings
from marsad.kb.actors import SEATS_OF_POWER
from marsad.knowledge import Knowledge
from marsad.layers import ACTOR_MENTIONS, ENTITIES, FOLDED, KB_MENTIONS
from marsad.records import Canonical, Entity
from marsad.stages import StageFn, StageSpec
from marsad.text.fold import fold
from marsad.text.match import FoldedText

__all__ = ["NER_KB", "build_entities", "canonical_of"]

_KIND_LABEL = {"person": "PER", "state": "GPE", "agency": "ORG", "group": "ORG", "media": "ORG", "org": "ORG",
               "region": "LOC"}  # fmt: skip


def canonical_of(actor: Any) -> Canonical:
    """The :class:`Canonical` of a KB actor (``marsad.kb.actors.Actor``)."""
    return Canonical(actor.id, actor.name_ar, actor.name_en, actor.kind, actor.country, actor.wikidata,
                     tuple(actor.members))  # fmt: skip


def build_entities(article: Article, mentions: Sequence[Any]) -> list[Entity]:
    """One entity per KB mention (not demonyms), ids E1… in text order; label from the KB actor."""
    out: list[Entity] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if getattr(m, "via", "name") == "demonym":
            continue
        if out and m.start < out[-1].end:
            continue
        label = m.actor.label or _KIND_LABEL.get(m.actor.kind, "ORG")
        if m.metonym and fold(article.text[m.start : m.end]).endswith(SEATS_OF_POWER):
            label = "ORG"  # «البيت الأبيض»: the presidency, an institution of its state
        out.append(Entity(f"E{len(out) + 1}", m.start, m.end, label, canonical_of(m.actor), "kb", float(m.score)))
    return out


def _demonyms(mentions: Sequence[Any]) -> list[Entity]:
    out: list[Entity] = []
    for m in mentions:
        if getattr(m, "via", "name") == "demonym":
            out.append(Entity(f"D{len(out) + 1}", m.start, m.end, "MISC", canonical_of(m.actor), "kb.demonym",
                              float(m.score)))  # fmt: skip
    return out


def _ner(_settings: Settings, knowledge: Knowledge) -> StageFn:
    kb = knowledge.kb

    def run(article: Article) -> Article:
        mentions = kb.find(article.text)
        out = article.with_layer(ENTITIES, build_entities(article, mentions))
        # the folded text, computed once here, is reused by the event, quote and relation rules
        out = out.with_layer(ACTOR_MENTIONS, _demonyms(mentions)).with_layer(KB_MENTIONS, mentions)
        return out.with_layer(FOLDED, [FoldedText.of(article.text)])

    return run


NER_KB = StageSpec("ner.kb.v1", requires=(), assigns=("entities", "actor_mentions", "kb_mentions", "folded"),
                   factory=_ner)  # fmt: skip
