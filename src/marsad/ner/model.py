"""The trained Arabic NER model, loaded once per process from package data.

``NerModel.tag`` takes surface tokens (punctuation split off, clitics left attached, as in
ANERcorp: «وبالرباط» is one token) and returns BIO tags over marsad's labels. ANERcorp's
labels are mapped ``PERS→PER, ORG→ORG, LOC→LOC, MISC→MISC``. The model's ``LOC`` covers
countries, cities and geographic places alike; a later stage splits it into ``GPE``/``LOC``/
``FAC`` with the knowledge base and gazetteers.

The package data directory holds ``manifest.json`` naming the backend: ``ensemble`` (both
below, scores added with ``crf_weight``, :mod:`marsad.ner._ensemble`), ``bilstm-crf`` (numpy
BiLSTM-CRF, :mod:`marsad.ner._bilstm`) or ``crf`` (python-crfsuite with feature templates,
:mod:`marsad.ner._features`), plus the gazetteer and cluster resources the backends read.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from marsad.ner._features import Resources, sentence_features
from marsad.ner.tags import map_tags

__all__ = ["DATA_DIR", "NerModel", "NerModelError", "load_model"]

LOG = logging.getLogger(__name__)
DATA_DIR = Path(__file__).resolve().parent / "data"
#: Labels the model emits (after mapping ANERcorp's PERS to PER).
LABELS = ("PER", "ORG", "LOC", "MISC")


class NerModelError(RuntimeError):
    """The model directory is missing or unreadable (code ``ner.model``)."""

    code = "ner.model"


class _Backend(Protocol):
    def tag_batch(self, sents: Sequence[Sequence[str]]) -> list[list[str]]: ...


class _CrfBackend:
    def __init__(self, model_file: Path, resources: Resources) -> None:
        # optional dependency: python-crfsuite, for the CRF backend only
        import pycrfsuite

        self._res = resources
        self._cache: dict[str, dict[str, str | float]] = {}
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_file))

    def tag_batch(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        return [list(self._tagger.tag(sentence_features(s, self._res, self._cache))) if s else []
                for s in sents]


class NerModel:
    """A sequence tagger over surface tokens; see the module docstring for the label set.

    The numpy backends multiply many small matrices (one LSTM step at a time). A multi-threaded
    BLAS gains nothing on those and, on a busy machine, its threads spin against each other (8×
    slower measured on 2 shared cores), so tagging runs with one BLAS thread; marsad uses more
    cores by running more processes (``--workers``).
    """

    def __init__(self, backend: _Backend, manifest: dict[str, object]) -> None:
        # optional dependency: threadpoolctl
        from threadpoolctl import ThreadpoolController

        self._backend = backend
        self.manifest = manifest
        self._threads = ThreadpoolController()
        self._mapped: dict[str, str] = {}  # the backend's tags → marsad's (B-PERS → B-PER)

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags (``B-PER``, ``I-ORG``, ``O`` …), one per token."""
        return self.tag_batch([tokens])[0]

    def tag_batch(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tag many sentences at once (faster than one by one)."""
        with self._threads.limit(limits=1, user_api="blas"):
            raw = self._backend.tag_batch(sents)
        mapped = self._mapped
        for tag in {t for tags in raw for t in tags} - mapped.keys():
            mapped[tag] = map_tags([tag])[0]
        return [[mapped[t] for t in tags] for tags in raw]


def _read_resources(path: Path) -> Resources:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        blob = json.load(fh)
    return Resources(
        clusters={k: tuple(v) for k, v in blob.get("clusters", {}).items()},
        gazetteer={k: frozenset(v) for k, v in blob.get("gazetteer", {}).items()},
        vectors={k: tuple(v) for k, v in blob.get("vectors", {}).items()},
    )


def _build(path: Path) -> NerModel:
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        res = _read_resources(path / manifest["resources"])
    except (OSError, KeyError, ValueError) as exc:
        raise NerModelError(f"cannot read NER model in {path}: {exc}") from exc
    kind = manifest["kind"]
    backend: _Backend
    if kind == "bilstm-crf":
        # start-up time: only the backend the manifest names
        from marsad.ner._bilstm import BiLstmTagger

        backend = BiLstmTagger.load(path / manifest["model"], res.gazetteer)
    elif kind == "ensemble":
        # start-up time: only the backend the manifest names
        from marsad.ner._bilstm import BiLstmTagger
        from marsad.ner._ensemble import CrfScorer, EnsembleTagger

        net = BiLstmTagger.load(path / manifest["bilstm"], res.gazetteer)
        crf = CrfScorer(path / manifest["model"], res, net.tags)
        backend = EnsembleTagger(net, crf, float(manifest["crf_weight"]), float(manifest.get("o_bias", 0.0)))
    elif kind == "crf":
        backend = _CrfBackend(path / manifest["model"], res)
    else:
        raise NerModelError(f"unknown NER model kind {kind!r} in {path}")
    LOG.info("loaded NER model %s from %s", kind, path)
    return NerModel(backend, manifest)


@lru_cache(maxsize=1)
def _default_model() -> NerModel:
    return _build(DATA_DIR)


def load_model(path: Path | None = None) -> NerModel:
    """Load the NER model; the packaged default is loaded once per process and shared."""
    return _default_model() if path is None else _build(path)
