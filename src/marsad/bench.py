"""Throughput and memory benchmarks, each beside a reference measured in the same run.

The reference is spaCy's blank Arabic tokenizer (``spacy.blank("ar")``) on the same texts: it
tells how far marsad's whole analysis is from the cheapest reasonable pass over the text.
"""

from __future__ import annotations

import json
import time
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from marsad.analyze import make_article
from marsad.pipeline import Pipeline
from marsad.scale.pool import peak_rss_mib
from marsad.text.tokens import tokenize

__all__ = ["BenchResult", "load_texts", "run_bench"]


@dataclass
class BenchResult:
    """One benchmark run: marsad beside the spaCy tokenizer on the same texts."""

    articles: int
    tokens: int
    chars: int
    seconds: float
    articles_per_s: float
    tokens_per_s: float
    peak_rss_mib: float
    stage_seconds: dict[str, float] = field(default_factory=dict)
    reference: dict[str, float] | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _zip_texts(path: Path) -> Iterator[str]:
    with zipfile.ZipFile(path) as zf:
        for name in sorted(zf.namelist()):
            for art in json.loads(zf.read(name)):
                if art.get("content"):
                    yield str(art["content"])


def load_texts(source: Path, n: int) -> list[str]:
    """Up to ``n`` article texts from a directory of SaudiNewsNet zips, a zip, or a JSONL file."""
    texts: list[str] = []
    files = sorted(source.glob("*.zip")) if source.is_dir() else [source]
    for f in files:
        if f.suffix == ".zip":
            it: Iterator[str] = _zip_texts(f)
        else:
            it = (json.loads(line).get("text", "") for line in f.open(encoding="utf-8") if line.strip())
        for text in it:
            texts.append(text)
            if len(texts) >= n:
                return texts
    return texts


def spacy_reference(texts: list[str]) -> dict[str, float] | None:
    """spaCy's blank Arabic tokenizer over ``texts``: tokens/s and articles/s (None if absent)."""
    try:
        # optional dependency: spaCy, for the comparison only
        import spacy
    except ImportError:
        return None
    tokenizer = spacy.blank("ar").tokenizer
    start = time.perf_counter()
    n_tokens = 0
    for text in texts:
        n_tokens += len(tokenizer(text))
    secs = time.perf_counter() - start
    return {"tokens": n_tokens, "seconds": secs, "tokens_per_s": n_tokens / secs, "articles_per_s": len(texts) / secs}


def run_bench(texts: list[str], pipeline: Pipeline | None = None, reference: bool = True) -> BenchResult:
    """Analyse ``texts`` (in the configured batches, as ``marsad analyze`` does), timing each stage,
    then run the reference on the same texts."""
    # start-up time: the analysis modules, for the benchmark only
    from marsad.inputs import ArticleInput

    pipeline = pipeline or Pipeline.build()
    pipeline(make_article(ArticleInput(text=texts[0], origin="warmup"), pipeline.settings))
    stage_seconds: dict[str, float] = {spec.name: 0.0 for spec in pipeline.specs}
    n_tokens = sum(len(tokenize(t)) for t in texts)
    start = time.perf_counter()
    articles = (make_article(ArticleInput(text=text, origin=f"bench:{i}"), pipeline.settings)
                for i, text in enumerate(texts))
    for _ in pipeline.pipe(articles, seconds=stage_seconds):
        pass
    secs = time.perf_counter() - start
    ref = spacy_reference(texts) if reference else None
    return BenchResult(
        articles=len(texts), tokens=n_tokens, chars=sum(map(len, texts)), seconds=secs,
        articles_per_s=len(texts) / secs, tokens_per_s=n_tokens / secs, peak_rss_mib=peak_rss_mib(),
        stage_seconds=stage_seconds, reference=ref,
    )  # fmt: skip
