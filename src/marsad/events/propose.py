"""Event mentions from the learned model, the trigger lexicon, or both (``[events] detector``).

- ``rules``: the lexicon's mentions alone (:func:`marsad.events.detect.detect_mentions`).
- ``model``: one mention per (sentence, type) the model finds (:mod:`marsad.events.learned`), at
  the word its trigger head picks, in the mode and ACLED type its heads give.
- ``both``: the model decides which types a sentence states. Where the lexicon found a mention of
  that type in the sentence, the mention keeps the lexicon's word and takes the model's probability
  and mode (the lexicon's where the type has no mode head or the model gives none); a lexicon
  mention the model gives less than ``KEEP`` of its threshold is dropped, unless its word is one the
  training corpus found right most of the time (``EventModel.trusted``): the lexicon as features and
  a high-precision layer, not the only way in. Every other type the model finds adds a mention of its
  own, unless the sentence's context rules the type out (:func:`marsad.events.detect.context_blocks`).

Measured on the corpus's dev split (event type F1), both beats either alone; keeping every lexicon
mention of the rarer types (those without a threshold of their own) cost 0.017 there and 0.007 on
dev2, so they are judged like the others.

The model's mode (its mode head read at the lexicon's word) over the lexicon's: on the corpus dev
split (model trained without it) event_full F1 0.179 → 0.199 and mode accuracy on matched events
0.73 → 0.82; on dev2 event_full 0.275 either way, mode 0.84.

The ACLED type of every mention is the model's (the codebook's sub-event type, or none for
ordinary crime) when the model runs.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from marsad.article_index import ArticleIndex
from marsad.events.detect import Mention, context_blocks, detect_mentions, is_headline
from marsad.events.features import SentenceView, sentence_views
from marsad.events.learned import EventModel, Prediction
from marsad.records import Acled

__all__ = ["DETECTORS", "echoes", "propose"]

DETECTORS = ("rules", "model", "both")
#: a lexicon mention stays when the model gives its type at least this share of the threshold
KEEP = 0.5


def propose(idx: ArticleIndex, model: EventModel | None, detector: str = "both",
            lexical: list[Mention] | None = None) -> list[Mention]:  # fmt: skip
    """The event mentions of an article, in sentence order (rules in the module doc); ``lexical``:
    the lexicon's mentions when the caller has them (:func:`detect_mentions`)."""
    rules: list[Mention] = []
    if detector != "model" or model is None:
        rules = detect_mentions(idx) if lexical is None else lexical
    if model is None or detector == "rules":
        return rules
    views = sentence_views(idx, model.featurizer)
    out: list[Mention] = []
    by_sent: dict[int, list[Mention]] = {}
    for m in rules:
        by_sent.setdefault(m.sent, []).append(m)
    probs = model.article_type_probs(views)
    keep = model.type_thresholds * (KEEP if detector == "both" else 1.0)
    trusted = _trusted_mask(rules, model, probs.shape) if detector == "both" else np.zeros(probs.shape, dtype=bool)
    for s, k in zip(*np.nonzero((probs >= keep) | trusted), strict=True):
        view, typ = views[s], model.types[k]
        if not view.words:
            continue
        p, th = float(probs[s, k]), float(model.type_thresholds[k])
        lexical = [m for m in by_sent.get(view.sent, []) if m.type == typ] if detector == "both" else []
        if lexical and p < keep[k]:
            lexical = [m for m in lexical if m.phrase in model.trusted]
        if lexical:  # the model's probability reached KEEP of the threshold: the lexicon's mentions stay
            for m in lexical:
                mode = model.mode_at(view, typ, _token_at(idx, view, m.start)) or m.mode
                out.append(_with_model(m, p, mode, model.acled(typ, mode, view.feats)))
        elif p >= th and not context_blocks(idx, view.sent, typ):
            out.append(_from_prediction(idx, view, model.describe(view, typ, p)))
    out.sort(key=lambda m: (m.sent, m.start))
    return out


def echoes(lexical: list[Mention], found: list[Mention]) -> list[Mention]:
    """The lexicon's definite references back («الهجوم»، «هذا الهجوم») that ``found`` lacks: the model
    judged their sentence states no new event of the type, but a reference back may still say where
    the event already told happened («… إن الهجوم وقع في ضاحية خان آباد»)."""
    kept = {(m.start, m.type) for m in found}
    return [m for m in lexical if m.definite and (m.start, m.type) not in kept]


def _token_at(idx: ArticleIndex, view: SentenceView, start: int) -> int:
    """The index of the sentence's word that holds source offset ``start`` (else the nearest before)."""
    best = 0
    for i, tok in enumerate(view.tokens):
        if idx.ft.source(tok.start, tok.end)[0] > start:
            break
        best = i
    return best


def _trusted_mask(rules: list[Mention], model: EventModel, shape: tuple[int, ...]) -> np.ndarray:
    """(sentence, type) cells where a lexicon mention of a trusted word stands (a word whose mentions
    were right often enough in the training corpus: it is heard whatever the model says)."""
    mask = np.zeros(shape, dtype=bool)
    for m in rules:
        if m.phrase in model.trusted:
            mask[m.sent, model.types.index(m.type)] = True
    return mask


def _acled(code: str | None) -> Acled | None:
    if not code:
        return None
    event_type, _, sub = code.partition("/")
    if event_type == "Explosions":  # «Explosions/Remote violence/…»: the type itself holds a slash
        head, _, sub = sub.partition("/")
        event_type = f"Explosions/{head}"
    return Acled(event_type, sub)


def _with_model(m: Mention, p: float, mode: str | None, acled: str | None) -> Mention:
    return dataclasses.replace(m, strength=p, weak=False, mode=mode, acled=_acled(acled))


def _from_prediction(idx: ArticleIndex, view: SentenceView, pred: Prediction) -> Mention:
    word = next(t for t in view.tokens if (t.start, t.end) == pred.trigger)
    start, end = idx.ft.source(word.end - len(word.s), word.end)  # the word without its proclitics
    definite = word.w.startswith(("ال", "وال", "بال", "فال"))
    return Mention(start, end, view.sent, pred.type, pred.mode, _acled(pred.acled), weak=False, kill=False,
                   territory=False, strength=pred.prob, definite=definite,
                   headline=is_headline(idx, view.sent))  # fmt: skip
