"""Time ``/``, the dashboard pages and every read API call on a big store: median and p95 latency.

    PYTHONPATH=src python benchmarks/api_bench.py [--source saudinewsnet|synthetic] [--days 30] [--n 10000]
        [--db /tmp/marsad-bench-snn.duckdb] [--repeat 20]

The store is built once and kept for later runs: from the SaudiNewsNet daily zips in
``../shared/data/saudinewsnet`` analysed by ``marsad ingest`` (``--days``: how many daily zips, in
date order; all 12,000+ articles take long on a small shared machine, so say how many were used), or
from ``--n`` synthetic records (``benchmarks/synthetic.py``). Each URL is timed through a real uvicorn
server on 127.0.0.1, one warm-up then ``--repeat`` requests, beside a reference measured in the same
run: a static file of the same server (the floor of one request on this machine at this moment).
Prints a table and JSON; exits 1 when a median is over 200 ms (the dashboard's budget, #18).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import records

from marsad.api import create_app
from marsad.api.server import start_in_thread
from marsad.store import open_store

SNN = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "saudinewsnet"
BUDGET_MS = 200.0
REFERENCE = "/static/img/favicon.svg"
URLS = [
    "/", "/?country=SAU&type=ASSAULT", "/?text=الحوثي", "/?offset=2000",
    "/api/events", "/api/events?country=SAU&type=ASSAULT&limit=200", "/api/events?near=Riyadh:100km",
    "/api/events?near=24.71,46.68,50", "/api/events?actor=داعش", "/api/events?actor=السعودية&sort=-killed",
    "/api/events?min_confidence=0.8&sort=confidence", "/api/events?text=عبوة ناسفة", "/api/events?offset=2000",
    "/api/events.geojson", "/api/events.geojson?country=YEM", "/api/timeline", "/api/timeline?granularity=day",
    "/api/timeline?granularity=week&country=SAU", "/api/figures", "/api/figures?actor=داعش&type=ASSAULT",
    "/api/dyads", "/api/dyads?country=SAU&type=CONSULT", "/api/relations", "/api/relations?a=SAU&b=YEM",
    "/api/relations/index?a=SAU&b=YEM", "/api/actors", "/api/actors/ISIL", "/api/actors/SAU", "/api/countries/SAU",
    "/api/countries/MAR", "/api/entities", "/api/entities?q=الرياض", "/api/quotes", "/api/quotes?speaker=المتحدث",
    "/api/articles", "/api/articles?offset=2000", "/api/sources", "/api/sources?country=YEM", "/api/stats",
    "/api/export?format=csv&country=YEM", "/api/export?format=geojson&type=ASSAULT",
    "/api/export?format=acled&since=2015-08-01", "EVENT", "EVENT_CORRECTIONS", "EVENT_PAGE", "ARTICLE", "ARTICLE_PAGE",
]  # fmt: skip


def build_synthetic(db: Path, n: int) -> float:
    store = open_store(db)
    have = store.stats()["tables"]["articles"]
    started = time.perf_counter()
    if have < n:
        store.add_records(records(n)[have:])
    store.close()
    return time.perf_counter() - started


def build_saudinewsnet(db: Path, days: int) -> float:
    """``marsad ingest`` of the first ``days`` daily zips (a zip already stored is skipped as duplicates);
    ``days`` 0: the store as it is."""
    if days == 0:
        return 0.0
    zips = sorted(SNN.glob("*.zip"))[:days]
    if not zips:
        raise SystemExit(f"no SaudiNewsNet zips in {SNN}")
    started = time.perf_counter()
    marsad = str(Path(sys.executable).with_name("marsad"))  # the console script beside this interpreter
    subprocess.run([marsad, "ingest", *map(str, zips), "--db", str(db), "--workers", "1", "--map",
                    "text=content,published=date_extracted"], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - started


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def time_url(base: str, path: str, repeat: int) -> dict[str, object]:
    url = base + urllib.parse.quote(path, safe="/?=&,.:-")
    fetch(url)  # warm-up
    ms = [fetch(url) for _ in range(repeat)]
    return {"path": path, "median_ms": round(statistics.median(ms), 1), "p95_ms": round(p95(ms), 1)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", choices=("saudinewsnet", "synthetic"), default="saudinewsnet")
    parser.add_argument("--days", type=int, default=60, help="SaudiNewsNet daily zips to ingest (0: none)")
    parser.add_argument("--n", type=int, default=10_000, help="synthetic articles")
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    db = args.db or Path(f"/tmp/marsad-bench-{'snn' if args.source == 'saudinewsnet' else 'syn'}.duckdb")
    snn = args.source == "saudinewsnet"
    build_s = build_saudinewsnet(db, args.days) if snn else build_synthetic(db, args.n)
    store = open_store(db, read_only=True)
    stats = store.stats()
    event_id = store.events(limit=1, sort="-reports")[0].id
    article_id = store.event(event_id).mentions[0].article_id  # type: ignore[union-attr]
    app = create_app(store)
    app.state.marsad.cache_s = 0.0  # time every page cold: no reuse of the header figures
    server = start_in_thread(app)
    named = {"EVENT": f"/api/events/{event_id}", "EVENT_CORRECTIONS": f"/api/events/{event_id}/corrections",
             "EVENT_PAGE": f"/events/{event_id}", "ARTICLE": f"/api/articles/{article_id}",
             "ARTICLE_PAGE": f"/articles/{article_id}"}  # fmt: skip
    try:
        reference = time_url(server.url, REFERENCE, args.repeat)
        results = [time_url(server.url, named.get(name, name), args.repeat) for name in URLS]
        reference_after = time_url(server.url, REFERENCE, args.repeat)
    finally:
        server.stop()
        store.close()
    tables = stats["tables"]
    print(f"store ({args.source}): {tables['articles']} articles, {tables['events']} events, "
          f"{tables['relations']} relations, {tables['quotes']} quotes (built/topped up in {build_s:.0f} s)")
    width = max(len(str(r["path"])) for r in results)
    ref = float(reference["median_ms"])  # type: ignore[arg-type]
    print(f"{'reference ' + REFERENCE:<{width}}  median {ref:>7.1f} ms  p95 {reference['p95_ms']:>7.1f} ms"
          f"  (after the run: median {reference_after['median_ms']} ms)")
    for r in results:
        med = float(r["median_ms"])  # type: ignore[arg-type]
        flag = "" if med < BUDGET_MS else f"  <-- median over {BUDGET_MS:.0f} ms"
        print(f"{r['path']:<{width}}  median {med:>7.1f} ms  p95 {r['p95_ms']:>7.1f} ms"
              f"  ×{med / max(ref, 0.1):>6.1f} ref{flag}")  # fmt: skip
    print(json.dumps({"source": args.source, "articles": tables["articles"], "events": tables["events"],
                      "reference": reference, "reference_after": reference_after, "results": results},
                     ensure_ascii=False))  # fmt: skip
    return 0 if all(float(r["median_ms"]) < BUDGET_MS for r in results) else 1  # type: ignore[arg-type]


if __name__ == "__main__":
    raise SystemExit(main())
