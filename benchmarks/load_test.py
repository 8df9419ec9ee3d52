"""Load test of the read API during an ingest, on DuckDB and on PostgreSQL, through a real server.

    PYTHONPATH=src python benchmarks/load_test.py [--n 2000] [--threads 20] [--seconds 20] [--backend duckdb]
        [--pg postgresql://postgres@127.0.0.1:5432/test] [--workers 2]

For each backend: a store of ``--n`` synthetic records (benchmarks/synthetic.py), served by
``marsad serve`` in a subprocess on 127.0.0.1 (ingest enabled by a token). First one reader thread
alone, then ``--threads`` reader threads for ``--seconds`` while another thread ingests new records
through ``POST /api/ingest`` (batches of 50, one after the other; ``--ingest process``: PostgreSQL only,
``marsad store load`` in a process of its own; ``--ingest none``: no writer). Readers go round a mix of the read
API (event pages and filters, one event, one article, quotes, actors, relations, timeline, stats) and
time each answer. ``--workers N`` serves PostgreSQL with ``marsad serve --workers N`` (DuckDB is always served
by one process). Prints the load average before each backend's run, p50/p99 per phase and a JSON line; exits 1
when p99 under load is 300 ms or more.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import records

from marsad.store import open_store

SRC = Path(__file__).resolve().parents[1] / "src"
TOKEN = "load-test-token"
TARGET_P99_MS = 300.0
PATHS = ["/api/events?limit=50", "/api/events?country=MAR&type=COERCE&limit=50", "EVENT", "ARTICLE",
         "/api/quotes?limit=50", "/api/actors?limit=50", "/api/relations?a=MAR&b=DZA&limit=50", "/api/timeline",
         "/api/events?since=2024-01-01&until=2024-06-30&limit=50", "/api/stats"]  # fmt: skip
INGEST_BATCH = 50


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _serve(url: str, workers: int = 1) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONUNBUFFERED": "1", "MARSAD_API_TOKEN": TOKEN}
    cli = "from marsad.cli import main; main()"
    cmd = [sys.executable, "-c", cli, "serve", "--db", url, "--port", "0", "--no-analyze", "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    found = re.search(r"http://127\.0\.0\.1:\d+", proc.stdout.readline())
    if not found:
        proc.kill()
        raise RuntimeError(f"the server did not start: {proc.communicate()[1][-2000:]}")
    base = found.group(0)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/stats", timeout=2):
                return proc, base
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("the server did not answer") from None
            time.sleep(0.2)


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def _readers(urls: list[str], threads: int, seconds: float | None, count: int | None) -> list[tuple[int, float]]:
    """``threads`` closed-loop readers going round ``urls`` (each from its own offset); (url index, ms) each."""
    out: list[tuple[int, float]] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds if seconds else None

    def run(k: int) -> None:
        mine: list[tuple[int, float]] = []
        i = k
        while (stop is None or time.monotonic() < stop) and (count is None or len(mine) < count):
            mine.append((i % len(urls), _get(urls[i % len(urls)])))
            i += 1
        with lock:
            out.extend(mine)

    workers = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return out


def _ingest(base: str, batches: list[list[dict[str, Any]]], stop: threading.Event, done: list[int]) -> None:
    """POST the batches one after the other over one keep-alive connection, as a client with a session does:
    with ``--workers N`` its batches then go to one worker, whose writer view stays current (a batch that lands
    on another worker than the last makes that worker reload its view of the whole store: see the README)."""
    host, port = urllib.parse.urlsplit(base).netloc.rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=120)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}
    try:
        for batch in batches:
            if stop.is_set():
                return
            conn.request("POST", "/api/ingest", json.dumps({"records": batch}, ensure_ascii=False).encode(), headers)
            with conn.getresponse() as response:
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"POST /api/ingest answered {response.status}")
            done[0] += len(batch)
    finally:
        conn.close()


def _load_process(url: str, records: list[dict[str, Any]], folder: Path) -> subprocess.Popen[str]:
    """``marsad store load`` of ``records`` into ``url`` in a process of its own (batches of 50)."""
    path = folder / "ingest.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    cmd = [sys.executable, "-c", "from marsad.cli import main; main()", "store", "load", str(path), "--db", url,
           "--batch-size", str(INGEST_BATCH)]  # fmt: skip
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)


def run_backend(url: str, n: int, threads: int, seconds: float, ingest: str = "api",
                workers: int = 1) -> dict[str, Any]:  # fmt: skip
    recs = records(n + 5000)
    started = time.perf_counter()
    with open_store(url) as store:
        store.add_records(recs[:n])
        event_id = store.events(limit=1, type="COERCE")[0].id
        article_id = store.events(limit=1)[0].id
        detail = store.event(event_id)
        article_id = detail.mentions[0].article_id if detail else article_id
    build_s = time.perf_counter() - started
    load = os.getloadavg()
    proc, base = _serve(url, workers)
    try:
        named = {"EVENT": f"/api/events/{event_id}", "ARTICLE": f"/api/articles/{article_id}"}
        urls = [base + urllib.parse.quote(named.get(p, p), safe="/?=&,.-") for p in PATHS]
        _readers(urls, 2 * workers, None, len(urls))  # warm-up: every path, in every worker (most likely)
        alone = [ms for _, ms in _readers(urls, 1, None, 10 * len(urls))]
        stop, done = threading.Event(), [0]
        batches = [recs[i : i + INGEST_BATCH] for i in range(n, len(recs), INGEST_BATCH)] if ingest == "api" else []
        writer = threading.Thread(target=_ingest, args=(base, batches, stop, done))
        loader = None
        with tempfile.TemporaryDirectory() as tmp:
            if ingest == "process":
                loader = _load_process(url, recs[n:], Path(tmp))
            writer.start()
            timed = _readers(urls, threads, seconds, None)
            stop.set()
            writer.join()
            if loader is not None:
                loader.terminate()
                loader.wait(30)
                with open_store(url, read_only=True) as store:
                    done[0] = store.stats()["tables"]["articles"] - n
    finally:
        proc.terminate()
        proc.wait(30)
    loaded = [ms for _, ms in timed]
    by_path = {PATHS[k]: [ms for j, ms in timed if j == k] for k in range(len(PATHS))}
    return {
        "build_s": round(build_s, 1), "workers": workers, "load_average": [round(x, 2) for x in load],
        "by_path": {p: {"p50_ms": round(statistics.median(v), 1), "p99_ms": round(_percentile(v, 0.99), 1)}
                    for p, v in by_path.items() if v},
        "alone": {"n": len(alone), "p50_ms": round(statistics.median(alone), 1),
                  "p99_ms": round(_percentile(alone, 0.99), 1)},
        "loaded": {"threads": threads, "n": len(loaded), "p50_ms": round(statistics.median(loaded), 1),
                   "p99_ms": round(_percentile(loaded, 0.99), 1), "max_ms": round(max(loaded), 1),
                   "requests_per_s": round(len(loaded) / seconds, 1), "ingested": done[0]},
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="records in the store before the test")
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--backend", choices=["duckdb", "postgres", "both"], default="both")
    parser.add_argument("--pg", default=os.environ.get("MARSAD_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--ingest", choices=["api", "process", "none"], default="api",
                        help="the writer: POST /api/ingest, `marsad store load` in its own process (PostgreSQL), none")
    parser.add_argument("--by-path", action="store_true", help="p50/p99 of each path under load too")
    parser.add_argument("--workers", type=int, default=1, help="PostgreSQL: `marsad serve --workers N`")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if args.backend in ("duckdb", "both") and args.ingest != "process":  # one writing process per DuckDB file
            results["duckdb"] = run_backend(str(Path(tmp) / "load.duckdb"), args.n, args.threads, args.seconds,
                                             args.ingest)
        if args.backend in ("postgres", "both"):
            schema = f"marsad_load_{uuid.uuid4().hex[:10]}"
            try:
                results["postgres"] = run_backend(f"{args.pg}?schema={schema}", args.n, args.threads, args.seconds,
                                                  args.ingest, args.workers)
            finally:
                import psycopg
                from psycopg import sql

                with psycopg.connect(args.pg, autocommit=True) as con:
                    con.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
    ok = True
    for name, r in results.items():
        a, lo = r["alone"], r["loaded"]
        flag = "" if lo["p99_ms"] < TARGET_P99_MS else f"  <-- p99 over {TARGET_P99_MS:.0f} ms"
        ok = ok and not flag
        print(f"{name} ({r['workers']} serving process{'es' if r['workers'] > 1 else ''}; load average before "
              f"{' / '.join(str(x) for x in r['load_average'])})")
        print(f"{name:<8} 1 thread alone: p50 {a['p50_ms']:6.1f} ms  p99 {a['p99_ms']:6.1f} ms | "
              f"{lo['threads']} threads during an ingest: p50 {lo['p50_ms']:6.1f} ms  p99 {lo['p99_ms']:6.1f} ms  "
              f"({lo['requests_per_s']} req/s, {lo['ingested']} records ingested){flag}")  # fmt: skip
        if args.by_path:
            for path, figures in r["by_path"].items():
                print(f"    {path:<55} p50 {figures['p50_ms']:6.1f} ms  p99 {figures['p99_ms']:6.1f} ms")
    print(json.dumps(results))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
