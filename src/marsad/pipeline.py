"""The pipeline: versioned stages with declared layers, checked before a run.

A stage is a callable ``Article -> Article`` built by a factory from the settings. A stage that
gains from seeing many articles at once (the NER model batches sentences across articles) also
has a ``pipe(articles) -> articles`` method; :meth:`Pipeline.pipe` uses it, like spaCy's
``nlp.pipe``, and falls back to one article at a time when a batch call fails. Its
:class:`StageSpec` (:mod:`marsad.stages`) declares the layers it ``requires``, ``assigns`` and
``modifies``; :meth:`Pipeline.build` refuses a chain in which a stage needs a layer no earlier stage
assigns (spaCy's ``analyze_pipes``). Stages are looked up by versioned name in
:mod:`marsad.registrations`.

Error policy: with ``on_error = "record"`` a failing stage adds an ``E010`` diagnostic and the
article goes on without that stage's layers; with ``"raise"`` the exception propagates (tests).

Time budget: an article whose stages have taken more than ``[pipeline] article_seconds`` skips the
stages after the one that ran over and keeps what it has, with an ``E011`` diagnostic; the rest of
its batch goes on. In a batch, a batching stage's time is shared among its articles by length.

Cancellation: inside :func:`cancellable`, a run asks its check before each stage and raises
:class:`Cancelled` when it answers true (the API's analyses stop so when the client goes away or the
server is stopping; a stage that has started is not interrupted).
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import islice

from marsad import __version__
from marsad.article import Article
from marsad.config import Settings, config_sha256, load_settings
from marsad.errors import Diagnostic, PipelineError
from marsad.knowledge import Knowledge
from marsad.layers import PROVENANCE
from marsad.registrations import builtin_stages
from marsad.stages import BASE_LAYERS, BatchStage, StageFn, StageSpec

__all__ = ["BASE_LAYERS", "BatchStage", "Cancelled", "Pipeline", "Provenance", "StageFn", "StageSpec", "cancellable",
           "check_chain"]  # fmt: skip

log = logging.getLogger(__name__)
_CANCEL: ContextVar[Callable[[], bool] | None] = ContextVar("marsad_cancel", default=None)


class Cancelled(BaseException):
    """The run was cancelled (see :func:`cancellable`). Not an :class:`Exception`: the stages' error
    policy (record the failure, go on) must not take a cancellation for a stage's failure."""


@contextmanager
def cancellable(check: Callable[[], bool]) -> Iterator[None]:
    """Runs of any pipeline in this context (this thread) ask ``check()`` before each stage and raise
    :class:`Cancelled` as soon as it is true."""
    token = _CANCEL.set(check)
    try:
        yield
    finally:
        _CANCEL.reset(token)


def _stop_if_cancelled(spec: StageSpec) -> None:
    check = _CANCEL.get()
    if check is not None and check():
        raise Cancelled(f"analysis cancelled before stage {spec.name}")


@dataclass(frozen=True, slots=True)
class Provenance:
    """What produced a record: marsad's version, the stage names, the config hash."""

    marsad: str
    stages: tuple[str, ...]
    config_sha256: str

    def to_json(self) -> dict[str, object]:
        return {"marsad": self.marsad, "stages": list(self.stages), "config_sha256": self.config_sha256}


def check_chain(specs: Iterable[StageSpec]) -> None:
    """Raise :class:`PipelineError` (E021) if a stage requires a layer nothing assigned before it."""
    available = set(BASE_LAYERS)
    for spec in specs:
        missing = [layer for layer in spec.requires if layer not in available]
        if missing:
            raise PipelineError(
                f"stage '{spec.name}' requires {', '.join(missing)}, which no earlier stage assigns",
                code="E021",
            )
        available.update(spec.assigns)


class Pipeline:
    """An ordered, checked chain of stages plus the settings that built it."""

    def __init__(self, settings: Settings, specs: tuple[StageSpec, ...], fns: tuple[StageFn, ...]):
        self.settings = settings
        self.specs = specs
        self._fns = fns
        self.provenance = Provenance(__version__, tuple(s.name for s in specs), config_sha256(settings))

    @classmethod
    def build(cls, settings: Settings | None = None, registry: Mapping[str, StageSpec] | None = None,
              knowledge: Knowledge | None = None) -> Pipeline:  # fmt: skip
        """Resolve the configured stage names, check the chain, and build each stage once, each
        factory given ``knowledge`` (by default the packaged actor KB and gazetteer)."""
        settings = settings or load_settings()
        knowledge = knowledge or Knowledge.packaged()
        registry = registry if registry is not None else builtin_stages()
        unknown = [n for n in settings.pipeline.stages if n not in registry]
        if unknown:
            known = ", ".join(sorted(registry))
            raise PipelineError(f"unknown stage {unknown[0]!r}; known stages: {known}", code="E021")
        specs = tuple(registry[n] for n in settings.pipeline.stages)
        check_chain(specs)
        pipeline = cls(settings, specs, tuple(spec.factory(settings, knowledge) for spec in specs))
        # The stages hold models, the knowledge base and the gazetteer: ~400k objects that live as
        # long as the process. Out of the collector's generations, a full collection no longer
        # walks them all (0.15–0.2 s each, one or two per 300 articles before).
        gc.freeze()
        return pipeline

    def upto(self, stage: str) -> Pipeline:
        """The stages up to and including ``stage``, sharing their built functions (e.g. the NER
        part of the pipeline alone, for ``marsad eval ner --pipeline``)."""
        names = [s.name for s in self.specs]
        if stage not in names:
            raise PipelineError(f"stage {stage!r} is not in the pipeline ({', '.join(names)})", code="E021")
        k = names.index(stage) + 1
        return Pipeline(self.settings, self.specs[:k], self._fns[:k])

    def __call__(self, article: Article) -> Article:
        began = time.perf_counter()
        for k, (spec, fn) in enumerate(zip(self.specs, self._fns, strict=True)):
            _stop_if_cancelled(spec)
            article = self._run_stage(spec, fn, article)
            spent = time.perf_counter() - began
            if spent > self.settings.pipeline.article_seconds and k + 1 < len(self.specs):
                article = self._out_of_time(article, spec, spent)
                break
        return article.with_layer(PROVENANCE, [self.provenance])

    def _out_of_time(self, article: Article, spec: StageSpec, spent: float) -> Article:
        left = [s.name for s in self.specs[self.specs.index(spec) + 1 :]]
        log.warning("article %s: %.1f s after %s, over the %.0f s budget; skipped %s", article.id, spent, spec.name,
                    self.settings.pipeline.article_seconds, ", ".join(left))  # fmt: skip
        message = f"{spent:.1f} s after {spec.name} (budget {self.settings.pipeline.article_seconds:g} s); not run: "
        return article.with_diagnostics(Diagnostic("E011", message + ", ".join(left), "error", spec.name))

    def pipe(self, articles: Iterable[Article], batch_size: int | None = None,
             seconds: dict[str, float] | None = None,
             clock: Callable[[], float] = time.perf_counter) -> Iterator[Article]:  # fmt: skip
        """Analyse ``articles`` in batches (same results as calling the pipeline on each, in order).

        Stages with a ``pipe`` method see the whole batch at once; the others run article by
        article. ``seconds``, when given, accumulates each stage's time by ``clock`` (wall time;
        ``time.process_time`` for CPU time).
        """
        size = batch_size or self.settings.pipeline.batch_size
        budget = self.settings.pipeline.article_seconds
        it = iter(articles)
        while batch := list(islice(it, size)):
            spent = [0.0] * len(batch)
            active = list(range(len(batch)))  # the articles still within their time budget
            for k, (spec, fn) in enumerate(zip(self.specs, self._fns, strict=True)):
                _stop_if_cancelled(spec)
                start = clock()
                done, secs = self._run_batch(spec, fn, [batch[i] for i in active])
                if seconds is not None:
                    seconds[spec.name] = seconds.get(spec.name, 0.0) + clock() - start
                for i, article, s in zip(active, done, secs, strict=True):
                    batch[i], spent[i] = article, spent[i] + s
                if k + 1 < len(self.specs) and any(spent[i] > budget for i in active):
                    for i in active:
                        if spent[i] > budget:
                            batch[i] = self._out_of_time(batch[i], spec, spent[i])
                    active = [i for i in active if spent[i] <= budget]
            yield from (a.with_layer(PROVENANCE, [self.provenance]) for a in batch)

    def _run_batch(self, spec: StageSpec, fn: StageFn, batch: list[Article]) -> tuple[list[Article], list[float]]:
        """The batch through one stage, and the wall seconds each article took (a batching stage's
        time shared by text length)."""
        if len(batch) > 1 and isinstance(fn, BatchStage):
            began = time.perf_counter()
            try:
                out = fn.pipe(batch)
            except Exception as exc:  # one bad article must not cost the batch: redo them one by one
                if self.settings.pipeline.on_error == "raise":
                    raise
                log.warning("stage %s failed on a batch of %d, retrying one by one: %s", spec.name, len(batch), exc)
            else:
                total, chars = time.perf_counter() - began, sum(len(a.text) for a in batch) or 1
                return out, [total * len(a.text) / chars for a in batch]
        out, secs = [], []
        for a in batch:
            began = time.perf_counter()
            out.append(self._run_stage(spec, fn, a))
            secs.append(time.perf_counter() - began)
        return out, secs

    def _run_stage(self, spec: StageSpec, fn: StageFn, article: Article) -> Article:
        if self.settings.pipeline.on_error == "raise":
            return fn(article)
        try:
            return fn(article)
        except Exception as exc:  # the policy is to record any stage failure, not crash a batch
            log.warning("stage %s failed on article %s: %s", spec.name, article.id, exc, exc_info=True)
            diag = Diagnostic("E010", f"{type(exc).__name__}: {exc}", "error", spec.name)
            return article.with_diagnostics(diag)
