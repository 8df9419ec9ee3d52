"""CPU time per stage of the whole pipeline: ``python benchmarks/stages_cpu.py [N]``.

CPU time (``time.process_time``), not wall time, so that other load on a shared machine does not
count. Reads the first N SaudiNewsNet articles from ``../shared/data/saudinewsnet`` and runs them
in the configured batches, as ``marsad analyze`` does (:meth:`marsad.pipeline.Pipeline.pipe`).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from marsad.analyze import make_article
from marsad.bench import load_texts
from marsad.inputs import ArticleInput
from marsad.pipeline import Pipeline
from marsad.serialize import to_record

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "saudinewsnet"


def main(n: int) -> None:
    texts = load_texts(CORPUS, n)
    pipeline = Pipeline.build()
    pipeline(make_article(ArticleInput(text=texts[0], origin="warm-up"), pipeline.settings))
    secs: dict[str, float] = {"make_article": 0.0, **{s.name: 0.0 for s in pipeline.specs}, "to_record": 0.0}
    clock = time.process_time
    began = clock()
    t = clock()
    articles = [make_article(ArticleInput(text=text, origin=f"bench:{i}"), pipeline.settings)
                for i, text in enumerate(texts)]  # fmt: skip
    secs["make_article"] += clock() - t
    for article in pipeline.pipe(articles, seconds=secs, clock=clock):
        t = clock()
        to_record(article)
        secs["to_record"] += clock() - t
    total = clock() - began
    chars = sum(map(len, texts))
    print(f"{len(texts)} articles, mean {chars / len(texts):,.0f} characters")
    for name, s in secs.items():
        print(f"{name:22s} {s:7.3f} s  {s / total:5.1%}  {1000 * s / len(texts):6.2f} ms/article")
    print(f"total CPU {total:.2f} s → {len(texts) / total:.1f} articles per CPU-second")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
