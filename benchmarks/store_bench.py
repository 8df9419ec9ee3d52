"""Store benchmark: write N analysed-looking records into DuckDB, report time, size and query latency.

Texts are SaudiNewsNet articles (../shared/data/saudinewsnet, CC BY-NC-SA 4.0); the events,
relations and quotes on them are synthetic but shaped like the pipeline's output (one to three
events per article, evidence spans inside the text, realistic places, actors and dates).

Usage: ``PYTHONPATH=src python benchmarks/store_bench.py [--n 10000] [--db PATH]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from marsad.store import open_store

ROOT = Path(__file__).resolve().parents[1]
_CANDIDATES = (ROOT / ".." / "shared", ROOT / ".." / ".." / "shared")
SHARED = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])
SNN = SHARED / "data" / "saudinewsnet"

PLACES = [
    ("Riyadh", "الرياض", 24.6877, 46.7219, "SAU", "Riyadh"), ("Jeddah", "جدة", 21.5433, 39.1728, "SAU", "Makkah"),
    ("Najran", "نجران", 17.4924, 44.1277, "SAU", "Najran"), ("Jazan", "جازان", 16.8892, 42.5511, "SAU", "Jazan"),
    ("Dammam", "الدمام", 26.4207, 50.0888, "SAU", "Eastern Province"),
    ("Abha", "أبها", 18.2164, 42.5053, "SAU", "Asir"), ("Sanaa", "صنعاء", 15.3694, 44.1910, "YEM", "Sanaa"),
    ("Aden", "عدن", 12.7855, 45.0187, "YEM", "Aden"), ("Baghdad", "بغداد", 33.3152, 44.3661, "IRQ", "Baghdad"),
    ("Ramadi", "الرمادي", 33.4258, 43.2994, "IRQ", "Anbar"), ("Aleppo", "حلب", 36.2021, 37.1343, "SYR", "Aleppo"),
    ("Kuwait City", "الكويت", 29.3759, 47.9774, "KWT", "Capital"),
    ("Cairo", "القاهرة", 30.0444, 31.2357, "EGY", "Cairo"),
    ("Rabat", "الرباط", 34.0209, -6.8416, "MAR", "Rabat-Salé-Kénitra"),
    ("Casablanca", "الدار البيضاء", 33.5731, -7.5898, "MAR", "Casablanca-Settat"),
    ("Algiers", "الجزائر", 36.7538, 3.0588, "DZA", "Algiers"), ("Tunis", "تونس", 36.8065, 10.1815, "TUN", "Tunis"),
    ("Tripoli", "طرابلس", 32.8872, 13.1913, "LBY", "Tripoli"), ("Bamako", "باماكو", 12.6392, -8.0029, "MLI", "Bamako"),
]  # fmt: skip
KINDS = [("COERCE", "arrest"), ("COERCE", "seize"), ("ASSAULT", "explosives"), ("ASSAULT", "firearms"),
         ("ASSAULT", "heavy-weapons"), ("PROTEST", "demo"), ("CONSULT", None), ("ACCUSE", None),
         ("AGREE", None)]  # fmt: skip
GROUPS = [("ISIL", "Islamic State"), ("AQAP", "al-Qaeda in the Arabian Peninsula"), ("HOUTHI", "Houthis"),
          ("AQIM", "al-Qaeda in the Islamic Maghreb"), (None, None)]  # fmt: skip
STATES = ["SAU", "YEM", "IRQ", "SYR", "KWT", "EGY", "MAR", "DZA", "TUN", "LBY", "MLI", "IRN", "TUR", "USA", "RUS"]
ARREST_ACLED = {"event_type": "Strategic developments", "sub_event_type": "Arrests"}
SPEAKERS = ["المتحدث الأمني", "وزير الداخلية", "وزير الخارجية", "المتحدث باسم التحالف", "مصدر مسؤول"]


def articles(n: int) -> Iterator[dict[str, Any]]:
    seen = 0
    for zpath in sorted(SNN.glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    if len(art.get("content") or "") >= 200:
                        yield art
                        seen += 1
                        if seen >= n:
                            return


def _span(text: str, rng: random.Random) -> tuple[int, int]:
    start = rng.randrange(0, max(1, len(text) - 120))
    return start, min(len(text), start + rng.randint(40, 120))


ISO3 = {"MA": "MAR", "EH": "ESH", "DZ": "DZA", "TN": "TUN", "LY": "LBY", "MR": "MRT", "ML": "MLI", "NE": "NER",
        "BF": "BFA", "TD": "TCD"}  # fmt: skip


def gazetteer_places(limit: int = 600) -> list[tuple[str, str, float, float, str, str]]:
    """The most populous GeoNames places of the Maghreb and Sahel (CC BY 4.0), for realistic spread."""
    path = SHARED / "data" / "gazetteers" / "geonames_maghreb_sahel" / "cities500_maghreb_sahel.tsv"
    if not path.exists():
        return []
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines()[1:]]
    rows.sort(key=lambda r: -int(r[6] or 0))
    return [(r[1], (r[7].split("|")[0] or r[1]), float(r[4]), float(r[5]), ISO3.get(r[2], r[2]), r[3])
            for r in rows[:limit]]  # fmt: skip


def happening(published: dt.date, rng: random.Random) -> dict[str, Any]:
    """One synthetic happening (what several articles may report)."""
    typ, mode = rng.choice(KINDS)
    name, name_ar, lat, lon, country, admin1 = rng.choice(PLACES if rng.random() < 0.3 else ALL_PLACES)
    grp, grp_name = rng.choice(GROUPS)
    day = published - dt.timedelta(days=rng.randint(0, 2))
    return {"type": typ, "mode": mode, "place": (name, name_ar, lat, lon, country, admin1), "group": (grp, grp_name),
            "day": day}  # fmt: skip


def synth(art: dict[str, Any], i: int, rng: random.Random, pool: list[dict[str, Any]]) -> dict[str, Any]:
    """An analysed-looking record: one to three events, each a new happening or a report of a recent one."""
    text = art["content"].strip()
    published = dt.date.fromisoformat(art["date_extracted"][:10])
    events = []
    for k in range(rng.randint(1, 3)):
        recent = [h for h in pool[-300:] if 0 <= (published - h["day"]).days <= 2]
        h = rng.choice(recent) if recent and rng.random() < 0.5 else happening(published, rng)
        if h not in recent:
            pool.append(h)
        name, name_ar, lat, lon, country, admin1 = h["place"]
        grp, grp_name = h["group"]
        typ, mode = h["type"], h["mode"]
        s, e = _span(text, rng)
        precise = rng.random() < 0.7
        events.append({
            "id": f"V{k + 1}", "type": typ, "mode": mode, "status": "occurred",
            "acled": ARREST_ACLED if mode == "arrest" else None,
            "actor": {"code": country, "name": country, "entity": None},
            "recipient": {"code": grp, "name": grp_name, "entity": None} if grp else None,
            "place": {"name": name, "name_ar": name_ar,
                      "lat": lat if precise else None, "lon": lon if precise else None,
                      "country": country, "admin1": admin1, "precision": "town" if precise else "admin1"},
            "date": {"value": h["day"].isoformat(), "end": None, "precision": "day", "text": None}
            if rng.random() < 0.8 else None,
            "counts": {"people": rng.choice([None, 2, 3, 5, 12]), "killed": None, "injured": None},
            "evidence": {"text": text[s:e], "start": s, "end": e}, "confidence": round(rng.uniform(0.4, 0.95), 3),
        })  # fmt: skip
    rels, quotes = [], []
    if rng.random() < 0.3:
        a, b = rng.sample(STATES[:11], 2)
        s, e = _span(text, rng)
        rels.append({"id": "R1", "a": a, "b": b, "type": "COOPERATE", "polarity": rng.choice([-1, 1, 1]),
                     "domain": "security", "attributed_to": None, "evidence": {"text": text[s:e], "start": s, "end": e},
                     "confidence": round(rng.uniform(0.4, 0.95), 3)})  # fmt: skip
    if rng.random() < 0.3:
        s, e = _span(text, rng)
        quotes.append({"id": "Q1", "speaker": {"text": rng.choice(SPEAKERS), "entity": None}, "cue": "قال",
                       "cue_span": {"start": s, "end": s + 3}, "kind": "indirect",
                       "evidence": {"text": text[s:e], "start": s, "end": e}, "confidence": 0.7})  # fmt: skip
    return {"id": f"bench-{i:05d}", "title": art.get("title"), "url": art.get("url"), "source": art.get("source"),
            "author": art.get("author"), "published": published.isoformat(), "text": text, "entities": [],
            "events": events, "quotes": quotes, "relations": rels, "provenance": None, "diagnostics": []}  # fmt: skip


def _timed(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return round(best * 1000, 1)


ALL_PLACES = gazetteer_places() or PLACES


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--db", type=Path, default=None)
    args = ap.parse_args()
    rng = random.Random(7)
    pool: list[dict[str, Any]] = []
    records = [synth(a, i, rng, pool) for i, a in enumerate(articles(args.n))]
    tmp = tempfile.TemporaryDirectory()
    path = args.db or Path(tmp.name) / "bench.duckdb"
    t0 = time.perf_counter()
    with open_store(path) as store:
        results = store.add_records(records)
        ingest_s = time.perf_counter() - t0
        stats = store.stats()
        some = store.events(limit=1)[0].id
        lat = {
            "events()": _timed(store.events),
            "events(country,type,mode,since)": _timed(lambda: store.events(country="SAU", type="COERCE", mode="arrest",
                                                                           since="2015-07-01")),
            "events(actor)": _timed(lambda: store.events(actor="ISIL")),
            "events(near Riyadh 50km)": _timed(lambda: store.events(near=(24.7, 46.7, 50.0))),
            "events(text)": _timed(lambda: store.events(text="الأمن")),
            "event(id)": _timed(lambda: store.event(some)),
            "quotes(speaker)": _timed(lambda: store.quotes(speaker="وزير الداخلية")),
            "relations(pair)": _timed(lambda: store.relations(pair=("SAU", "YEM"))),
            "cooperation_index": _timed(lambda: store.cooperation_index("SAU", "YEM")),
            "actors()": _timed(store.actors),
            "stats()": _timed(store.stats),
            "article(id)": _timed(lambda: store.article("bench-00042")),
        }  # fmt: skip
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    print(json.dumps({
        "records": len(records), "ingest_seconds": round(ingest_s, 1),
        "records_per_second": round(len(records) / ingest_s, 1), "db_bytes": size, "db_mib": round(size / 2**20, 1),
        "near_duplicates": sum(r.status == "near_duplicate" for r in results),
        "tables": stats["tables"], "events_with_several_reports": stats["events_with_several_reports"],
        "query_ms": lat, "slowest_query_ms": max(lat.values()),
    }, ensure_ascii=False, indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
