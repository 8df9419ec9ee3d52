"""Tagging throughput of a model directory on one core: tokens per wall second and per CPU
second (the latter is what an uncontended core gives; the shared build machine is busy).

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python training/ner/bench.py DIR
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import data  # noqa: E402

from marsad.ner.model import load_model  # noqa: E402


def main() -> None:
    model = load_model(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    sents = [toks for toks, _ in data.load(data.ANER_TEST)]
    n = sum(map(len, sents))
    model.tag_batch(sents[:50])  # warm-up
    for label, batch in (("batch512", 512), ("one_by_one", 1)):
        w0, c0 = time.perf_counter(), time.process_time()
        for i in range(0, len(sents), batch):
            model.tag_batch(sents[i : i + batch])
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        out = {"mode": label, "tokens": n, "tok_per_wall_s": round(n / wall),
               "tok_per_cpu_s": round(n / cpu)}
        sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
