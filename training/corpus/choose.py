"""Choose the articles of marsad's annotated corpus, split them, and cut them into annotation batches.

    python training/corpus/choose.py            # writes training/corpus/manifest.tsv and work/batches/

Deterministic (seed 2026): the same ``../shared/data`` gives the same manifest. What it does:

1. Reads Goud.ma (Morocco), ANT (Tunisia) and SaudiNewsNet (:mod:`sources`), drops the articles
   of the dev gold (``../shared/gold/dev*.jsonl``) and texts too short or too long to annotate.
2. Scores each article by the PLOVER families its words touch (``FAMILIES``: keyword stems, not
   marsad's output, so the corpus is not chosen by what marsad already finds).
3. Splits by outlet and date, so that test is news from elsewhere and later (``split_of``):
   SaudiNewsNet test = the outlets okaz, sabq and alyaum plus everything from 10 August 2015, dev
   = almadina plus 8–9 August; ANT test = 2017, dev = the second half of 2016; Goud (no dates)
   test = data rows from 1,700, dev = rows 1,450–1,699 (the file keeps the crawl's order).
4. Draws each (source, split) quota: one article in ten at random among those touching no family
   (what is not an event), the rest weighted by relevance, with every family covered.
5. Marks 40 articles (20 test, 10 dev, 10 train) for a second, independent annotation.
6. Writes ``manifest.tsv`` (committed) and the batch files with their texts under ``work/``
   (not committed: SaudiNewsNet and ANT texts stay out of the repository).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sources import SHARED, Source, read_ant, read_goud, read_snn, sha256

HERE = Path(__file__).resolve().parent
SEED = 2026

#: PLOVER families: stems whose presence makes an article likely to hold such events.
FAMILIES: dict[str, tuple[str, ...]] = {
    "COERCE": ("اعتقال", "اعتقل", "توقيف", "أوقف", "إيقاف", "القبض", "حجز", "ضبط", "ترحيل", "حراسة النظرية",
               "طيحات", "حظر", "مصادرة", "حجب", "حظر التجول"),
    "ASSAULT": ("هجوم", "مقتل", "قتل", "اغتيال", "تفجير", "انفجار", "غارة", "غارات", "قصف", "اشتباك", "اختطاف",
                "طعن", "سرقة", "اعتداء", "السلاح الأبيض", "ذبح"),
    "PROTEST": ("احتجاج", "وقفة احتجاجية", "مظاهرة", "تظاهر", "إضراب", "مسيرة", "اعتصام", "شغب", "مقاطعة"),
    "ACCUSE": ("اتهم", "ندد", "استنكر", "أدان", "انتقد", "فتح تحقيق", "النيابة العامة", "متابعة"),
    "REQUEST": ("دعا إلى", "طالب", "يطالب", "ناشد", "دعت"),
    "REJECT": ("رفض", "نفى", "نفت", "ترفض"),
    "THREATEN": ("هدد", "توعد", "تهديد", "يهدد"),
    "SANCTION": ("عقوبات", "حكم على", "أدين", "بالسجن", "سجنا نافذا", "طرد", "قطع العلاقات", "تجميد"),
    "MOBILIZE": ("تعبئة", "حشد", "نشر قوات", "استنفار", "تعزيزات", "نشر وحدات"),
    "AID": ("مساعدات", "إغاثة", "منحة", "هبة", "مساعدة إنسانية"),
    "RETREAT": ("انسحاب", "انسحب", "الإفراج", "إطلاق سراح", "هدنة", "وقف إطلاق النار", "سراح"),
    "CONCEDE": ("استقالة", "اعتذار", "عفو", "تنازل", "استقال"),
    "COOPERATE": ("تعاون", "تنسيق", "شراكة", "التعاون الأمني"),
    "CONSULT": ("زيارة", "استقبل", "التقى", "مباحثات", "محادثات", "اجتماع", "اتصال هاتفي", "لقاء"),
    "AGREE": ("اتفاق", "اتفاقية", "توقيع", "مذكرة تفاهم", "وافق"),
    "SUPPORT": ("دعم", "أشاد", "ثمن", "نوه", "رحب", "تأييد", "تضامن"),
}
#: Families of violence and coercion: weigh more (the product's core).
_CORE = {"COERCE": 2.0, "ASSAULT": 2.0, "PROTEST": 1.5, "SANCTION": 1.5, "THREATEN": 1.5, "MOBILIZE": 1.5}
_SENT = re.compile(r"[.!?؟…]+|\n+")

#: (source, split) → number of articles.
QUOTAS: dict[tuple[str, str], int] = {
    ("marsum_goud", "train"): 150, ("marsum_goud", "dev"): 30, ("marsum_goud", "test"): 32,
    ("ant_tunisia", "train"): 95, ("ant_tunisia", "dev"): 20, ("ant_tunisia", "test"): 25,
    ("saudinewsnet", "train"): 185, ("saudinewsnet", "dev"): 35, ("saudinewsnet", "test"): 40,
}  # fmt: skip
#: Length bounds per source: (min sentences, max characters).
BOUNDS = {"marsum_goud": (4, 7000), "ant_tunisia": (3, 6000), "saudinewsnet": (8, 7000)}
DOUBLE = {"test": 20, "dev": 10, "train": 10}
BATCH = 12
_ANT_CATEGORIES = {"localNews", "politic", "society", "internationalNews", "diverse"}


def sentences(text: str) -> int:
    return sum(1 for s in _SENT.split(text) if len(s.split()) >= 3)


def families(text: str) -> set[str]:
    return {fam for fam, stems in FAMILIES.items() if any(s in text for s in stems)}


def relevance(fams: set[str]) -> float:
    return sum(_CORE.get(f, 1.0) for f in fams)


def split_of(src: Source) -> str:
    if src.corpus == "saudinewsnet":
        date = src.published or ""
        if src.outlet in {"okaz", "sabq", "alyaum"} or date >= "2015-08-10":
            return "test"
        return "dev" if src.outlet == "almadina" or date >= "2015-08-08" else "train"
    if src.corpus == "ant_tunisia":
        date = src.published or ""
        return "test" if date >= "2017-01-01" else "dev" if date >= "2016-07-01" else "train"
    row = int(src.id.rsplit("-", 1)[1])
    return "test" if row >= 1700 else "dev" if row >= 1450 else "train"


def _dev_gold_ids(gold_dir: Path) -> set[tuple[str, str]]:
    out = set()
    for path in gold_dir.glob("*.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)["doc"]
                out.add((doc["corpus"], doc["id"]))
    return out


def candidates(root: Path) -> dict[tuple[str, str], list[tuple[Source, set[str], int]]]:
    """(source, split) → [(article, families, sentences)] within the length bounds."""
    excluded = _dev_gold_ids(root.parent / "gold")
    seen_text: set[str] = set()
    pools: dict[tuple[str, str], list[tuple[Source, set[str], int]]] = {}
    for reader in (read_goud, read_ant, read_snn):
        for src in reader(root):
            if (src.corpus, src.id) in excluded or src.text[:300] in seen_text:
                continue
            if src.corpus == "ant_tunisia" and src.category not in _ANT_CATEGORIES:
                continue
            n = sentences(src.text)
            min_sent, max_chars = BOUNDS[src.corpus]
            if n < min_sent or len(src.text) > max_chars:
                continue
            seen_text.add(src.text[:300])
            pools.setdefault((src.corpus, split_of(src)), []).append((src, families(src.text), n))
    return pools


def draw(pool: list[tuple[Source, set[str], int]], k: int, rng: random.Random) -> list[tuple[Source, set[str], int]]:
    """A tenth at random among articles touching no family, then every family covered, then by weight."""
    pool = sorted(pool, key=lambda x: (x[0].corpus, x[0].id))
    rng.shuffle(pool)
    quiet = [x for x in pool if not x[1]]
    chosen = quiet[: max(1, k // 10)]
    rest = [x for x in pool if x[1]]
    for fam in sorted(FAMILIES, key=lambda f: sum(f in x[1] for x in rest)):
        have = sum(fam in x[1] for x in chosen)
        need = max(0, max(2, k // 20) - have)
        for x in [x for x in rest if fam in x[1] and x not in chosen][:need]:
            chosen.append(x)
    weights = {id(x): (1.0 + relevance(x[1])) ** 2 * min(x[2], 30) ** 0.5 for x in rest}
    remaining = [x for x in rest if x not in chosen]
    while len(chosen) < k and remaining:
        total = sum(weights[id(x)] for x in remaining)
        r, acc = rng.random() * total, 0.0
        for i, x in enumerate(remaining):
            acc += weights[id(x)]
            if acc >= r:
                chosen.append(remaining.pop(i))
                break
    return chosen[:k]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args(argv)
    rng = random.Random(SEED)
    pools = candidates(args.data)
    rows: list[dict[str, object]] = []
    for (corpus, split), k in QUOTAS.items():
        for src, fams, n in draw(pools.get((corpus, split), []), k, rng):
            rows.append({"corpus": corpus, "id": src.id, "outlet": src.outlet, "published": src.published or "",
                         "split": split, "sentences": n, "families": ",".join(sorted(fams)),
                         "sha256": sha256(src.text), "src": src})  # fmt: skip
    rng.shuffle(rows)
    for split, k in DOUBLE.items():
        for r in [r for r in rows if r["split"] == split][:k]:
            r["double"] = 1
    for i, r in enumerate(rows):
        r["batch"] = f"a{i // BATCH + 1:02d}"
    doubles = [r for r in rows if r.get("double")]
    for i, r in enumerate(doubles):
        r["batch_b"] = f"b{i // 10 + 1:02d}"
    _write(args.out, rows)
    fam_count = Counter(f for r in rows for f in str(r["families"]).split(",") if f)
    print(f"{len(rows)} articles, {sum(int(str(r['sentences'])) for r in rows)} sentences;",
          dict(Counter((r["corpus"], r["split"]) for r in rows)), dict(fam_count))  # fmt: skip
    return 0


def _write(out: Path, rows: list[dict[str, object]]) -> None:
    cols = ["corpus", "id", "outlet", "published", "split", "sentences", "families", "sha256", "batch", "batch_b"]
    lines = ["\t".join(cols)]
    for r in sorted(rows, key=lambda r: (str(r["batch"]), str(r["corpus"]), str(r["id"]))):
        lines.append("\t".join(str(r.get(c, "")) for c in cols))
    (out / "manifest.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    batches = out / "work" / "batches"
    batches.mkdir(parents=True, exist_ok=True)
    for key in ("batch", "batch_b"):
        names = sorted({str(r[key]) for r in rows if r.get(key)})
        for name in names:
            docs = [r["src"].doc() for r in rows if r.get(key) == name]  # type: ignore[attr-defined]
            text = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
            (batches / f"{name}.jsonl").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
