"""Time the API and the dashboard pages on a store of N synthetic articles (default 10,000).

    PYTHONPATH=src python benchmarks/api_bench.py [--n 10000] [--db /tmp/marsad-bench.duckdb] [--repeat 5]

Builds the store once (kept for later runs), then times each URL through a real uvicorn server on
127.0.0.1 (median and worst of --repeat requests after one warm-up). Prints a table and JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import records

from marsad.api import create_app
from marsad.api.server import start_in_thread
from marsad.store import open_store

URLS = [
    "/", "/?country=MAR&type=COERCE", "/?text=المخدرات&since=2024-01-01", "/?offset=5000",
    "/api/events", "/api/events?country=MLI&type=ASSAULT&limit=200", "/api/events?near=33.57,-7.59,100",
    "/api/events?text=عبوة ناسفة", "/api/events.geojson", "/api/events.geojson?country=DZA", "/api/timeline",
    "/api/dyads", "/api/relations?a=MAR&b=DZA", "/api/relations/index?a=MAR&b=DZA", "/api/actors",
    "/api/quotes?speaker=المسؤول", "/api/articles?offset=9000", "/api/stats",
    "EVENT", "EVENT_PAGE", "ARTICLE", "ARTICLE_PAGE",
]  # fmt: skip


def build(db: Path, n: int) -> float:
    store = open_store(db)
    have = store.stats()["tables"]["articles"]
    started = time.perf_counter()
    if have < n:
        store.add_records(records(n)[have:])
    store.close()
    return time.perf_counter() - started


def fetch(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        size = len(response.read())
    return (time.perf_counter() - started) * 1000, size


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/marsad-bench.duckdb"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    build_s = build(args.db, args.n)
    store = open_store(args.db, read_only=True)
    stats = store.stats()
    event_id = store.events(limit=1, type="COERCE")[0].id
    article_id = store.event(event_id).mentions[0].article_id  # type: ignore[union-attr]
    app = create_app(store)
    app.state.marsad.cache_s = 0.0  # time every page cold: no reuse of the header figures
    server = start_in_thread(app)
    results = []
    try:
        named = {"EVENT": f"/api/events/{event_id}", "EVENT_PAGE": f"/events/{event_id}",
                 "ARTICLE": f"/api/articles/{article_id}", "ARTICLE_PAGE": f"/articles/{article_id}"}
        for name in URLS:
            path = named.get(name, name)
            url = server.url + urllib.parse.quote(path, safe="/?=&,.-")
            fetch(url)
            times = [fetch(url) for _ in range(args.repeat)]
            ms = [t for t, _ in times]
            results.append({"path": path, "median_ms": round(statistics.median(ms), 1), "max_ms": round(max(ms), 1),
                            "bytes": times[-1][1]})  # fmt: skip
    finally:
        server.stop()
        store.close()
    print(f"store: {stats['tables']['articles']} articles, {stats['tables']['events']} events, "
          f"{stats['tables']['relations']} relations (built/topped up in {build_s:.0f} s)")
    width = max(len(r["path"]) for r in results)
    for r in results:
        flag = "" if r["max_ms"] < 300 else "  <-- over 300 ms"
        timing = f"median {r['median_ms']:>7.1f} ms  max {r['max_ms']:>7.1f} ms"
        print(f"{r['path']:<{width}}  {timing}  {r['bytes']:>8} B{flag}")
    print(json.dumps({"articles": stats["tables"]["articles"], "events": stats["tables"]["events"], "results": results},
                     ensure_ascii=False))  # fmt: skip
    return 0 if all(r["max_ms"] < 300 for r in results) else 1


if __name__ == "__main__":
    import urllib.parse

    raise SystemExit(main())
