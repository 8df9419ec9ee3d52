"""Pathological inputs, one at a time and in a batch: ``python benchmarks/worst_cases.py [--words N]``.

Each case is analysed alone in a fresh process (so that its peak memory is its own), then batched
with 31 ordinary articles (SaudiNewsNet when ``../shared`` is there, else generated ones), as
``marsad analyze`` batches them. Prints wall seconds, peak RSS and what came out. Speed is measured
here, never asserted in a test.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "saudinewsnet"
_VOCAB = ("قال", "الوزير", "إن", "قوات", "الأمن", "اعتقلت", "عشرة", "أشخاص", "في", "الرباط", "بعد", "هجوم", "على",
          "مركز", "الشرطة", "وأضاف", "المتحدث")  # fmt: skip


def cases(words: int) -> dict[str, str]:
    rng = random.Random(1)
    return {
        "no punctuation": " ".join(rng.choice(_VOCAB) for _ in range(words)),
        "one cue repeated («قال » × N)": "قال " * words,
        "one long line of commas": "، ".join(rng.choice(_VOCAB) for _ in range(words)),
        "digits and names": " ".join(f"{rng.randint(1, 999)} {rng.choice(_VOCAB)}" for _ in range(words // 2)),
    }


def _ordinary(n: int) -> list[str]:
    from marsad.bench import load_texts

    if CORPUS.is_dir():
        return load_texts(CORPUS, n)
    lead = "أعلنت وزارة الداخلية اعتقال {} أشخاص في الرباط يوم الأحد. وقال المتحدث إن البحث جار."
    return [lead.format(i + 2) for i in range(n)]


def run_one(name: str, text: str, batch: bool) -> dict[str, object]:
    """Analyse ``text`` (alone, or batched with 31 ordinary articles) in this process."""
    from marsad.analyze import analyze
    from marsad.inputs import ArticleInput
    from marsad.pipeline import Pipeline
    from marsad.scale.pool import peak_rss_mib

    pipeline = Pipeline.build()
    items = [ArticleInput(text=t, origin=f"ordinary:{i}") for i, t in enumerate(_ordinary(31))] if batch else []
    items.append(ArticleInput(text=text, origin="case"))
    began = time.perf_counter()
    records = list(analyze(items, pipeline))
    secs = time.perf_counter() - began
    last = records[-1]
    return {"case": name, "batched": batch, "words": len(text.split()), "seconds": round(secs, 2),
            "peak_rss_mib": round(peak_rss_mib()), "events": len(last["events"]), "quotes": len(last["quotes"]),
            "diagnostics": [d["code"] for d in last["diagnostics"]]}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=20_000)
    ap.add_argument("--case", help=argparse.SUPPRESS)
    ap.add_argument("--batch", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.case is not None:  # the child process: one case
        print(json.dumps(run_one(args.case, cases(args.words)[args.case], args.batch), ensure_ascii=False))
        return 0
    for name in cases(args.words):
        for batch in (False, True):
            flags = ["--batch"] if batch else []
            cmd = [sys.executable, __file__, "--words", str(args.words), "--case", name, *flags]
            out = subprocess.run(cmd, capture_output=True, text=True, check=False)
            print(out.stdout.strip() or f'{{"case": "{name}", "error": {json.dumps(out.stderr[-300:])}}}', flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
