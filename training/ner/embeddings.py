"""Train word2vec vectors on the unlabeled SaudiNewsNet text (folded, punctuation split).

Output: ``<cache>/w2v.kv`` (gensim KeyedVectors), or with ``--fasttext`` ``<cache>/ft_b{bucket}.kv``
(fastText: the same skip-gram settings plus hashed char n-gram vectors, so that words outside the
vocabulary get a vector at run time). Only derived features (clusters, embedding rows, the
n-gram table) are ever shipped, never the raw text.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from marsad.text.fold import fold

LOG = logging.getLogger(__name__)
SNN_DIR = Path("/work/shared/data/saudinewsnet")
TOKEN_RE = re.compile(r"\w+(?:[.,]\d+)*|[^\w\s]", re.UNICODE)
SENT_RE = re.compile(r"(?<=[.!?؟])\s+|\n+")


def tokenize(text: str) -> list[str]:
    """Split on whitespace and punctuation, the way ANERcorp-like surface tokens look."""
    return TOKEN_RE.findall(text)


def iter_articles(snn_dir: Path) -> Iterator[str]:
    for zp in sorted(snn_dir.glob("*.zip")):
        with zipfile.ZipFile(zp) as zf:
            for name in sorted(zf.namelist()):
                for art in json.loads(zf.read(name)):
                    yield art.get("content") or ""


def write_corpus(snn_dir: Path, out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for text in iter_articles(snn_dir):
            for sent in SENT_RE.split(text):
                toks = [fold(t) for t in tokenize(sent)]
                if len(toks) > 2:
                    fh.write(" ".join(toks) + "\n")
                    n += len(toks)
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=Path("training/ner/cache"))
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--workers", type=int, default=1,
                    help="gensim threads (1: no thread-order jitter between runs; the build machine is shared)")
    ap.add_argument("--fasttext", action="store_true",
                    help="fastText (char n-grams minn..maxn hashed into --bucket rows) instead of word2vec")
    ap.add_argument("--bucket", type=int, default=100_000)
    ap.add_argument("--minn", type=int, default=3)
    ap.add_argument("--maxn", type=int, default=6)
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args.cache.mkdir(parents=True, exist_ok=True)
    corpus = args.cache / "snn_folded.txt"
    if not corpus.exists():
        LOG.info("wrote %d tokens", write_corpus(SNN_DIR, corpus))
    if args.fasttext:
        from gensim.models import FastText

        ft = FastText(corpus_file=str(corpus), vector_size=args.dim, window=5, min_count=3, sg=1,
                      negative=5, epochs=args.epochs, workers=args.workers, seed=13,
                      bucket=args.bucket, min_n=args.minn, max_n=args.maxn)
        ft.wv.save(str(args.cache / f"ft_b{args.bucket}.kv"))
        return
    from gensim.models import Word2Vec

    model = Word2Vec(corpus_file=str(corpus), vector_size=args.dim, window=5, min_count=3,
                     sg=1, negative=5, epochs=args.epochs, workers=args.workers, seed=13)
    model.wv.save(str(args.cache / "w2v.kv"))


if __name__ == "__main__":
    main()
