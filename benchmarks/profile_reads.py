"""Where a read request's CPU goes in the serving process: the load test's read mix under a CPU profiler.

    pip install yappi   # not a marsad dependency: only this script uses it
    PYTHONPATH=src python benchmarks/profile_reads.py [--n 2000] [--threads 20] [--seconds 10] [--backend postgres]
        [--pg postgresql://postgres@127.0.0.1:5432/test] [--top 40]

A store of ``--n`` synthetic records (as ``load_test.py``) is served by the real app and uvicorn in a thread
of this process, profiled by yappi on the CPU clock in every thread; the readers run in a child process
(``load_test._readers``) so that their CPU is not counted. Prints the functions with the most inclusive
CPU, and the CPU per request (the process's CPU seconds over the requests answered).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_test import PATHS, _get
from synthetic import records

from marsad.store import open_store

SRC = Path(__file__).resolve().parents[1] / "src"
CHILD = """
import json, sys
sys.path.insert(0, {bench!r})
from load_test import _readers
urls = json.loads(sys.argv[1])
print(len(_readers(urls, int(sys.argv[2]), float(sys.argv[3]), None)))
"""


def _urls(base: str, store: Any) -> list[str]:
    event_id = store.events(limit=1, type="COERCE")[0].id
    detail = store.event(event_id)
    named = {"EVENT": f"/api/events/{event_id}", "ARTICLE": f"/api/articles/{detail.mentions[0].article_id}"}
    return [base + urllib.parse.quote(named.get(p, p), safe="/?=&,.-") for p in PATHS]


def profile(url: str, n: int, threads: int, seconds: float, top: int) -> None:
    import yappi  # top == 0: CPU per request only, without the profiler's overhead

    from marsad.api import create_app
    from marsad.api.server import start_in_thread

    with open_store(url) as store:
        store.add_records(records(n))
    store = open_store(url, read_only=True)
    running = start_in_thread(create_app(store, token=None))
    try:
        urls = _urls(running.url, store)
        for u in urls:
            _get(u)
        yappi.set_clock_type("cpu")
        if top:
            yappi.start(builtins=True)
        cpu0 = time.process_time()
        env = {**os.environ, "PYTHONPATH": str(SRC)}
        child = CHILD.format(bench=str(Path(__file__).resolve().parent))
        done = subprocess.run([sys.executable, "-c", child, json.dumps(urls), str(threads), str(seconds)], env=env,
                              capture_output=True, text=True, check=True)  # fmt: skip
        cpu = time.process_time() - cpu0
        yappi.stop()
    finally:
        running.stop()
        store.close()
    answered = int(done.stdout.strip().splitlines()[-1])
    print(f"{answered} requests in {seconds:.0f} s ({answered / seconds:.1f}/s); serving process CPU {cpu:.2f} s "
          f"({'profiler included' if top else 'no profiler'}): {1000 * cpu / answered:.2f} ms per request")  # fmt: skip
    if not top:
        return
    stats = yappi.get_func_stats()
    stats.sort("ttot", "desc")
    total = sum(s.ttot for s in yappi.get_thread_stats())
    print(f"{'inclusive CPU s':>15} {'share':>6} {'self s':>7} {'calls':>8}  function")
    for s in list(stats)[:top]:
        where = f"{Path(s.module).name}:{s.lineno}"
        print(f"{s.ttot:15.2f} {s.ttot / total:6.1%} {s.tsub:7.2f} {s.ncall:8d}  {s.name} ({where})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--backend", choices=["duckdb", "postgres"], default="postgres")
    parser.add_argument("--pg", default=os.environ.get("MARSAD_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--top", type=int, default=40, help="functions to show; 0: no profiler, CPU per request")
    args = parser.parse_args()
    if args.backend == "duckdb":
        with tempfile.TemporaryDirectory() as tmp:
            profile(str(Path(tmp) / "p.duckdb"), args.n, args.threads, args.seconds, args.top)
        return 0
    schema = f"marsad_prof_{uuid.uuid4().hex[:10]}"
    try:
        profile(f"{args.pg}?schema={schema}", args.n, args.threads, args.seconds, args.top)
    finally:
        import psycopg
        from psycopg import sql

        with psycopg.connect(args.pg, autocommit=True) as con:
            con.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
