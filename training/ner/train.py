"""Train marsad's Arabic NER model and write it, with its report, to ``--out``.

    PYTHONPATH=src python training/ner/train.py --out src/marsad/ner/data     # shipped CRF
    PYTHONPATH=src python training/ner/train.py --arch bilstm-crf --out /tmp/ner-bilstm

Steps: (1) word2vec on SaudiNewsNet (``embeddings.py``, cached in ``training/ner/cache``),
(2) the tagger, (3) ``manifest.json`` + ``resources.json.gz``, (4) scores on the ANERcorp
test and AQMAR test files through :func:`marsad.evaluate.conll.evaluate_ner`.

Reproducible: fixed seeds, the dev split is a seeded shuffle of 20-sentence blocks of the
ANERcorp CAMeL train file, and the SHA-256 of every data file read is written to
``training_report.json`` next to the model. The ANERcorp test file is only scored at the end.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import data  # noqa: E402

from marsad.evaluate.conll import score_spans  # noqa: E402
from marsad.ner._features import Resources, sentence_features  # noqa: E402

LOG = logging.getLogger("train")


def build_vectors(cache: Path, dims: int, max_words: int = 80000) -> dict[str, tuple[float, ...]]:
    """PCA of the normalised word2vec vectors, scaled to unit variance, rounded to 0.1."""
    import numpy as np
    from gensim.models import KeyedVectors
    from sklearn.decomposition import PCA

    kv = KeyedVectors.load(str(cache / "w2v.kv"))
    words = kv.index_to_key[:max_words]
    x = kv.vectors[: len(words)]
    x = x / np.linalg.norm(x, axis=1, keepdims=True)
    z = PCA(n_components=dims, random_state=13).fit_transform(x)
    z = np.round(z / z.std(axis=0), 1)
    return {w: tuple(float(v) for v in row) for w, row in zip(words, z, strict=True)}


def build_resources(cache: Path, use_clusters: bool, use_gaz: bool,
                    vector_dims: int = 0, mined_names: bool = False,
                    kb_gaz: bool = False, nerar: bool = False) -> Resources:
    clusters: dict[str, tuple[str, ...]] = {}
    if use_clusters:
        cpath = cache / "clusters.json.gz"
        if not cpath.exists():
            from clusters import build_clusters

            kv = cache / "w2v.kv"
            if not kv.exists():
                raise SystemExit("run training/ner/embeddings.py first")
            with gzip.open(cpath, "wt", encoding="utf-8") as fh:
                json.dump(build_clusters(str(kv)), fh, ensure_ascii=False)
        with gzip.open(cpath, "rt", encoding="utf-8") as fh:
            clusters = {k: tuple(v) for k, v in json.load(fh).items()}
    vectors = build_vectors(cache, vector_dims) if vector_dims else {}
    gaz = dict(data.gazetteer(nerar)) if use_gaz else {}
    if kb_gaz:
        gaz.update(data.kb_gazetteer())
    if mined_names:
        from lexicon import mine_person_words

        gaz["SNNPER"] = mine_person_words(cache / "snn_folded.txt", min_count=2, min_ratio=0.1)
    return Resources(clusters=clusters, gazetteer=gaz, vectors=vectors)


def train_crf(train: list[data.Sent], res: Resources, model_path: Path, *, c1: float,
              c2: float, iters: int) -> None:
    import pycrfsuite

    tr = pycrfsuite.Trainer(verbose=False)
    for toks, tags in train:
        tr.append(sentence_features(toks, res), tags)
    tr.set_params({"c1": c1, "c2": c2, "max_iterations": iters,
                   "feature.possible_transitions": True})
    tr.train(str(model_path))


def evaluate(model_path: Path, res: Resources, sents: list[data.Sent]) -> dict[str, object]:
    import pycrfsuite

    tg = pycrfsuite.Tagger()
    tg.open(str(model_path))
    t0 = time.perf_counter()
    pred = [tg.tag(sentence_features(toks, res)) for toks, _ in sents]
    secs = time.perf_counter() - t0
    rep = score_spans([t for _, t in sents], pred)
    d = rep.to_dict()
    d["tokens_per_s"] = round(rep.n_tokens / secs)
    no_misc = [[t if not t.endswith("MISC") else "O" for t in s] for s in pred]
    d["micro_plo"] = asdict(score_spans([t for _, t in sents], no_misc).micro)  # MISC predictions ignored
    return d


def summary(d: dict[str, object]) -> str:
    micro = d["micro"]
    per = d["per_label"]
    assert isinstance(micro, dict) and isinstance(per, dict)
    plo = d.get("micro_plo")
    extra = f" (PLO, MISC predictions ignored: {plo['f1']:.4f})" if isinstance(plo, dict) else ""
    return f"F1 {micro['f1']:.4f} " + " ".join(f"{k} {v['f1']:.3f}" for k, v in per.items()) + extra


def ensure_vectors(cache: Path) -> None:
    if not (cache / "w2v.kv").exists():
        import embeddings

        sys.argv = [sys.argv[0], "--cache", str(cache)]
        embeddings.main()


def run_bilstm(args: argparse.Namespace) -> None:
    import shutil

    import bilstm

    ensure_vectors(args.cache)
    work = args.cache / "bilstm_run"
    rep = bilstm.train_bilstm(work, args.cache, epochs=args.epochs, hidden=args.hidden,
                              extra=args.extra)
    shutil.copy(work / "best.npz", args.out / "ner_bilstm.npz")
    res = Resources(gazetteer=data.gazetteer())
    save_resources(res, args.out)
    write_manifest(args.out, "bilstm-crf", "ner_bilstm.npz")
    finish(args, {"arch": "bilstm-crf", "train": rep})


def write_manifest(out: Path, kind: str, model: str, trained_on: str = "ANERcorp CAMeL train") -> None:
    manifest = {"kind": kind, "model": model, "resources": "resources.json.gz",
                "labels": ["PER", "ORG", "LOC", "MISC"], "trained_on": trained_on,
                "licence": "CC BY-NC-SA 4.0 (see ATTRIBUTION.md)"}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")


def finish(args: argparse.Namespace, report: dict[str, object]) -> None:
    from marsad.evaluate.conll import evaluate_ner
    from marsad.ner.model import load_model

    model = load_model(args.out)
    for name, path in (("anercorp_test", data.ANER_TEST), ("aqmar_test", data.AQMAR / "test.txt")):
        rep = evaluate_ner(model, path).to_dict()
        report[name] = rep
        LOG.info("%s %s", name, summary(rep))
    report["args"] = {k: str(v) for k, v in vars(args).items()}
    report["data_sha256"] = {str(p): data.sha256(p) for p in data.data_files()}
    vectors = Path(getattr(args, "cache", HERE / "cache")) / "w2v.kv.vectors.npy"
    if vectors.exists():  # the word2vec run the clusters and the BiLSTM's vectors came from
        report["word2vec"] = {"settings": "embeddings.py: skip-gram, 100 dims, window 5, min count 3, "
                                          "5 epochs, seed 13, workers as given (default 1)",
                              "vectors_sha256": data.sha256(vectors)}
    text = json.dumps(report, indent=1, ensure_ascii=False) + "\n"
    (args.out / "training_report.json").write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path("src/marsad/ner/data"))
    ap.add_argument("--arch", choices=["bilstm-crf", "crf"], default="crf")
    ap.add_argument("--epochs", type=int, default=14)
    ap.add_argument("--hidden", type=int, default=96)
    ap.add_argument("--cache", type=Path, default=HERE / "cache")
    ap.add_argument("--no-clusters", action="store_true")
    ap.add_argument("--no-gazetteer", action="store_true")
    ap.add_argument("--mined-names", action="store_true",
                    help="person-name words mined from SaudiNewsNet as a gazetteer feature")
    ap.add_argument("--kb-gazetteer", action="store_true",
                    help="words of marsad's actor KB names as gazetteer features")
    ap.add_argument("--vector-dims", type=int, default=0, help="PCA dims of word2vec as features")
    ap.add_argument("--nerar", action="store_true", help="NERAr's person-name words as a gazetteer feature (NPER)")
    ap.add_argument("--corpus-weight", type=int, default=0,
                    help="copies of marsad's annotated news corpus (train split) added to the training set")
    ap.add_argument("--misc-from", type=Path, default=None,
                    help="a CRF model folder trained without the corpus: the MISC names it finds in the corpus's "
                         "untagged runs are added to the corpus's tags (the corpus does not annotate MISC)")
    ap.add_argument("--extra", default="", help="comma list: aqmar_train,wojood")
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.1)
    ap.add_argument("--iters", type=int, default=200)
    ap.add_argument("--swap", type=float, default=0.5, help="mention replacement rate of the copies")
    ap.add_argument("--swap-copies", type=int, default=0, help="copies of the training set with mentions swapped")
    ap.add_argument("--dev-run", action=argparse.BooleanOptionalAction, default=True,
                    help="first train on the train splits and score the dev splits (--no-dev-run: final only)")
    ap.add_argument("--final", action=argparse.BooleanOptionalAction, default=True,
                    help="retrain on train+dev before saving (--no-final: train only)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.arch == "bilstm-crf":
        run_bilstm(args)
        return
    if args.vector_dims or (not args.no_clusters and not (args.cache / "clusters.json.gz").exists()):
        ensure_vectors(args.cache)  # word2vec is only read to build the clusters or the PCA features
    res = build_resources(args.cache, not args.no_clusters, not args.no_gazetteer,
                          args.vector_dims, args.mined_names, args.kb_gazetteer, args.nerar)
    train, dev = data.anercorp_split()
    train = train + news_sentences(args)
    extras = data.extra_sets()
    for name in filter(None, args.extra.split(",")):
        train = train + extras[name]
    model_path = args.out / "ner.crfsuite"
    report: dict[str, object] = {"args": {k: str(v) for k, v in vars(args).items()},
                                 "train_sentences": len(train), "dev_sentences": len(dev)}
    if args.dev_run or not args.final:
        report |= dev_run(train, dev, res, model_path, args)
    if args.corpus_weight:
        report["corpus"] = data.corpus_report()
    if args.final:
        train_crf(augment(train + dev, args), res, model_path, c1=args.c1, c2=args.c2,
                  iters=args.iters)
    save_resources(res, args.out)
    write_manifest(args.out, "crf", "ner.crfsuite")
    report["arch"] = "crf"
    finish(args, report)


def dev_run(train: list[data.Sent], dev: list[data.Sent], res: Resources, model_path: Path,
            args: argparse.Namespace) -> dict[str, object]:
    """Train on the train splits; the scores on ANERcorp dev and the corpus's dev split."""
    t0 = time.time()
    train_crf(augment(train, args), res, model_path, c1=args.c1, c2=args.c2, iters=args.iters)
    out = {"dev": evaluate(model_path, res, dev), "news_dev": evaluate(model_path, res, data.corpus("dev")),
           "corpus": data.corpus_report()}
    LOG.info("dev %s (%.0fs)", summary(out["dev"]), time.time() - t0)  # type: ignore[arg-type]
    LOG.info("news dev %s", summary(out["news_dev"]))  # type: ignore[arg-type]
    return out


def news_sentences(args: argparse.Namespace) -> list[data.Sent]:
    """``--corpus-weight`` copies of the corpus's train split (with ``--misc-from``'s MISC names)."""
    if not args.corpus_weight:
        return []
    news = data.corpus("train")
    return (with_misc(news, args.misc_from) if args.misc_from else news) * args.corpus_weight


def with_misc(sents: list[data.Sent], model_dir: Path) -> list[data.Sent]:
    """``sents`` with the MISC spans that the CRF in ``model_dir`` tags inside their ``O`` runs: the
    corpus does not annotate MISC (currencies, religions, events…), so a CRF trained on it alone would
    learn that ANERcorp's MISC names are ``O``."""
    import pycrfsuite

    from marsad.evaluate.conll import extract_spans
    from marsad.ner.model import _read_resources

    res = _read_resources(model_dir / "resources.json.gz")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_dir / "ner.crfsuite"))
    cache: dict[str, dict[str, str | float]] = {}
    out, added = [], 0
    for toks, tags in sents:
        new = list(tags)
        for a, b, lab in extract_spans(list(tagger.tag(sentence_features(toks, res, cache)))):
            if lab.endswith("MISC") and all(t == "O" for t in tags[a:b]):
                new[a:b] = ["B-MISC"] + ["I-MISC"] * (b - a - 1)
                added += 1
        out.append((toks, new))
    LOG.info("MISC spans added to the corpus from %s: %d", model_dir, added)
    return out


def augment(sents: list[data.Sent], args: argparse.Namespace) -> list[data.Sent]:
    """``sents`` plus ``--swap-copies`` copies with mentions replaced (``data.swap_mentions``)."""
    import random

    pool, rng = data.mentions(sents), random.Random(14)
    out = list(sents)
    for _ in range(args.swap_copies):
        out += data.swap_mentions(sents, pool, args.swap, rng)
    return out


def save_resources(res: Resources, out: Path) -> None:
    blob = {"clusters": res.clusters, "gazetteer": {k: sorted(v) for k, v in res.gazetteer.items()},
            "vectors": res.vectors}
    raw = json.dumps(blob, ensure_ascii=False).encode("utf-8")
    with (out / "resources.json.gz").open("wb") as fh:  # mtime=0: same bytes on every run
        fh.write(gzip.compress(raw, mtime=0))


if __name__ == "__main__":
    main()
