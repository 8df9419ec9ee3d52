"""Event mentions from the learned model, the trigger lexicon, or both (``[events] detector``).

- ``rules``: the lexicon's mentions alone (:func:`marsad.events.detect.detect_mentions`).
- ``model``: one mention per (sentence, type) the model finds (:mod:`marsad.events.learned`), at
  the word its trigger head picks, in the mode and ACLED type its heads give.
- ``both``: the model decides which types a sentence states. Where the lexicon found a mention of
  that type in the sentence, the mention keeps the lexicon's word and mode (it knows the object:
  «حجز مخدرات» is a seizure, «توقيف شخص» an arrest) and takes the model's probability; a lexicon
  mention the model gives less than ``keep`` of its threshold is dropped (the lexicon as a
  high-precision layer, not the only way in); every other type the model finds adds a mention of
  its own.

The ACLED type of every mention is the model's (the codebook's sub-event type, or none for
ordinary crime) when the model runs.
"""

from __future__ import annotations

import dataclasses

from marsad.events.detect import Mention, detect_mentions, is_headline
from marsad.events.features import SentenceView, sentence_views
from marsad.events.learned import EventModel, Prediction
from marsad.records import Acled
from marsad.rules.context import ArticleIndex

__all__ = ["DETECTORS", "propose"]

DETECTORS = ("rules", "model", "both")
#: a lexicon mention stays when the model gives its type at least this share of the threshold
KEEP = 0.5


def propose(idx: ArticleIndex, model: EventModel | None, detector: str = "both") -> list[Mention]:
    """The event mentions of an article, in sentence order (rules in the module doc)."""
    rules = detect_mentions(idx) if detector != "model" or model is None else []
    if model is None or detector == "rules":
        return rules
    views = sentence_views(idx, model.clusters)
    out: list[Mention] = []
    by_sent: dict[int, list[Mention]] = {}
    for m in rules:
        by_sent.setdefault(m.sent, []).append(m)
    for view in views:
        if not view.tokens:
            continue
        probs = model.type_probs(view)
        for k, typ in enumerate(model.types):
            p, th = float(probs[k]), model.threshold(typ)
            lexical = [m for m in by_sent.get(view.sent, []) if m.type == typ] if detector == "both" else []
            kept = [m for m in lexical if p >= KEEP * th]
            if kept:
                acled = model.describe(view, typ, p).acled
                out += [_with_model(m, p, acled) for m in kept]
            elif p >= th:
                out.append(_from_prediction(idx, view, model.describe(view, typ, p)))
    out.sort(key=lambda m: (m.sent, m.start))
    return out


def _acled(code: str | None) -> Acled | None:
    if not code:
        return None
    event_type, _, sub = code.partition("/")
    if event_type == "Explosions":  # «Explosions/Remote violence/…»: the type itself holds a slash
        head, _, sub = sub.partition("/")
        event_type = f"Explosions/{head}"
    return Acled(event_type, sub)


def _with_model(m: Mention, p: float, acled: str | None) -> Mention:
    return dataclasses.replace(m, strength=p, weak=False, acled=_acled(acled))


def _from_prediction(idx: ArticleIndex, view: SentenceView, pred: Prediction) -> Mention:
    word = next(t for t in view.tokens if (t.start, t.end) == pred.trigger)
    start, end = idx.ft.source(word.end - len(word.s), word.end)  # the word without its proclitics
    definite = word.w.startswith(("ال", "وال", "بال", "فال"))
    return Mention(start, end, view.sent, pred.type, pred.mode, _acled(pred.acled), weak=False, kill=False,
                   territory=False, strength=pred.prob, definite=definite,
                   headline=is_headline(idx, view.sent))  # fmt: skip
