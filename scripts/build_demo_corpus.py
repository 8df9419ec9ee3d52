"""Build the bundled demo corpus (examples/demo/) from ../shared/data, reproducibly.

Selects security-related articles that name a Maghreb or Sahel state from SaudiNewsNet
(CC BY-NC-SA 4.0) and from MArSum/Goud.ma (CC BY 4.0), skipping the articles of the dev gold,
and writes them as JSONL with their source and licence. Run: ``python scripts/build_demo_corpus.py``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

SECURITY = re.compile(r"إرهاب|داعش|تنظيم الدولة|القاعدة|خلية|اعتقال|توقيف|تفكيك|هجوم|تفجير|مسلح|اشتباك|مقتل|اختطاف|"
                      r"عملية أمنية|حجز|ضبط|متفجرات|انتحاري")  # fmt: skip
MAGHREB_SAHEL = re.compile(r"المغرب|الجزائر|تونس|ليبيا|موريتانيا|مالي\b|النيجر|بوركينا|تشاد|الساحل|نيجيريا|مصر")


def _score(text: str) -> int:
    return len(SECURITY.findall(text)) + 2 * len(MAGHREB_SAHEL.findall(text))


def saudinewsnet(limit: int, exclude: set[str]) -> list[dict[str, str]]:
    picked: list[tuple[int, str, dict[str, str]]] = []
    for zpath in sorted((SHARED / "data" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    text = art.get("content") or ""
                    if art.get("url") in exclude or not 600 <= len(text) <= 5000:
                        continue
                    if SECURITY.search(art.get("title", "")) and MAGHREB_SAHEL.search(text):
                        key = hashlib.sha256(art["url"].encode()).hexdigest()
                        picked.append((-_score(text), key, art))
    picked.sort(key=lambda t: (t[0], t[1]))
    out = []
    for _, key, art in picked[:limit]:
        out.append({"id": f"snn_{key[:12]}", "title": art["title"], "text": art["content"], "url": art["url"],
                    "source": art["source"], "author": art.get("author") or None,
                    "published": art["date_extracted"][:10], "licence": "CC BY-NC-SA 4.0 (SaudiNewsNet)"})  # fmt: skip
    return out


def goud(limit: int) -> list[dict[str, str | None]]:
    path = SHARED / "data" / "marsum_goud" / "MArSum1_test.txt"
    rows = list(csv.reader(path.open(encoding="utf-8"), delimiter=" ", quotechar='"'))[1:]
    scored = sorted(((-_score(r[0]), i, r[0]) for i, r in enumerate(rows) if SECURITY.search(r[0])),
                    key=lambda t: (t[0], t[1]))  # fmt: skip
    return [{"id": f"goud_{i:04d}", "title": None, "text": text, "url": None, "source": "goud.ma", "author": None,
             "published": None, "licence": "CC BY 4.0 (MArSum, Goud.ma)"} for _, i, text in scored[:limit]]  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=ROOT / "examples" / "demo" / "corpus.jsonl")
    ap.add_argument("--snn", type=int, default=40)
    ap.add_argument("--goud", type=int, default=8)
    args = ap.parse_args()
    gold = SHARED / "gold" / "dev.jsonl"
    exclude = {json.loads(line)["doc"]["id"] for line in gold.open(encoding="utf-8")} if gold.exists() else set()
    rows = saudinewsnet(args.snn, exclude) + goud(args.goud)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    sys.stdout.write(f"wrote {len(rows)} articles to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
