"""marsad's learned event model: which events a sentence states, by which word, in which mode.

Linear heads over the sparse features of :mod:`marsad.events.features`, trained by
``training/events/train.py`` on marsad's annotated corpus (``training/corpus``) and shipped as
``data/event_model.npz`` (weights in float16, vocabularies, labels, thresholds):

- ``types``: sixteen one-vs-rest logistic heads, one per PLOVER type, over the sentence's features
  (the trigger lexicon is one feature among thousands, not the only way in);
- ``trigger``: a softmax over the words of a sentence, per type, that picks the word naming it;
- ``mode``: per type with modes, a softmax over its modes (and none), from the sentence and the
  trigger word;
- ``acled``: the ACLED event/sub-event type (or none: ordinary crime and every non-ACLED event),
  from the sentence, the type and the mode;
- ``quad``: PLOVER QuadClass of a sentence (none, material/verbal conflict/cooperation), trained
  on ``plover_quadclass_ar``; its relevance is reported, and read by no rule.

Inference is a handful of dictionary lookups and row sums per sentence; nothing here needs more
than numpy.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from marsad.events.features import Clusters, Featurizer, SentenceView, token_features

__all__ = ["EventModel", "Head", "Prediction", "load_event_model", "save_model"]

MODEL_FILE = "event_model.npz"


@dataclass(frozen=True)
class Head:
    """One linear head: feature vocabulary, weights ``(features, labels)``, bias, labels."""

    labels: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray

    def rows(self, feats: Iterable[str]) -> list[int]:
        """The weight rows of the features this head knows."""
        return [r for r in map(self.vocab.get, feats) if r is not None]

    def logits(self, feats: Iterable[str]) -> np.ndarray:
        rows = self.rows(feats)
        return self.bias + self.weights[rows].sum(axis=0) if rows else self.bias.copy()

    def column_scores(self, rows_per_item: Sequence[list[int]], label: str, against: str | None = None) -> np.ndarray:
        """One label's logit for each item (a list of weight rows), in one pass; with ``against``, the
        difference of the two labels' logits (of a two-label head: the log-odds of ``label``)."""
        col = self.weights[:, self.labels.index(label)]
        bias = self.bias[self.labels.index(label)]
        if against is not None:
            col = col - self.weights[:, self.labels.index(against)]
            bias = bias - self.bias[self.labels.index(against)]
        flat = [r for rows in rows_per_item for r in rows]
        sums = np.zeros(len(rows_per_item))
        if flat:
            lengths = np.array([len(rows) for rows in rows_per_item])
            starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
            nonempty = lengths > 0
            sums[nonempty] = np.add.reduceat(col[flat], starts[nonempty])
        return np.asarray(sums + bias)

    def sigmoid(self, feats: Iterable[str]) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp(-self.logits(feats))))

    def softmax(self, feats: Iterable[str]) -> np.ndarray:
        z = self.logits(feats)
        e = np.exp(z - z.max())
        return np.asarray(e / e.sum())


@dataclass(frozen=True, slots=True)
class Prediction:
    """A type the model finds in a sentence: probability, trigger word (folded span), mode, ACLED."""

    sent: int
    type: str
    prob: float
    trigger: tuple[int, int]
    mode: str | None
    mode_prob: float
    acled: str | None


class EventModel:
    """The heads, the cluster table the features read, and the decision thresholds."""

    def __init__(self, heads: dict[str, Head], clusters: Clusters, thresholds: dict[str, float],
                 meta: dict[str, object]) -> None:  # fmt: skip
        self.heads = heads
        self.clusters = clusters
        self.featurizer = Featurizer(clusters)
        #: lexicon entries precise enough on the training corpus to stand whatever the model says
        self.trusted: frozenset[str] = frozenset(meta.get("trusted_triggers", ()))  # type: ignore[call-overload]
        self._word_rows: dict[str, tuple[int, ...]] = {}
        self.thresholds = thresholds
        self.meta = meta
        self.types = heads["types"].labels

    def type_probs(self, view: SentenceView) -> np.ndarray:
        """The probability of each PLOVER type in one sentence."""
        return np.asarray(self.article_type_probs([view])[0])

    def article_type_probs(self, views: Sequence[SentenceView]) -> np.ndarray:
        """``(sentences, types)`` probabilities: each sentence's set of weight rows (each word's rows are
        cached), summed for all sentences in one numpy pass."""
        head = self.heads["types"]
        per_sentence: list[list[int]] = []
        cache = self._word_rows
        for view in views:
            rows: set[int] = set(head.rows(view.extra))
            for w in view.words:
                rows.update(cache.get(w) or self._word_rows_of(w))
            per_sentence.append(list(rows))
        z = np.tile(head.bias, (len(views), 1))
        flat = [r for rows in per_sentence for r in rows]
        if flat:
            lengths = np.array([len(rows) for rows in per_sentence])
            starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
            nonempty = lengths > 0
            z[nonempty] += np.add.reduceat(head.weights[flat], starts[nonempty], axis=0)
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def _word_rows_of(self, w: str) -> tuple[int, ...]:
        cached = self._word_rows.get(w)
        if cached is None:
            if len(self._word_rows) >= Featurizer.MAX_WORDS:
                self._word_rows.clear()
            cached = self._word_rows[w] = tuple(self.heads["types"].rows(self.featurizer.word(w)[1]))
        return cached

    @cached_property
    def type_thresholds(self) -> np.ndarray:
        """The decision threshold of each type, in the order of :attr:`types`."""
        return np.array([self.threshold(t) for t in self.types])

    def calibrate(self, confidence: float) -> float:
        """An event's confidence refitted on held-out news (Platt scaling of its logit, fitted by the
        training script on the corpus's dev split: ``meta["calibration"] = [a, b]``)."""
        fit = self.meta.get("calibration")
        a, b = (float(fit[0]), float(fit[1])) if isinstance(fit, list | tuple) else (1.0, 0.0)
        c = min(max(confidence, 1e-6), 1 - 1e-6)
        return float(1.0 / (1.0 + np.exp(-(a * np.log(c / (1 - c)) + b))))

    def threshold(self, typ: str) -> float:
        return self.thresholds.get(typ, self.thresholds.get("*", 0.5))

    def predict(self, views: Sequence[SentenceView], floor: float | None = None) -> list[Prediction]:
        """Every (sentence, type) whose probability reaches its threshold (or ``floor`` when given)."""
        out: list[Prediction] = []
        for view in views:
            if not view.words:
                continue
            probs = self.type_probs(view)
            for k, typ in enumerate(self.types):
                p = float(probs[k])
                if p >= (floor if floor is not None else self.threshold(typ)):
                    out.append(self.describe(view, typ, p))
        return out

    def describe(self, view: SentenceView, typ: str, prob: float) -> Prediction:
        """The trigger word, mode and ACLED code of type ``typ`` in a sentence."""
        i = self.trigger_index(view, typ)
        tok = view.tokens[i]
        trig = [f"t:{f}" for f in token_features(view, i, self.featurizer)]
        mode, mode_prob = self._mode(typ, view.feats, trig)
        acled = self.acled(typ, mode, view.feats)
        return Prediction(view.sent, typ, prob, (tok.start, tok.end), mode, mode_prob, acled)

    def mode_at(self, view: SentenceView, typ: str, i: int) -> str | None:
        """The mode of an event of type ``typ`` whose trigger is the sentence's ``i``-th word."""
        return self._mode(typ, view.feats, [f"t:{f}" for f in token_features(view, i, self.featurizer)])[0]

    def trigger_index(self, view: SentenceView, typ: str) -> int:
        """The word of the sentence that most names an event of type ``typ``."""
        head = self.heads["trigger"]
        rows = [head.rows(token_features(view, i, self.featurizer)) for i in range(len(view.tokens))]
        return int(np.argmax(head.column_scores(rows, typ)))

    def _mode(self, typ: str, feats: Sequence[str], trig: Sequence[str]) -> tuple[str | None, float]:
        head = self.heads.get(f"mode:{typ}")
        if head is None:
            return None, 1.0
        probs = head.softmax([*feats, *trig])
        k = int(np.argmax(probs))
        label = head.labels[k]
        return (None if label == "-" else label), float(probs[k])

    def acled(self, typ: str, mode: str | None, feats: Sequence[str]) -> str | None:
        """The ACLED «event type/sub-event type» of an event of ``typ`` and ``mode`` in a sentence, or None."""
        head = self.heads.get("acled")
        if head is None:
            return None
        probs = head.softmax([*feats, f"T:{typ}", f"M:{typ}/{mode}"])
        label = head.labels[int(np.argmax(probs))]
        return None if label == "-" else label

    def quad(self, feats: Sequence[str]) -> np.ndarray:
        """QuadClass probabilities (0 none, 1 material conflict, 2 material cooperation, 3 verbal
        conflict, 4 verbal cooperation) of a sentence's features."""
        return self.heads["quad"].softmax(feats)


def save_model(path: Path, heads: Mapping[str, Mapping[str, Any]], clusters: Clusters, meta: Mapping[str, Any]) -> None:
    """Write a model: per head its labels, vocabulary, weights (float16) and bias; the cluster table; meta.

    ``heads`` maps a head's name to ``{"labels": [...], "vocab": [...], "W": (features, labels), "b": (labels,)}``.
    """
    arrays: dict[str, np.ndarray] = {}
    for name, h in heads.items():
        arrays[f"{name}.labels"] = np.array(list(h["labels"]), dtype=str)
        arrays[f"{name}.vocab"] = np.array(list(h["vocab"]), dtype=str)
        arrays[f"{name}.W"] = np.asarray(h["W"], dtype=np.float16).reshape(len(h["vocab"]), len(h["labels"]))
        arrays[f"{name}.b"] = np.asarray(h["b"], dtype=np.float32)
    words = sorted(clusters)
    arrays["clusters.words"] = np.array(words, dtype=str)
    arrays["clusters.ids"] = np.array([clusters[w] for w in words], dtype=np.int16).reshape(len(words), 2)
    arrays["meta"] = np.array(json.dumps({**meta, "heads": sorted(heads)}, ensure_ascii=False))
    np.savez_compressed(path, allow_pickle=False, **arrays)


def _read(path: Path) -> EventModel:
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
        heads = {}
        for name in meta["heads"]:
            vocab = {f: i for i, f in enumerate(z[f"{name}.vocab"].tolist())}
            heads[name] = Head(tuple(z[f"{name}.labels"].tolist()), vocab,
                               z[f"{name}.W"].astype(np.float32), z[f"{name}.b"].astype(np.float32))  # fmt: skip
        words = z["clusters.words"].tolist()
        ids = z["clusters.ids"]
        clusters = {w: (int(a), int(b)) for w, (a, b) in zip(words, ids.tolist(), strict=True)}
    return EventModel(heads, clusters, dict(meta.get("thresholds", {})), meta)


@lru_cache(maxsize=2)
def load_event_model(path: str | None = None) -> EventModel:
    """The shipped event model (once per process), or the one at ``path``."""
    if path is not None:
        return _read(Path(path))
    with resources.as_file(resources.files("marsad.events").joinpath("data", MODEL_FILE)) as p:
        return _read(p)
