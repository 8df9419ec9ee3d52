"""Where the fusion of the NER model with the knowledge base and gazetteer (``ner.model.v1``,
``geo.places.v1``) loses what the model alone had right.

    PYTHONPATH=src python training/ner/fusion_errors.py GOLD.jsonl [--model DIR]
    PYTHONPATH=src python training/ner/fusion_errors.py --corpus train   # the corpus's train split

For every gold entity the pipeline's output misses, says whether one of the model's own spans (its
BIO tags decoded, before any fusion rule; LOC stands for GPE, LOC and FAC) matched it under the
scorer's rule, and what the pipeline output there instead. Read these to find fusion rules that
cost more than they give; the corpus's train split is the place to read (no evaluation set).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

from marsad.analyze import make_article  # noqa: E402
from marsad.evaluate.gold import locate  # noqa: E402
from marsad.evaluate.run import gold_inputs, load_jsonl  # noqa: E402
from marsad.inputs import ArticleInput  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402

PLACES = {"GPE", "LOC", "FAC"}


def overlaps(text: str, gold: str, span: tuple[int, int]) -> bool:
    return any(max(0, min(o[1], span[1]) - max(o[0], span[0])) * 2 >= max(o[1] - o[0], span[1] - span[0])
               for o in locate(text, gold))


def model_spans(article: Any, stage: Any) -> list[tuple[int, int, str]]:
    """The model's spans over ``article`` (consistency applied as in the stage), before fusion."""
    from marsad.ner.consistency import propagate
    from marsad.ner.fuse import _sentences_of_tokens, decode_bio

    sents = _sentences_of_tokens(article)
    tags = stage._model.tag_batch([[article.text[t.start : t.end] for t in s] for s in sents])
    tags = propagate([[t.norm for t in s] for s in sents], tags, folded=True)
    return [sp for s, tg in zip(sents, tags, strict=True) for sp in decode_bio(s, tg)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", type=Path, nargs="?")
    ap.add_argument("--corpus", choices=["train", "dev"])
    ap.add_argument("--model", type=Path)
    args = ap.parse_args()
    if args.model:
        from entity_errors import use_model

        use_model(args.model)
    if args.corpus:
        import corpus_data

        golds = corpus_data.load_rows(args.corpus)
    else:
        golds = load_jsonl(args.gold)
    from marsad.ner.fuse import _NerStage

    pipeline = Pipeline.build()
    head, stage = pipeline.upto("ner.kb.v1"), _NerStage()
    kinds: Counter[str] = Counter()
    for gold, item in zip(golds, gold_inputs(golds), strict=True):
        assert isinstance(item, ArticleInput)
        article = make_article(item, pipeline.settings)
        final = next(iter(pipeline.pipe([article]))).layer("entities")
        before = next(iter(head.pipe([article])))
        spans = model_spans(before, stage)
        text = article.text
        for g in gold["entities"]:
            got = [e for e in final if e.label == g["label"] and overlaps(text, g["text"], (e.start, e.end))]
            if got:
                continue
            mine = [s for s in spans if (s[2] == g["label"] or (s[2] == "LOC" and g["label"] in PLACES))
                    and overlaps(text, g["text"], (s[0], s[1]))]
            if not mine:
                kinds["model missed too"] += 1
                continue
            kinds["fusion lost"] += 1
            a, b, lab = mine[0]
            there = [f"{text[e.start:e.end]}/{e.label}/{e.source}" for e in final if e.start < b and a < e.end]
            print(f"LOST {g['label']} «{g['text']}» model «{text[a:b]}»/{lab} → {there or 'nothing'}"
                  f"  [{gold['doc']['id']}]")
    print(dict(kinds))


if __name__ == "__main__":
    main()
