"""Train marsad's Arabic NER model (CRF with word-cluster and gazetteer features).

    PYTHONPATH=src python training/ner/train.py --out src/marsad/ner/data

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
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import data  # noqa: E402

from marsad.evaluate.conll import score_spans  # noqa: E402
from marsad.ner._features import Resources, sentence_features  # noqa: E402

LOG = logging.getLogger("train")


def build_resources(cache: Path, use_clusters: bool, use_gaz: bool) -> Resources:
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
    return Resources(clusters=clusters, gazetteer=data.gazetteer() if use_gaz else {})


def train_crf(train: list[data.Sent], res: Resources, model_path: Path, c1: float, c2: float,
              iters: int) -> None:
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
    return d


def summary(d: dict[str, object]) -> str:
    micro = d["micro"]
    per = d["per_label"]
    assert isinstance(micro, dict) and isinstance(per, dict)
    return f"F1 {micro['f1']:.4f} " + " ".join(f"{k} {v['f1']:.3f}" for k, v in per.items())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path("src/marsad/ner/data"))
    ap.add_argument("--cache", type=Path, default=HERE / "cache")
    ap.add_argument("--no-clusters", action="store_true")
    ap.add_argument("--no-gazetteer", action="store_true")
    ap.add_argument("--extra", default="", help="comma list: aqmar_train,wojood")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iters", type=int, default=200)
    ap.add_argument("--final", action="store_true", help="retrain on train+dev before saving")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args.out.mkdir(parents=True, exist_ok=True)
    res = build_resources(args.cache, not args.no_clusters, not args.no_gazetteer)
    train, dev = data.anercorp_split()
    extras = data.extra_sets()
    for name in filter(None, args.extra.split(",")):
        train = train + extras[name]
    model_path = args.out / "ner.crfsuite"
    t0 = time.time()
    train_crf(train, res, model_path, args.c1, args.c2, args.iters)
    report: dict[str, object] = {"args": {k: str(v) for k, v in vars(args).items()},
                                 "train_sentences": len(train), "dev_sentences": len(dev)}
    report["dev"] = evaluate(model_path, res, dev)
    LOG.info("dev %s (%.0fs)", summary(report["dev"]), time.time() - t0)  # type: ignore[arg-type]
    if args.final:
        train_crf(train + dev, res, model_path, args.c1, args.c2, args.iters)
    report["test"] = evaluate(model_path, res, data.load(data.ANER_TEST))
    report["aqmar_test"] = evaluate(model_path, res, data.load(data.AQMAR / "test.txt"))
    LOG.info("test %s", summary(report["test"]))  # type: ignore[arg-type]
    LOG.info("aqmar %s", summary(report["aqmar_test"]))  # type: ignore[arg-type]
    report["data_sha256"] = {str(p): data.sha256(p) for p in data.data_files()}
    save_resources(res, args.out)
    (args.out / "training_report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))


def save_resources(res: Resources, out: Path) -> None:
    blob = {"clusters": res.clusters, "gazetteer": {k: sorted(v) for k, v in res.gazetteer.items()}}
    with gzip.open(out / "resources.json.gz", "wt", encoding="utf-8") as fh:
        json.dump(blob, fh, ensure_ascii=False)


if __name__ == "__main__":
    main()
