"""Rebuild marsad's shipped NER model from its data in one command, and report how well it works.

    OMP_NUM_THREADS=1 PYTHONPATH=src python training/ner/build.py --install

Steps (each a process of its own, logged to ``WORK/build.log``, the BiLSTM to ``WORK/bilstm.log`` as it
trains beside the CRFs; ``WORK`` is emptied first, unless ``--resume`` keeps the steps a previous run
of the same data finished):

1. word2vec on SaudiNewsNet (``embeddings.py``, cached in ``training/ner/cache``);
2. the feature CRF on ANERcorp train + dev and ``--corpus-weight`` copies of the annotated news
   corpus's train split (``train.py``; its dev run, on the train splits, is scored on ANERcorp dev
   and the corpus's dev split first);
3. the BiLSTM-CRF on the same data for ``--epochs`` epochs (``bilstm.py --final``; the corpus's
   ``O`` may be MISC, which it does not annotate);
4. the ensemble package (``package_bilstm.py``, CRF weight ``--crf-weight``, ``o_bias`` in the
   manifest), scored on the ANERcorp and AQMAR test files;
5. the pipeline's entity F1 with that model on ``../shared/gold/dev.jsonl``, ``dev2.jsonl`` and the
   corpus's dev split, and the model's tagging speed (``tokens_per_s``, ANERcorp test on one core),
   added to ``training_report.json``;
6. with ``--install``, the five files copied into ``src/marsad/ner/data``.

The defaults are the recipe chosen on ANERcorp dev and the corpus's dev split
(``training/ner/README.md``, rows N*). Neither ``dev2.jsonl``, ``dev.jsonl`` nor the corpus's locked
test split is ever trained on (``corpus_data`` drops any corpus article whose text is in a gold set).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "src"))

FILES = ("manifest.json", "ner.crfsuite", "ner_bilstm.npz", "resources.json.gz", "training_report.json")
GOLD = {"dev": Path("/work/shared/gold/dev.jsonl"), "dev2": Path("/work/shared/gold/dev2.jsonl")}


def start(cmd: list[str], log: Path) -> subprocess.Popen[bytes]:
    """Start one step (one thread), its output appended to ``log``."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO / "src")}
    with log.open("a", encoding="utf-8") as fh:
        fh.write(f"\n$ {' '.join(cmd)}\n")
        fh.flush()
        return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=fh, stderr=subprocess.STDOUT)


def wait(proc: subprocess.Popen[bytes], log: Path) -> None:
    if proc.wait():
        raise SystemExit(f"step failed ({proc.returncode}): {' '.join(map(str, proc.args))}; see {log}")  # type: ignore[arg-type]


def run(cmd: list[str], log: Path) -> None:
    wait(start(cmd, log), log)


def pipeline_scores(model_dir: Path) -> dict[str, Any]:
    """The pipeline's entity P/R/F1 with ``model_dir`` as its NER model, per gold set."""
    import corpus_data
    from entity_errors import use_model

    from marsad.analyze import analyze
    from marsad.evaluate.gold import score_documents
    from marsad.evaluate.run import gold_inputs, load_jsonl
    from marsad.pipeline import Pipeline

    use_model(model_dir)
    sets = {name: load_jsonl(path) for name, path in GOLD.items()}
    sets["corpus_dev"] = corpus_data.load_rows("dev")
    pipeline = Pipeline.build()
    out: dict[str, Any] = {}
    for name, golds in sets.items():
        preds = list(analyze(gold_inputs(golds), pipeline))
        out[name] = score_documents(golds, preds).layers["entity"].to_dict()
    return out


def speed(model_dir: Path) -> dict[str, int]:
    """Tokens per second of the model alone on the ANERcorp test file, one core, batches of 512."""
    import data

    from marsad.ner.model import load_model

    model = load_model(model_dir)
    sents = [toks for toks, _ in data.load(data.ANER_TEST)]
    model.tag_batch(sents[:50])
    w0, c0 = time.perf_counter(), time.process_time()
    for i in range(0, len(sents), 512):
        model.tag_batch(sents[i : i + 512])
    n = sum(map(len, sents))
    return {"tokens": n, "tok_per_wall_s": round(n / (time.perf_counter() - w0)),
            "tok_per_cpu_s": round(n / (time.process_time() - c0))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=HERE / "cache" / "build")
    ap.add_argument("--corpus-weight", type=int, default=1, help="copies of the corpus's train split")
    ap.add_argument("--anercorp-weight", type=int, default=2, help="copies of ANERcorp for the BiLSTM")
    ap.add_argument("--nerar", action=argparse.BooleanOptionalAction, default=False,
                    help="NERAr person-name words as a feature (rows N2–N3 of the README: no gain, off)")
    ap.add_argument("--misc-from-crf", action=argparse.BooleanOptionalAction, default=True,
                    help="the CRF learns the corpus with the MISC names an ANERcorp-only CRF finds in it")
    ap.add_argument("--crf-dev-run", action=argparse.BooleanOptionalAction, default=True,
                    help="score a train-only CRF on the dev splits first (10 minutes more)")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--crf-weight", type=float, default=0.3)
    ap.add_argument("--o-bias", type=float, default=0.75)
    ap.add_argument("--resume", action="store_true",
                    help="keep the finished steps of a previous run in --work (only if the corpus has not changed)")
    ap.add_argument("--install", action="store_true", help="copy the model into src/marsad/ner/data")
    args = ap.parse_args()
    work, py = args.work, sys.executable
    model, run_dir, log = work / "model", work / "bilstm", work / "build.log"
    if not args.resume and work.exists():
        shutil.rmtree(work)
    model.mkdir(parents=True, exist_ok=True)
    common = [f"--corpus-weight={args.corpus_weight}"] + (["--nerar"] if args.nerar else [])
    if not (HERE / "cache" / "w2v.kv").exists():
        run([py, str(HERE / "embeddings.py")], log)
    lstm = None  # the BiLSTM trains on one core while the CRFs train on the other
    if not (run_dir / "bilstm_report.json").exists():
        lstm = start([py, str(HERE / "bilstm.py"), "--out", str(run_dir), "--hidden", "96", "--epochs",
                      str(args.epochs), "--threads", "1", "--seed", str(args.seed), "--max-words", "130000",
                      "--swap", "0.3", "--final", f"--anercorp-weight={args.anercorp_weight}", *common],
                     work / "bilstm.log")
    aner = work / "crf_anercorp"  # ANERcorp alone: the MISC names of the corpus (which does not annotate MISC)
    if args.misc_from_crf and not (aner / "ner.crfsuite").exists():
        run([py, str(HERE / "train.py"), "--out", str(aner), "--no-dev-run"], log)
    if not (model / "ner.crfsuite").exists():
        misc = ["--misc-from", str(aner)] if args.misc_from_crf else []
        dev_run = [] if args.crf_dev_run else ["--no-dev-run"]
        run([py, str(HERE / "train.py"), "--out", str(model), *common, *misc, *dev_run], log)
        shutil.copy(model / "training_report.json", work / "crf_report.json")
    if lstm is not None:
        wait(lstm, work / "bilstm.log")
    shutil.copy(work / "crf_report.json", model / "training_report.json")
    run([py, str(HERE / "package_bilstm.py"), str(run_dir), "--out", str(model),
         "--crf-weight", str(args.crf_weight), "--o-bias", str(args.o_bias)], log)
    report = json.loads((model / "training_report.json").read_text(encoding="utf-8"))
    report["build"] = {"command": " ".join(["training/ner/build.py", *sys.argv[1:]]), "args": vars(args) | {
        "work": str(args.work)}}
    report["pipeline_entity"] = pipeline_scores(model)
    report["speed"] = speed(model)
    (model / "training_report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str) + "\n",
                                                encoding="utf-8")
    sys.stdout.write(json.dumps({"anercorp_test": report["anercorp_test"]["micro"],
                                 "pipeline_entity": report["pipeline_entity"], "speed": report["speed"]}) + "\n")
    if args.install:
        for name in FILES:
            shutil.copy(model / name, REPO / "src" / "marsad" / "ner" / "data" / name)


if __name__ == "__main__":
    main()
