"""Package a trained BiLSTM-CRF (``best.npz`` from ``bilstm.py``) as a marsad model directory,
alone or (``--crf-weight``) as an ensemble with the feature CRF already in ``--out``
(``ner.crfsuite`` + ``resources.json.gz`` from ``train.py``), and score it (ANERcorp test,
AQMAR test) into ``training_report.json`` (the CRF's report is kept under ``crf``).

    PYTHONPATH=src python training/ner/package_bilstm.py RUN --out src/marsad/ner/data --crf-weight 0.5
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import data  # noqa: E402
from train import finish, save_resources, write_manifest  # noqa: E402

from marsad.ner._features import Resources  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("run", type=Path, help="bilstm.py --out folder (best.npz, bilstm_report.json)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--crf-weight", type=float, default=None,
                    help="ensemble with the CRF in --out, weight of its scores (0..1)")
    ap.add_argument("--o-bias", type=float, default=0.0, help="subtracted from the O score (manifest o_bias)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.copy(args.run / "best.npz", args.out / "ner_bilstm.npz")
    rep_path = args.run / "bilstm_report.json"
    report: dict[str, object] = {"bilstm": json.loads(rep_path.read_text()) if rep_path.exists() else {}}
    trained_on = trained_on_of(report["bilstm"])  # type: ignore[arg-type]
    if args.crf_weight is None:
        (args.out / "ner.crfsuite").unlink(missing_ok=True)
        save_resources(Resources(gazetteer=data.gazetteer(nerar=True)), args.out)
        write_manifest(args.out, "bilstm-crf", "ner_bilstm.npz", trained_on)
        report["arch"] = "bilstm-crf"
    else:
        old = args.out / "training_report.json"
        if old.exists():
            crf_rep = json.loads(old.read_text(encoding="utf-8"))
            report["crf"] = crf_rep.get("crf", crf_rep)
        write_manifest(args.out, "ensemble", "ner.crfsuite", trained_on)
        manifest = json.loads((args.out / "manifest.json").read_text())
        manifest["bilstm"] = "ner_bilstm.npz"
        manifest["crf_weight"] = args.crf_weight
        if args.o_bias:
            manifest["o_bias"] = args.o_bias
        (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
        report["arch"] = "ensemble"
    finish(args, report)


def trained_on_of(bilstm_report: dict[str, object]) -> str:
    settings = bilstm_report.get("settings") or {}
    assert isinstance(settings, dict)
    text = "ANERcorp CAMeL train" + (" + dev" if settings.get("final") else "")
    if settings.get("corpus_weight"):
        text += f" + marsad's annotated news corpus, train split (×{settings['corpus_weight']})"
    return text


if __name__ == "__main__":
    main()
